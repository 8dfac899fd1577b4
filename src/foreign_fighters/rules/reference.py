"""Reference facts the rules check the data against: country codes from pycountry (ISO 3166-1),
the names the sources use that pycountry lacks, and the regions' memberships.

pycountry knows each country by its ISO names ("Russian Federation", "Türkiye"); the press writes
"Russia", "Turkey", "Britain". A name here is one the sources print, mapped to its ISO 3166-1
alpha-3 code; a quote may name its origin by any alias listed for it.
"""

from __future__ import annotations

from functools import cache

# Names the sources use -> ISO 3166-1 alpha-3, where pycountry's names differ.
COUNTRY_NAMES = {
    "Britain": "GBR", "United Kingdom": "GBR", "UK": "GBR",
    "United States": "USA", "US": "USA", "U.S.": "USA", "America": "USA",
    "Russia": "RUS", "Turkey": "TUR", "Iran": "IRN", "Syria": "SYR",
    "Bosnia": "BIH", "Macedonia": "MKD", "Moldova": "MDA", "Palestine": "PSE",
}  # fmt: skip

# Other words a quote may name an origin by (demonyms, short forms), beside its own name.
ALIASES = {
    "Britain": ("UK", "United Kingdom", "British", "Britons", "Briton", "England", "English"),
    "United States": ("US", "U.S.", "America", "American", "Americans"),
    "European Union": ("EU", "Europe", "European", "Europeans"),
    "Uyghurs": ("Uyghur", "Uighurs", "Uighur"),
    "Russia": ("Russian", "Russians"), "Tunisia": ("Tunisian", "Tunisians"), "Morocco": ("Moroccan", "Moroccans"),
    "Algeria": ("Algerian", "Algerians"), "Tajikistan": ("Tajik", "Tajiks", "Tajikistani", "Tajikistanis"),
    "Uzbekistan": ("Uzbek", "Uzbeks"), "Former Soviet Union": ("Soviet",), "Saudi Arabia": ("Saudi", "Saudis"),
    "Central Asia": ("Central Asian",), "France": ("French", "Frenchmen"), "Netherlands": ("Dutch",),
    "Jordan": ("Jordanian", "Jordanians"), "Australia": ("Australian", "Australians"),
    "Egypt": ("Egyptian", "Egyptians"), "Libya": ("Libyan", "Libyans"), "Sweden": ("Swedish", "Swedes"),
    "Germany": ("German", "Germans"), "Belgium": ("Belgian", "Belgians"), "Austria": ("Austrian", "Austrians"),
    "Georgia": ("Georgian", "Georgians"), "Turkey": ("Turkish", "Turks"), "Kazakhstan": ("Kazakh", "Kazakhs"),
    "Kyrgyzstan": ("Kyrgyz",), "Turkmenistan": ("Turkmen",), "Azerbaijan": ("Azerbaijani", "Azerbaijanis"),
    "Canada": ("Canadian", "Canadians"), "Denmark": ("Danish", "Danes"),
    "Bosnia and Herzegovina": ("Bosnia", "Bosnian", "Bosnians"), "Western Balkans": ("Balkans",),
    "North Africa": ("North African",),
}  # fmt: skip

# Members of a region in 2017, from a published classification. A region without one here has
# no membership check; its rows' notes say what it is taken to include.
REGIONS = {
    # The European Union's 28 member states in 2017 (the United Kingdom left in 2020).
    "European Union": frozenset(
        [
            "AUT",
            "BEL",
            "BGR",
            "HRV",
            "CYP",
            "CZE",
            "DNK",
            "EST",
            "FIN",
            "FRA",
            "DEU",
            "GRC",
            "HUN",
            "IRL",
            "ITA",
            "LVA",
            "LTU",
            "LUX",
            "MLT",
            "NLD",
            "POL",
            "PRT",
            "ROU",
            "SVK",
            "SVN",
            "ESP",
            "SWE",
            "GBR",
        ]
    ),
    # UN M49 "Central Asia" (143): the five former Soviet republics.
    "Central Asia": frozenset({"KAZ", "KGZ", "TJK", "TKM", "UZB"}),
}


@cache
def iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def code_of(name: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a country as the sources name it, or None."""
    if name in COUNTRY_NAMES:
        return COUNTRY_NAMES[name]
    import pycountry

    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None

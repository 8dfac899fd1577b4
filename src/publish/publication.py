"""Where the package lives and how to cite it, from the two places that say so.

datapackage.json's `homepage` (the landing page) and `licenses` and pyproject.toml's `[tool.foreign-fighters]`
(the repository, the release download base, the Zenodo DOI once there is one, the CKAN
organisation). Every artifact's absolute URLs and every rendering of the citation come from here;
CITATION.cff repeats the URLs and a test holds it to them.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

from .safe import link, md_text

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Publication:
    version: str
    homepage: str
    repository: str
    downloads: str  # a template with {version}
    doi: str  # "" until the first release is archived
    ckan_owner_org: str
    license_name: str  # the data's licence, as datapackage.json names it (an SPDX-like id); "" if unnamed
    license_url: str  # "" when the descriptor gives no address that is safe to link to

    def download(self, name: str) -> str:
        """The absolute URL of a release asset of this version."""
        return self.downloads.format(version=self.version) + name

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""


def publication(root: Path = ROOT) -> Publication:
    dp = json.loads((root / "datapackage.json").read_text("utf-8"))
    tool = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["foreign-fighters"]
    # Data Package v2 names a licence by `name`, `path` or both, and makes `homepage` optional:
    # without one the repository is where the package lives. Every output links to these, so an
    # address that is no safe link (`javascript:`, `../`) is dropped here, once.
    licence: dict[str, Any] = next(iter(dp.get("licenses") or []), {})
    return Publication(
        version=dp["version"],
        homepage=link(dp.get("homepage"), absolute=True) or tool["repository"],
        repository=tool["repository"],
        downloads=tool["downloads"],
        doi=tool["doi"],
        ckan_owner_org=tool["ckan-owner-org"],
        license_name=str(licence.get("name", "")),
        license_url=link(licence.get("path")) or "",
    )


def citation_file(root: Path = ROOT) -> dict[str, Any]:
    return cast(dict[str, Any], yaml.safe_load((root / "CITATION.cff").read_text("utf-8")))


def report(cff: dict[str, Any]) -> dict[str, Any]:
    """The original report, CITATION.cff's one reference of type report."""
    (found,) = [r for r in cff["references"] if r["type"] == "report"]
    return cast(dict[str, Any], found)


def _year(cff: dict[str, Any]) -> str:
    return str(cff["preferred-citation"]["date-released"])[:4]


def apa(cff: dict[str, Any], pub: Publication) -> list[str]:
    """The dataset and the report in APA (7th edition), as Markdown: the dataset first. The words are
    escaped, so that a title makes no link or tag; an address is left bare (a reader links it) only
    when it is a safe link."""
    data, rep = cff["preferred-citation"], report(cff)
    person = rep["authors"][0]
    m = md_text
    return [
        f"{m(data['authors'][0]['name'])}. ({m(_year(cff))}). *{m(data['title'])}* (Version {m(data['version'])}) "
        f"[Data set]. {_address(pub.doi_url or pub.homepage)}",
        f"{m(person['family-names'])}, {m(str(person['given-names'])[:1])}. ({m(rep['year'])}). *{m(rep['title'])}*. "
        f"{m(rep['institution']['name'])}. {_address(rep['url'])}",
    ]


def _address(url: object) -> str:
    return link(url) or md_text(url)


def bibtex(cff: dict[str, Any], pub: Publication) -> str:
    """Both entries as BibTeX; the organisation in braces, so that no tool splits it into names."""
    data, rep = cff["preferred-citation"], report(cff)
    person = rep["authors"][0]
    doi = f"  doi = {{{pub.doi}}},\n" if pub.doi else ""  # none shown until one exists
    return (
        f"@misc{{foreign_fighters_{_year(cff)},\n"
        f"  author = {{{{{data['authors'][0]['name']}}}}},\n"
        f"  title = {{{{{data['title']}}}}},\n"
        f"  year = {{{_year(cff)}}},\n"
        f"  version = {{{data['version']}}},\n"
        f"  howpublished = {{Data set}},\n"
        f"  url = {{{pub.homepage}}},\n"
        f"{doi}"
        f"}}\n\n"
        f"@techreport{{{person['family-names'].lower()}_{rep['year']},\n"
        f"  author = {{{person['family-names']}, {person['given-names']}}},\n"
        f"  title = {{{{{rep['title']}}}}},\n"
        f"  institution = {{{rep['institution']['name']}}},\n"
        f"  year = {{{rep['year']}}},\n"
        f"  month = {{{rep['month']}}},\n"
        f"  url = {{{rep['url']}}},\n"
        f"}}\n"
    )

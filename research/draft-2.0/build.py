#!/usr/bin/env python3
"""Build the version-2 draft tables from the research records.

Reads /root/ff-research/*.json, /work/shared/source/article.txt and the v1 CSVs (read only);
writes sources.csv, figures-by-source.csv, fighters-by-origin.csv, headline-figures.csv and
decisions.json (machine-readable log used by report.md) in this folder.
"""
import csv, json, os, re, collections, math

HERE = os.path.dirname(os.path.abspath(__file__))
RES = '/root/ff-research'
FILES = ['en.json', 'fr-es-it-pt.json', 'de-nl-tr-nordic-balkan.json', 'ru-ar-asia.json']
ARTICLE_URL = 'http://fightingfortrump.com/report-americans-leaving-to-join-isis-slipping-through-the-cracks/'
ART = 'fightingfortrump-2017-10'

# ---------------------------------------------------------------- sources (by url prefix)
# url-prefix: (id, copy_of id, external original (not a row) or '', extra note)
S = [
 (ARTICLE_URL, ART, '', 'Fox News (Hollie McKay, "Almost all American ISIS fighters unaccounted for, sparking fears they could slip through cracks and return", late October 2017)', 'The press article that version 1 transcribed (source/article.txt); no date shown, "released this week" dates it to the report\'s release week.'),
 ('http://www.live-let-live.org/', 'liveandletlive-2017-10', '', 'IJR (Independent Journal Review), itself following Fox News', 'Ends with "Source: IJR".'),
 ('https://www.americanthinker.com/', 'americanthinker-2017-10-30', 'dailymail-2017-10-24', '', 'Says "From the Daily Mail".'),
 ('http://sbynews.blogspot.com/', 'sbynews-2017-10', 'truepundit-2017-10', '', 'Reposts the True Pundit / Breitbart text.'),
 ('https://uk.news.yahoo.com/', 'yahoouk-2017-10', '', '', 'Possibly syndicated from The Independent; not stated on the page.'),
 ('http://www.huffingtonpost.co.uk/', 'huffpostuk-2017-10-24', '', '', ''),
 ('https://hamzala.com/', 'hamzala-2017-10', 'huffpostuk-2017-10-24', '', 'Text identical to HuffPost UK.'),
 ('https://www.infowars.com/', 'infowars-2017-10-24', '', 'The Telegraph ("More British Isil fighters have returned home than any other Western country", 2017-10-24)', ''),
 ('https://www.blazingcatfur.ca/', 'blazingcatfur-2017-10-25', '', 'The Telegraph ("More British Isil fighters have returned home than any other Western country", 2017-10-24)', ''),
 ('http://www.dailymail.co.uk/', 'dailymail-2017-10-24', '', '', 'Names the report by its author ("The paper, written by Richard Barrett") and "a new report reveals today"; its copy on American Thinker names the Soufan Center report.'),
 ('https://americanactionnews.com/', 'americanactionnews-2017-10-28', '', 'Fox News (Hollie McKay, late October 2017)', 'Wording identical to the Fox News article.'),
 ('https://www.nbcnews.com/', 'nbcnews-2017-10-24', '', '', ''),
 ('https://independent.co.uk/', 'independent-2017-10', '', '', 'Date not shown on the stored copy; copies are dated 2017-10-24 to 2017-10-27.'),
 ('http://thenation.org.uk/', 'thenation-2017-10-27', 'independent-2017-10', '', 'Says "The Independent quoting the research has reported".'),
 ('https://mcb777.fun/', 'mcb777-2017-10', '', 'The Sun (inferred from headline and style; not stated)', 'Scraper site reproducing a UK tabloid article.'),
 ('https://nltimes.nl/2017/10/27/', 'nltimes-2017-10-27', '', 'RTL Nieuws', ''),
 ('https://mark-youngman.com/', 'markyoungman-2018-04-05', 'rferl-2017-10-24', '', 'Research blog; the passage used quotes RFE/RL.'),
 ('https://thesuffolkjournal.com/', 'suffolkjournal-2017-10-25', '', 'BBC News (wording follows the BBC report of 2017-10-24; not credited)', 'Student paper.'),
 ('http://www.novinite.com/', 'novinite-2017-10-24', '', 'BBC News ("quoted by BBC")', ''),
 ('https://www.annuairedeconstantine.com/', 'annuairedeconstantine-2017-10', 'businessinsider-2017-10', '', 'Worthy News item ending "[ Source: Business Insider (Read More…) ]".'),
 ('https://rferl.org/', 'rferl-2017-10-24', '', '', ''),
 ('https://highergroundtimes.com/', 'washingtontimes-2017-10-24', '', '', 'Page header: "The Washington Times - Tuesday, October 24, 2017".'),
 ('http://foxnews.com/world/2017/10/25/', 'foxnews-2017-10-25', '', '', 'A second Fox News article, not the Hollie McKay piece that the preferred article rewrites.'),
 ('http://realrussiatoday.com/', 'realrussiatoday-2017-10-27', 'washingtontimes-2017-10-24', '', 'Rounded figures, apparently via a Russian-language retelling.'),
 ('http://www.soufangroup.com/tsc-report-cited-by-malaysian-digest', 'malaysiandigest-2017-11-02', '', 'Malaysian Digest, probably from Al Jazeera English ("How Russia spawned more ISIL fighters than most nations")', 'Excerpt reposted on soufangroup.com ("TSC Report Cited by Malaysian Digest").'),
 ('https://www.businessinsider.com/', 'businessinsider-2017-10', '', '', 'Chart credited "The Soufan Center/Statista/Mike Nudelman".'),
 ('https://businessinsider.nl/', 'businessinsidernl-2017-10', 'businessinsider-2017-10', '', 'English text of the US article.'),
 ('https://www.abc.net.au/', 'abc-2017-10-25', '', '', 'Wording suggests wire copy (AP); not stated.'),
 ('https://www.infobalkans.com/', 'infobalkans-2017-10-24', '', 'BIRN (Balkan Insight), "250 Islamist Fighters Return to Balkans: Report"', ''),
 ('http://balkanspost.com/', 'balkanspost-2017-10', '', 'BIRN (Balkan Insight), rewritten; not credited', ''),
 ('http://www.soufangroup.com/tsc-report-cited-by-european-western-balkans', 'ewb-soufangroup-2017-11-13', 'ewb-2017-11-13', '', 'Excerpt of the European Western Balkans article reposted on soufangroup.com.'),
 ('https://europeanwesternbalkans.com/', 'ewb-2017-11-13', '', '', 'By Katarina Anđelković.'),
 ('https://1tv.ge/', '1tv-2018-02', '', 'The Washington Post (February 2018 article and graphic of Soufan Center / Global Strategy Network data)', 'Date inferred from the Washington Post article; not shown.'),
 ('http://gtarchive.georgiatoday.ge/', 'georgiatoday-2018-02', '', 'The Washington Post (February 2018 article and graphic of Soufan Center / Global Strategy Network data)', 'Date inferred from the Washington Post article; not shown.'),
 ('https://rustavi2.ge/en/', 'rustavi2-2018-02', '', 'The Washington Post (February 2018), on which the story comments', 'The page shows a site timestamp of 2021; the story follows the Washington Post article of February 2018.'),
 ('http://www.news.tj/ru/node/246482', 'asiaplus-2017-10-27', '', '', 'English-language version of the Asia-Plus story; its second half follows the BBC report.'),
 ('https://archive.pakistantoday.com.pk/', 'pakistantoday-2017-10-24', '', 'BBC News ("IS foreign fighters: 5,600 have returned home - report", 2017-10-24)', 'Text identical to the BBC report.'),
 ('https://southfront.org/', 'southfront-2017-10', '', '', 'The page shows a 2020 site banner; the article is from October 2017.'),
 ('http://ciwnews.com/', 'ciwnews-2017-10-26', 'foxnews-2017-10-25', '', 'Quotes the New York Post, which ran the Fox News article.'),
 ('http://www.soufangroup.com/tsc-report-cited-by-voa-news', 'voanews-2017-11-02', '', 'VOA News ("Suppressed at Home, Some Uzbeks Turn to Militant Islam Abroad")', 'Excerpt reposted on soufangroup.com ("TSC Report Cited by VOA News").'),
 ('https://truepundit.com/', 'truepundit-2017-10', 'breitbart-2017-10-24', '', ''),
 ('http://tass.com/', 'tass-2017-10-26', '', '', ''),
 ('https://fort-russ.com/', 'fortruss-2017-10-26', 'tass-2017-10-26', '', 'Rewritten from TASS.'),
 ('https://themoscowtimes.com/', 'moscowtimes-2017-10-26', '', '', ''),
 ('https://cultureru.com/', 'cultureru-2017-10', 'moscowtimes-2017-10-26', '', ''),
 ('http://breitbart.com/', 'breitbart-2017-10-24', 'nbcnews-2017-10-24', '', 'Rewrites NBC News (quotes Richard Barrett as he "told NBC").'),
 ('https://dailysabah.com/', 'dailysabah-2017-10-24', '', 'AFP ("Return home of 5,600 jihadists poses major threat: Soufan", 2017-10-24)', ''),
 # fr es it pt
 ('https://djazairess.com/fr/liberte/', 'liberte-2017-10', '', '', 'Liberté (Algeria) article reposted on djazairess.com; "publié cette semaine".'),
 ('http://lequotidien-oran.com/', 'lequotidiendoran-2017-10', '', '', 'Opinion piece by Moncef Wafi.'),
 ('http://www.lalibre.be/', 'lalibre-2017-10', '', 'AFP dispatch of 2017-10-24 (same wording at m.algerie360.com)', ''),
 ('https://www.algerie1.com/', 'algerie1-2017-10', '', '', 'Refers to the report as "son rapport d\'octobre 2017".'),
 ('http://dia-algerie.com/', 'dia-2017-10-28', '', '', ''),
 ('https://espacemanager.com/', 'espacemanager-2017-10', '', '', ''),
 ('https://kapitalis.com/', 'kapitalis-2017-10-24', '', 'Newsweek (2017-10-24)', 'Calls the publisher "Soufan Group".'),
 ('http://www.lexpressiondz.com/', 'lexpression-2017-10', '', '', 'By Hasna Yacoub; misspells "The Soufran Center".'),
 ('https://www.observatoire-securite.tn/', 'observatoiresecurite-2017-10-25', 'huffpostmaghreb-2017-10-24', '', 'Same headline and wording as HuffPost Maghreb.'),
 ('http://www.huffpostmaghreb.com/', 'huffpostmaghreb-2017-10-24', '', 'Newsweek (2017-10-24)', ''),
 ('http://afrique.le360.ma/', 'le360-2017-10-24', '', '', ''),
 ('http://le-peuple.ca/', 'lepeuple-2017-10-31', '', 'Global News ("Source : Global News")', ''),
 ('https://www.hispantv.com/', 'hispantv-2018-02-24', '', 'The Washington Post (February 2018 graphic of Soufan Center / Global Strategy Network data)', 'Infographic text.'),
 ('https://infobae.com/', 'infobae-2017-10-26', '', '', 'Calls the publisher "The Soufan Group".'),
 ('https://mexicoinformaislam.blogspot.com/', 'mexicoinformaislam-2017-10', '', 'a Spanish newspaper article (not named on the page)', 'Blog repost.'),
 ('https://salamplan.com/', 'salamplan-2017-10-25', '', '', ''),
 ('https://lindro.it/', 'lindro-2017-10', '', '', 'Author listing page showing the teaser of an article by Stefania Massari; date not shown, the article is on the October 2017 report.'),
 ('https://odiplomata.blogs.sapo.pt/', 'odiplomata-2017-10', '', '', 'Monthly archive page of a Portuguese blog.'),
 ('https://www.tsa-algerie.com/', 'tsa-2017-11', '', '', 'Published after 15 November 2017; calls the publisher "Soufan Group".'),
 ('https://algeriepatriotique.com/', 'algeriepatriotique-2017-10-28', '', '', 'By R. Mahmoudi; misspells "The Souffan Center".'),
 ('http://www.lantidiplomatico.it/', 'lantidiplomatico-2017-10', '', '', 'The item appears in a news list on a page whose address belongs to another story; date not shown.'),
 ('http://oiguassu.com/', 'oiguassu-2017-10', '', 'probably Deutsche Welle Brasil (not stated)', ''),
 ('https://fr.news.yahoo.com/', 'yahoofr-2017-11', '', 'Reuters (Andrew Osborn and Olzhas Auyezov)', ''),
 ('http://www.pressreader.com/', 'letemps-2017-11-03', '', 'Reuters (same text as the Reuters story on Yahoo Actualités)', ''),
 # de nl tr nordic balkan
 ('https://www.tt.com/', 'tt-2019-02', '', 'APA (Austria Presse Agentur)', 'APA ticker item of February 2019; says "Zahlen zu den einzelnen Ländern finden sich in einem TSC-Bericht des Jahres 2017".'),
 ('https://www.hln.be/', 'hln-2017-10', '', '', ''),
 ('http://www.surinametimes.com/', 'surinametimes-2017-10', '', 'NU.nl (page ends "(NU.nl)")', ''),
 ('https://test-one.t24.com.tr/', 't24-2017-10-26', '', 'BBC Türkçe', ''),
 ('https://pirha.org/', 'pirha-2017-10-26', '', 'BBC Türkçe ("BBC Türkçe’de yer alan habere göre")', ''),
 ('https://muxalifet.az/', 'muxalifet-2017-10', '', '', 'Calls the publisher "Soufan Qrup" (Soufan Group) and names the report.'),
 ('https://www.klix.ba/vijesti/svijet/idil-u-u-siriji', 'klix-2017-10-26', '', '', ''),
 ('https://www.klix.ba/vijesti/svijet/istrazivanje', 'klix-2017-10-25', 'independent-2017-10', '', 'Wording mirrors The Independent\'s article; credit not shown.'),
 ('http://fakty.interia.pl/', 'interia-2017-10', '', 'Polish agency text (likely PAP) reporting the BBC', ''),
 ('https://misyjne.pl/', 'misyjne-2017-10', '', 'Polish agency text (likely PAP) reporting the BBC; same text as Interia', ''),
 ('http://rustavi2.ge/ka/news/97515', 'rustavi2-2018-a', '', 'The Washington Post (2018 graphic of Soufan Center / Global Strategy Network data)', 'Year from the Washington Post graphic; the page banner shows the site\'s current date.'),
 ('https://rustavi2.ge/ka/news/97480', 'rustavi2-2018-b', '', 'The Washington Post (2018 graphic of Soufan Center / Global Strategy Network data)', 'Year assumed from the neighbouring item 97515.'),
 ('http://www.national.ro/', 'nationalro-2017-10', '', 'AFP (text matches the AFP dispatch of 2017-10-24; not credited)', ''),
 ('https://www.webnoviny.sk/', 'webnoviny-2017-10-24', '', 'BBC News', ''),
 ('https://m.inews.bg/', 'inewsbg-2017-10-24', '', 'Dnevnik ("съобщи Дневник")', 'Calls the publisher "Soufan Group".'),
 ('https://actualno.com/', 'actualno-2017-10-26', 'ria-2017-10-26', '', 'Says "пише РИА Новости".'),
 ('https://euroislam.pl/', 'euroislam-2017-10', '', '', 'By Grzegorz Lindenberg; publication date not shown, the text is on the October 2017 report.'),
 # ru ar asia
 ('http://www.news.tj/tj/node/246458', 'asiaplus-2017-10', '', 'Fergana news agency (ИА «Фергана»)', ''),
 ('http://www.rbc.ru/', 'rbc-2017-10-26', '', '', ''),
 ('https://anna-news.info/', 'annanews-2017-10', '', '', ''),
 ('https://odnastroka.ru/', 'odnastroka-2017-10', '', 'Rosbalt', ''),
 ('https://pravda-tv.ru/', 'pravdatv-2017-10-26', '', '', ''),
 ('https://ru.delfi.lt/', 'delfi-2017-10', '', '', ''),
 ('https://korrespondent.net/', 'korrespondent-2017-10-26', '', 'Vedomosti news story ("пишут Ведомости"), not the Vedomosti opinion piece in this table', ''),
 ('https://hromadske.radio/', 'hromadske-2017-10-26', '', '', ''),
 ('https://royanews.tv/', 'royanews-2017-10', '', '', 'Quotes the report\'s author Richard Barrett; the stored page shows the headline with Western and with Arabic-Indic digits.'),
 ('http://jordanzad.com/index.php?id=276966', 'jordanzad-2017-10-a', '', 'Newsweek', ''),
 ('http://jordanzad.com/index.php?id=276995', 'jordanzad-2017-10-b', '', 'The New Yorker', 'Names "مجموعة صوفان الاستراتيجية العالمية" (a blend of Soufan Group and Global Strategy Network).'),
 ('https://almaghribtoday.net/', 'almaghribtoday-2017-10', '', '', ''),
 ('https://android.emiratesvoice.com/', 'emiratesvoice-2017-10', 'almaghribtoday-2017-10', '', 'Same text and path as Al Maghrib Today.'),
 ('https://casablancatoday.com/', 'casablancatoday-2017-10', 'almaghribtoday-2017-10', '', 'Same network and article as Al Maghrib Today.'),
 ('https://enabbaladi.net/', 'enabbaladi-2017-10-24', '', 'Newsweek (translated by Enab Baladi)', ''),
 ('https://althawrah.ye/', 'althawrah-2017-10', '', '', 'Dateline "عواصم/ وكالات" (capitals / agencies).'),
 ('https://youm7.com/', 'youm7-2017-10-24', '', 'Newsweek', ''),
 ('https://www.elyamnelaraby.com/', 'elyamnelaraby-2017-10', '', 'AFP (wording and the 2962 typo match the AFP dispatch)', ''),
 ('https://www.akhbaralaan.net/', 'akhbaralaan-2017-10-25', '', 'BBC ("وفقا لـ\\"بي بي سي\\"")', ''),
 ('https://hadasnow.com/', 'hadasnow-2017-10', '', '', ''),
 ('https://region.kg/', 'regionkg-2017-10-26', '', 'Fergana news agency (same text; not credited in the excerpt)', ''),
 ('http://tj.vesti.news/', 'vestitj-2017-10-27', '', 'Fergana news agency (photo credit fergananews.com)', ''),
 ('http://qnck.cyol.com/', 'qingniancankao-2017-11-01', '', '', 'China Youth Daily group.'),
 ('https://suara.com/', 'suara-2017-10-25', '', 'BBC News (wording matches the BBC story of 2017-10-24)', 'Also stored at amp.suara.com.'),
 ('https://fbeta.republika.co.id/', 'republika-2017-10', '', 'BBC News ("seperti dikutip BBC")', ''),
 ('https://ria.ru/', 'ria-2017-10-26', '', '', ''),
 ('https://www.vedomosti.ru/', 'vedomosti-2017-10-27', '', '', 'Editorial / opinion piece.'),
 ('https://abon-news.ru/', 'abonnews-2017-10', 'ria-2017-10-26', '', 'Says "Об этом сообщает РИА «Новости»".'),
 ('https://qazaqtimes.com/', 'qazaqtimes-2017-10', '', 'BBC News ("BBC-diñ resmi saytı jazdı")', ''),
 ('http://news.walla.co.il/', 'walla-2017-10', '', 'BBC News (wording matches; not credited)', ''),
 ('https://www.tasnimnews.com/', 'tasnim-2017-12-14', '', 'Al Jazeera ("الجزیرہ کے حوالے سے")', ''),
 ('https://rusreality.com/', 'rusreality-2017-10-24', '', 'Lenta.ru (English machine translation)', ''),
 ('https://mk.ru/', 'mk-2017-10-26', '', '', ''),
]

# pages whose every record is left out, and why
NO_DATE = ['https://seguridadycultura.org/', 'https://gazeteport.com/', 'http://www.detaykibris.com/',
           'https://iznews.com.tr/', 'https://vetogate.com/']
WEAK_ATTR = ['https://24saa.com/']

def src_for(url):
    m = [s for s in S if url.startswith(s[0])]
    assert len(m) == 1, (url, m)
    return m[0]

def root_external(orig):
    """A short key for the external original, used only for the conservative count."""
    o = orig.lower()
    for k in ['bbc türkçe', 'bbc', 'afp', 'washington post', 'newsweek', 'telegraph', 'fergana', 'reuters',
              'fox news', 'ijr', 'pap', 'birn', 'rtl', 'nu.nl', 'apa', 'global news', 'al jazeera', 'rosbalt',
              'vedomosti', 'dnevnik', 'lenta', 'new yorker', 'voa', 'sun', 'spanish newspaper', 'deutsche welle']:
        if k in o:
            if k in ('pap',):
                return 'bbc'
            if k == 'ijr':
                return 'fox news'
            return k
    return o

# ---------------------------------------------------------------- load records
recs = []
for f in FILES:
    for i, r in enumerate(json.load(open(os.path.join(RES, f), encoding='utf-8'))):
        r = dict(r); r['_rid'] = f'{f.split(".")[0]}#{i}'; recs.append(r)

excluded = []   # (rid, reason category, detail)
def exclude(r, cat, detail=''):
    excluded.append({'rid': r['_rid'], 'cat': cat, 'origin': r['origin'], 'measure': r['measure'],
                     'value': r['value'], 'outlet': r['outlet'], 'url': r['url'], 'detail': detail})

TURKISH_ORIGINS = {'Western Europe', 'Middle East', 'Maghreb', 'North America'}
TURKISH_VALUES = {('European Union', 'departed', '5717'), ('European Union', 'departed', '5718'),
                  ('North Africa', 'departed', '5319'), ('Former Soviet Union', 'departed', '8717'),
                  ('Former Soviet Union', 'departed', '8700')}

kept = []
seen = {}
for r in sorted(recs, key=lambda r: r['published'] == ''):
    u = r['url']
    if not u:
        exclude(r, 'no-url', 'the search tool returned the excerpt without an address'); continue
    if u == ARTICLE_URL:
        exclude(r, 'article', 'the article itself: its rows are built from source/article.txt'); continue
    if any(u.startswith(p) for p in WEAK_ATTR):
        exclude(r, 'not-attributed', 'the page names only "an American report" (تقرير أميركي), not this report'); continue
    if 'INDIRECT' in r['notes']:
        exclude(r, 'indirect', 'figures are the Egmont Institute\'s; the page only says they correspond to AIVD and Soufan Center data'); continue
    if r['origin'] in TURKISH_ORIGINS or (r['origin'], r['measure'], r['value']) in TURKISH_VALUES or 'CAUTION' in r['notes']:
        exclude(r, 'turkish-list', 'regional total from the Turkish authorities\' list that the report cites, not its count of departures'); continue
    if u.startswith('https://mark-youngman.com/') and r['value'] == '3200':
        exclude(r, 'not-attributed', 'a RAND testimony quoted by the blog credits "a new report by the Soufan Group"; not identifiable as this report (the value, more than 3,200, matches no coverage of it)'); continue
    if any(u.startswith(p) for p in NO_DATE):
        exclude(r, 'no-date', 'publication date not shown on the stored page (required field)'); continue
    key = (u, r['origin'], r['measure'])
    if key in seen:
        prev = seen[key]
        if prev['value'] == r['value']:
            exclude(r, 'duplicate', f'same page and figure recorded twice ({prev["_rid"]})'); continue
    seen.setdefault(key, r)
    kept.append(r)

# ---------------------------------------------------------------- origin mapping
def map_origin(r):
    o = r['origin']; note = ''
    if o == 'Europe':
        note = 'The page says "Europe"; read as the report\'s European Union figure (the report counts EU residents, and the same pages list the EU countries Britain, France and Germany under it).'
        o = 'European Union'
    return o, note

# ---------------------------------------------------------------- notes clean-up
PROCESS_WORDS = re.compile(r'\b(lead|leads|press-coverage|helper|assigned|brief|tool|recorded because found|not recorded separately|research notes|leads file)\b', re.I)
def split_sentences(t):
    parts = re.split(r'(?<=[.)])\s+(?=[A-Z\'"(])', t.strip())
    return [p.strip() for p in parts if p.strip()]

by_url = collections.defaultdict(list)
for r in kept: by_url[r['url']].append(r)
common_notes = {}
for u, rs in by_url.items():
    sets = [set(split_sentences(r['notes'])) for r in rs]
    common = set.intersection(*sets) if len(rs) > 1 else set()
    common_notes[u] = common

def fig_note(r):
    ss = [s for s in split_sentences(r['notes']) if s not in common_notes[r['url']]]
    ss = [s for s in ss if not PROCESS_WORDS.search(s)]
    return ' '.join(ss)

# ---------------------------------------------------------------- figures-by-source rows
FIELDS_FBS = ['origin', 'measure', 'value', 'qualifier', 'source', 'quote', 'quote_en', 'as_of', 'notes']
fbs = []
art_text = open('/work/shared/source/article.txt', encoding='utf-8').read()
US_LEAD = 'at least 129 Americans have left the country to join ISIS, and only seven have been confirmed to have returned'
assert US_LEAD in art_text
bullets = {}
for line in art_text.splitlines():
    line = line.strip()
    if line.startswith('•'):
        b = line.lstrip('•').strip(); bullets[b.split(' – ')[0]] = b
for origin, b in bullets.items():
    assert b in art_text
    m = re.match(r'(.+) – ([\d,]+) left – (.+) returned$', b)
    dep = m.group(2).replace(',', ''); ret = m.group(3)
    if origin == 'United States':
        note = 'Qualifiers and quote from the article\'s lead sentence; the bullet line "United States – 129 left – 7 returned" gives the same values without them.'
        fbs.append(dict(origin=origin, measure='departed', value=dep, qualifier='at_least', source=ART, quote=US_LEAD, quote_en='', as_of='', notes=note))
        fbs.append(dict(origin=origin, measure='returned', value='7', qualifier='at_least', source=ART, quote=US_LEAD, quote_en='', as_of='', notes=note))
        continue
    fbs.append(dict(origin=origin, measure='departed', value=dep, qualifier='', source=ART, quote=b, quote_en='', as_of='', notes=''))
    if ret.endswith('percent'):
        fbs.append(dict(origin=origin, measure='returned_percent', value=ret.split()[0], qualifier='', source=ART, quote=b, quote_en='', as_of='',
                        notes='The article gives a percentage; fighters-by-origin resolves it to a count.'))
    elif ret == 'none':
        fbs.append(dict(origin=origin, measure='returned', value='0', qualifier='', source=ART, quote=b, quote_en='', as_of='', notes='"none returned" recorded as 0.'))
    else:
        fbs.append(dict(origin=origin, measure='returned', value=ret.replace(',', ''), qualifier='', source=ART, quote=b, quote_en='', as_of='', notes=''))

# manual qualifier / value corrections to the records (rid -> dict), each logged
FIX = {
    'fr-es-it-pt#64': {'quote_en': 'It is followed by the contingent of Saudi natives, calculated at 3,244, the 3,000 from Jordan and the 2,926 from Tunisia.',
                       '_why': 'Translation made more literal ("calculado en" = calculated at).'},
    'ru-ar-asia#93': {'qualifier': 'about', '_why': '"قدر عدد العائدين إلى روسيا بـ 400" (the number was estimated at 400) read as about, as for the same wording in Youm7 and Zad Al-Urdun.'},
    'ru-ar-asia#45': {'quote_en': 'The number of natives of Tunisia fell in the same period from 6000 to 2920.', '_why': 'Translation reworded so that "over" (a qualifier word) is not used as a preposition.'},
    'ru-ar-asia#46': {'quote_en': 'In addition, in two years the number of IS fighters from Saudi Arabia grew from 2500 to 3244.', '_why': 'Translation reworded so that "over" is not used as a preposition.'},
    'ru-ar-asia#76': {'quote_en': 'Behind Russia came Saudi Arabia with 3244 fighters, an increase of 500 fighters on 2015.', '_why': 'Translation reworded so that "over" is not used as a preposition.'},
    'en#75': {'qualifier': '', '_why': 'NBC says "closer to half": no qualifier word of the rule, so left unqualified (approximate by nature; see notes).',
              'notes': '"closer to half" recorded as 50 percent, unqualified.'},
}
# second values given by the same page for the same origin and measure
SECOND = {}
fixes_log = []
for r in kept:
    o, onote = map_origin(r)
    s = src_for(r['url'])
    row = dict(origin=o, measure=r['measure'], value=r['value'], qualifier=r['qualifier'], source=s[1],
               quote=r['quote'], quote_en=r['quote_en'], as_of=r['as_of'], notes=' '.join(x for x in [onote, fig_note(r)] if x))
    if r['_rid'] in FIX:
        fx = FIX[r['_rid']]
        for k, v in fx.items():
            if not k.startswith('_'): row[k] = v
        fixes_log.append({'rid': r['_rid'], 'why': fx['_why']})
    row['_rid'] = r['_rid']
    fbs.append(row)

# one row per (origin, measure, source): keep the main sentence's value
groups = collections.defaultdict(list)
for row in fbs: groups[(row['origin'], row['measure'], row['source'])].append(row)
final_fbs = []
MAIN = {('Tunisia', 'departed', 'youm7-2017-10-24'): '2920'}
for k, rows in groups.items():
    if len(rows) == 1:
        final_fbs.append(rows[0]); continue
    vals = {r['value'] for r in rows}
    if len(vals) == 1:
        final_fbs.append(rows[0])
        for r in rows[1:]:
            excluded.append({'rid': r.get('_rid'), 'cat': 'duplicate', 'origin': r['origin'], 'measure': r['measure'], 'value': r['value'],
                             'outlet': r['source'], 'url': '', 'detail': 'same source, origin, measure and value recorded twice'})
        continue
    keep_v = MAIN[k]
    keep = [r for r in rows if r['value'] == keep_v][0]
    other = [r for r in rows if r['value'] != keep_v]
    keep['notes'] = (keep['notes'] + ' ' if keep['notes'] else '') + 'The same page also gives ' + '; '.join(
        f'{r["value"]} ("{r["quote"]}", {r["quote_en"]})' for r in other) + ' in a later sentence, an evident slip; the value of its main sentence is kept.'
    final_fbs.append(keep)
    for r in other:
        excluded.append({'rid': r.get('_rid'), 'cat': 'second-value', 'origin': r['origin'], 'measure': r['measure'], 'value': r['value'],
                         'outlet': r['source'], 'url': '', 'detail': f'second value from the same page; main sentence gives {keep_v}'})
fbs = final_fbs

# ---------------------------------------------------------------- sources rows
used_ids = {r['source'] for r in fbs}
src_rows = []
rec_by_id = collections.defaultdict(list)
for r in kept: rec_by_id[src_for(r['url'])[1]].append(r)
for s in S:
    prefix, sid, copy_of, orig, note = s
    if sid not in used_ids: continue
    if sid == ART:
        src_rows.append(dict(source=ART, outlet='fightingfortrump.com (blog; copy of Fox News)', title='', url=ARTICLE_URL, published='2017-10',
                             language='en', copy_of='', preferred='true',
                             notes='Appears to rewrite ' + orig + '; the original is not in this table. ' + note))
        continue
    rs = rec_by_id[sid]
    url = rs[0]['url']; assert all(r['url'] == url for r in rs)
    outlet = rs[0]['outlet']; title = next((r['title'] for r in rs if r['title']), '')
    published = max((r['published'] for r in rs), key=len); language = rs[0]['language']
    assert published, sid
    n = []
    if orig: n.append('Reprints or rewrites ' + orig + ', which is not in this table.')
    if note: n.append(note)
    att = sorted({r['attribution'] for r in rs}, key=len)[-1]
    n.append('Attribution on the page: ' + att.strip())
    cn = [x for x in common_notes[url] if not PROCESS_WORDS.search(x)]
    if cn: n.append(' '.join(sorted(cn)))
    src_rows.append(dict(source=sid, outlet=outlet, title=title, url=url, published=published, language=language,
                         copy_of=copy_of, preferred='false', notes=' '.join(n)))
ids = {s['source'] for s in src_rows}
for s in src_rows:
    assert not s['copy_of'] or s['copy_of'] in ids, s
src_rows = [src_rows[0]] + sorted(src_rows[1:], key=lambda s: s['source'])
EXT = {s[1]: root_external(s[3]) if s[3] else '' for s in S}
LANG = {s['source']: s['language'] for s in src_rows}
PUB = {s['source']: s['published'] for s in src_rows}
COPY = {s['source']: s['copy_of'] for s in src_rows}

def root(sid):
    while COPY.get(sid): sid = COPY[sid]
    return sid
def croot(sid):
    r = root(sid)
    return EXT.get(r) or r

json.dump({'excluded': excluded, 'fixes': fixes_log}, open(os.path.join(HERE, 'decisions.json'), 'w'), ensure_ascii=False, indent=1)

# ---------------------------------------------------------------- fighters-by-origin
V1 = list(csv.DictReader(open('/work/main/data/fighters-by-origin.csv', encoding='utf-8')))
NEW = {  # origin: (type, iso3, part_of)
 'Algeria': ('country', 'DZA', 'North Africa'), 'Australia': ('country', 'AUS', ''), 'Austria': ('country', 'AUT', 'European Union'),
 'Azerbaijan': ('country', 'AZE', ''), 'Belgium': ('country', 'BEL', 'European Union'), 'Bosnia and Herzegovina': ('country', 'BIH', 'Western Balkans'),
 'Canada': ('country', 'CAN', ''), 'Denmark': ('country', 'DNK', 'European Union'), 'Egypt': ('country', 'EGY', 'North Africa'),
 'Former Soviet Union': ('region', '', ''), 'Georgia': ('country', 'GEO', ''), 'Germany': ('country', 'DEU', 'European Union'),
 'Kazakhstan': ('country', 'KAZ', 'Central Asia'), 'Kyrgyzstan': ('country', 'KGZ', 'Central Asia'), 'Libya': ('country', 'LBY', 'North Africa'),
 'Netherlands': ('country', 'NLD', 'European Union'), 'North Africa': ('region', '', ''), 'Saudi Arabia': ('country', 'SAU', ''),
 'Spain': ('country', 'ESP', 'European Union'), 'Sweden': ('country', 'SWE', 'European Union'), 'Turkey': ('country', 'TUR', ''),
 'Turkmenistan': ('country', 'TKM', 'Central Asia'), 'Western Balkans': ('region', '', ''),
}
V1_PARTOF_ADD = {'Morocco': 'North Africa', 'Tunisia': 'North Africa'}
FIELDS_FBO = ['origin', 'origin_type', 'iso3', 'part_of', 'departed', 'departed_qualifier', 'returned', 'returned_qualifier', 'returned_percent', 'notes']

origins_in_fbs = []
for r in fbs:
    if r['origin'] not in origins_in_fbs: origins_in_fbs.append(r['origin'])
missing = [o for o in origins_in_fbs if o not in NEW and o not in {v['origin'] for v in V1}]
assert not missing, missing

HEDGE = {'': 0, 'about': 1, 'at_least': 1, 'more_than': 1}
def pick(origin, measure):
    rows = [r for r in fbs if r['origin'] == origin and r['measure'] == measure]
    if not rows: return None, rows
    art = [r for r in rows if r['source'] == ART]
    if art: return (art[0]['value'], art[0]['qualifier'], 'preferred'), rows
    byv = collections.defaultdict(list)
    for r in rows: byv[r['value']].append(r)
    def score(v):
        rs = byv[v]
        return (len({root(r['source']) for r in rs}), len({croot(r['source']) for r in rs}), len(rs))
    best = sorted(byv, key=lambda v: score(v), reverse=True)
    v = best[0]
    byq = collections.defaultdict(list)
    for r in byv[v]: byq[r['qualifier']].append(r)
    qbest = sorted(byq, key=lambda q: (len({root(r['source']) for r in byq[q]}), len({croot(r['source']) for r in byq[q]}), HEDGE[q],
                                        -min(PUB[r['source']] for r in byq[q]) if False else 0), reverse=True)
    return (v, qbest[0], 'attested'), rows

def fmt_q(q):
    return {'': '', 'about': 'about ', 'at_least': 'at least ', 'more_than': 'more than '}[q]
def others_text(rows, chosen_v, chosen_q):
    byvq = collections.OrderedDict()
    for r in sorted(rows, key=lambda r: (int(r['value']), r['qualifier'])):
        byvq.setdefault((r['value'], r['qualifier']), []).append(r['source'])
    parts = []
    for (v, q), ss in byvq.items():
        if (v, q) == (chosen_v, chosen_q): continue
        parts.append(f'{fmt_q(q)}{int(v):,} ({", ".join(sorted(set(ss)))})')
    return parts

def half_up(x):
    return int(math.floor(x + 0.5))

fbo = []
choice_log = []
order = [v['origin'] for v in V1] + sorted(o for o in NEW)
for origin in order:
    if origin not in origins_in_fbs:
        continue
    if origin in NEW:
        typ, iso3, part_of = NEW[origin]
    else:
        v1 = [v for v in V1 if v['origin'] == origin][0]
        typ, iso3, part_of = v1['origin_type'], v1['iso3'], v1['part_of'] or V1_PARTOF_ADD.get(origin, '')
    row = dict(origin=origin, origin_type=typ, iso3=iso3, part_of=part_of, departed='', departed_qualifier='',
               returned='', returned_qualifier='', returned_percent='', notes='')
    notes = []
    for measure in ['departed', 'returned', 'returned_percent']:
        ch, rows = pick(origin, measure)
        if not ch: continue
        v, q, how = ch
        if measure == 'returned' and any(x['source'] == ART and x['origin'] == origin and x['measure'] == 'returned_percent' for x in fbs):
            oth = others_text(rows, None, None)
            notes.append('Returned: computed from the preferred article\'s percentage; readings of a count: ' + '; '.join(oth) + '.')
            choice_log.append({'origin': origin, 'measure': measure, 'value': None, 'qualifier': '', 'how': 'computed-from-preferred-percent',
                               'independent': 0, 'conservative': 0, 'sources': 0, 'others': oth})
            continue
        if measure == 'returned_percent' and how != 'preferred' and any(x['source'] == ART and x['origin'] == origin and x['measure'] == 'returned' for x in fbs):
            oth = others_text(rows, None, None)
            notes.append('Returned percent: left empty because the preferred article gives the count; readings: ' + '; '.join(oth) + '.')
            choice_log.append({'origin': origin, 'measure': measure, 'value': None, 'qualifier': '', 'how': 'left-empty-preferred-gives-count',
                               'independent': 0, 'conservative': 0, 'sources': 0, 'others': oth})
            continue
        nind = len({root(r['source']) for r in rows if r['value'] == v})
        oth = others_text(rows, v, q)
        choice_log.append({'origin': origin, 'measure': measure, 'value': v, 'qualifier': q, 'how': how,
                           'independent': nind, 'conservative': len({croot(r['source']) for r in rows if r['value'] == v}),
                           'sources': len([r for r in rows if r['value'] == v]), 'others': oth})
        if measure == 'returned_percent':
            row['returned_percent'] = v
        else:
            row[measure] = v; row[measure + '_qualifier'] = q
        label = {'departed': 'Departed', 'returned': 'Returned', 'returned_percent': 'Returned percent'}[measure]
        if how == 'preferred':
            if oth: notes.append(f'{label}: the preferred article\'s figure; other readings: ' + '; '.join(oth) + '.')
        else:
            qsrc = sorted({r['source'] for r in rows if r['value'] == v and r['qualifier'] == q})
            vq = len({r['qualifier'] for r in rows if r['value'] == v})
            txt = f'{label}: {int(v):,} is the value given by the most independent sources ({nind})'
            txt += (f', qualified "{q or "none"}" as in ' + ', '.join(qsrc)) if vq > 1 else ''
            if vq > 1:
                def qs(qq):
                    rr = [r for r in rows if r['value'] == v and r['qualifier'] == qq]
                    return (len({root(r['source']) for r in rr}), len({croot(r['source']) for r in rr}))
                mine = qs(q); rest = [qs(qq) for qq in {r['qualifier'] for r in rows if r['value'] == v} if qq != q]
                if all(mine[0] > o[0] for o in rest): txt += ' (the qualifier most independent sources give)'
                elif all(mine[1] > o[1] for o in rest): txt += ' (independent sources tie on the qualifier; kept the one with more distinct originals when reprints of unlisted originals, named in sources notes, are merged)'
                else: txt += ' (the sources tie on the qualifier; the hedged reading is kept)'
            if oth: txt += '; other readings: ' + '; '.join(oth)
            notes.append(txt + '.')
    row['_notes'] = notes
    fbo.append(row)

F = {r['origin']: r for r in fbo}
EXTRA_NOFIG = {'Sweden': 1, 'Denmark': 1, 'Former Soviet Union': 1}
# percentages: resolve to counts where the percentage is the only returned figure
for r in fbo:
    if r['returned_percent'] and not r['returned']:
        if r['departed']:
            r['returned'] = str(half_up(int(r['departed']) * float(r['returned_percent']) / 100))
            r['returned_qualifier'] = ''
        else:
            if not EXTRA_NOFIG.get(r['origin']): r['_notes'].append(f'Returned percent {r["returned_percent"]} is left out: no departed figure is attributed to the report, so it cannot be resolved to a count (percent-resolves-to-count).')
            r['returned_percent'] = ''
# v1 rows keep their exact figures
for v in V1:
    r = F[v['origin']]
    for k in ['departed', 'departed_qualifier', 'returned', 'returned_qualifier', 'returned_percent']:
        assert r[k] == v[k], (v['origin'], k, r[k], v[k])

# children within parent: drop the weakest part's figure where the parts exceed the region
DROP = {('Spain', 'returned'): 'Left out: with Spain\'s 30 the EU members\' returns (Britain 425, France 271, Germany 300, Belgium 102, Austria 90, Netherlands 50, Spain 30) sum to 1,268, more than the European Union\'s 1,250 (25 percent of 5,000, the preferred article\'s figure); Spain\'s 30 is the least supported part (one blog repost of an unnamed Spanish article; 204 and 30 equal the Spanish government\'s February 2017 count), so it stays in figures-by-source only (children-within-parent).'}
for (o, m), why in DROP.items():
    F[o][m] = ''; F[o][m + '_qualifier'] = ''
    F[o]['_notes'] = [n for n in F[o]['_notes'] if not n.startswith('Returned:')] + [why]
for reg in [r for r in fbo if r['origin_type'] == 'region']:
    parts = [r for r in fbo if r['part_of'] == reg['origin']]
    for m in ['departed', 'returned']:
        if reg[m]:
            s = sum(int(p[m]) for p in parts if p[m])
            assert s <= int(reg[m]), (reg['origin'], m, s)

# hand-written notes per origin
EXTRA = {
 'United States': 'Qualifiers from the article\'s lead: "at least 129 Americans have left the country to join ISIS, and only seven have been confirmed to have returned".',
 'European Union': 'Returned is 25 percent of 5,000 (the preferred article). Membership as of 2017 (includes Britain). Pages that say "Europe" are read as this row. The 30 percent that NBC News, AFP and APA give is, per NBC News and AFP, a Radicalisation Awareness Network estimate that the report quotes.',
 'Central Asia': 'Returned is 10 percent of 5,000 (the preferred article). The parts given by Asia-Plus / Fergana (Tajikistan 1,300, Uzbekistan 1,500, Kazakhstan 500, Kyrgyzstan 500, Turkmenistan 400) add up to their "more than 4,200".',
 'Britain': 'Many pages also say "half" of the 850 returned (returned_percent rows in figures-by-source), which agrees with 425; returned_percent is left empty here because the preferred article gives the count.',
 'Tajikistan': 'Asia-Plus / Fergana: 1,300 "are in Syria and Iraq"; almost 3,000 more were stopped in Turkey or deported.',
 'Uzbekistan': '"none returned" is given only by the preferred article.',
 'Uyghurs': 'Given only by the preferred article.',
 'Former Soviet Union': 'No figure: the only figure attributed to the report is "10%" of fighters from "Russia or former Soviet republics" returned (Business Insider, Qingnian Cankao), and no departed figure for the region is attributed to the report (8,717 / "more than 8,700" is the Turkish authorities\' list that the report cites), so the percentage cannot be resolved to a count. Russia, Central Asia, Georgia and Azerbaijan are not marked part_of this row because it holds no figure.',
 'Sweden': 'No figure: the only figure attributed to the report is "about half" returned, and no departed figure is attributed, so the percentage cannot be resolved to a count.',
 'Denmark': 'No figure: the only figure attributed to the report is "about half" returned, and no departed figure is attributed, so the percentage cannot be resolved to a count.',
 'North Africa': 'Only a returned figure is attributed to the report (HispanTV, from the Washington Post graphic); 5,319 for North Africa or the Maghreb is the Turkish authorities\' list, not used. Parts: Tunisia, Morocco, Algeria, Egypt, Libya (UN geoscheme Northern Africa); their returns (800 + 198 + 87) are within it.',
 'Western Balkans': 'Bosnia and Herzegovina is the only part with figures attributed to the report.',
 'Algeria': 'Tout sur l\'Algérie and Algérie Patriotique date the 87 returns to January 2016 ("avant janvier 2016").',
 'Egypt': 'Tout sur l\'Algérie dates the figure to January 2017.',
 'Libya': 'Tout sur l\'Algérie dates the figure to February 2017 ("le même nombre" as Egypt\'s 600).',
 'Canada': 'No departed figure is attributed to the report by a dated page (İz News gives 180, but shows no publication date). Le Peuple notes that about 60 is also the Canadian government\'s figure.',
 'Azerbaijan': 'Given only by Vedomosti; equals the Azerbaijani security service\'s figure of September 2017.',
 'Germany': 'Salam Plan dates the returns to March 2017.',
 'France': 'Salam Plan and Algérie Patriotique date the returns to August 2017.',
 'Georgia': 'All readings derive from the Washington Post\'s February 2018 graphic of Soufan Center / Global Strategy Network data.',
 'Turkey': 'BBC Türkçe copies say the report\'s source for the returns is the Turkish Foreign Ministry.',
 'Spain': '',
}
for r in fbo:
    n = [EXTRA.get(r['origin'], '')] + r['_notes']
    r['notes'] = ' '.join(x for x in n if x)
    del r['_notes']

def write(name, fields, rows):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8', newline='') as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator='\n', quoting=csv.QUOTE_MINIMAL, extrasaction='ignore')
        w.writeheader(); w.writerows(rows)

# order figures-by-source like fighters-by-origin, then measure, then source (article first)
oi = {r['origin']: i for i, r in enumerate(fbo)}
mi = {'departed': 0, 'returned': 1, 'returned_percent': 2}
fbs.sort(key=lambda r: (oi[r['origin']], mi[r['measure']], r['source'] != ART, r['source']))
write('figures-by-source.csv', FIELDS_FBS, fbs)
write('fighters-by-origin.csv', FIELDS_FBO, fbo)
write('sources.csv', ['source', 'outlet', 'title', 'url', 'published', 'language', 'copy_of', 'preferred', 'notes'], src_rows)

hf = list(csv.DictReader(open('/work/main/data/headline-figures.csv', encoding='utf-8')))
write('headline-figures.csv', ['measure', 'value', 'unit', 'qualifier', 'description', 'source', 'quote'],
      [dict(measure=h['measure'], value=h['value'], unit=h['unit'], qualifier=h['qualifier'], description=h['description'],
            source=ART, quote=h['source_text']) for h in hf])
json.dump({'excluded': excluded, 'fixes': fixes_log, 'choices': choice_log}, open(os.path.join(HERE, 'decisions.json'), 'w'),
          ensure_ascii=False, indent=1)
print('figures-by-source', len(fbs), 'fighters-by-origin', len(fbo), 'sources', len(src_rows), 'excluded records', len(excluded))

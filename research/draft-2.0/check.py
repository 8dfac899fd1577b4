#!/usr/bin/env python3
"""Checks on the draft CSVs. Prints problems; exit 1 if any error."""
import csv, os, re, sys, math, collections
HERE = os.path.dirname(os.path.abspath(__file__))
def load(n):
    raw = open(os.path.join(HERE, n), 'rb').read()
    assert b'\r' not in raw, n + ': CR found'
    raw.decode('utf-8')
    return list(csv.DictReader(open(os.path.join(HERE, n), encoding='utf-8', newline='')))
fbo, fbs, src, hf = (load(n) for n in ['fighters-by-origin.csv', 'figures-by-source.csv', 'sources.csv', 'headline-figures.csv'])
errors, warns = [], []
def err(*a): errors.append(' '.join(map(str, a)))
def warn(*a): warns.append(' '.join(map(str, a)))

# keys
def uniq(rows, key, name):
    c = collections.Counter(tuple(r[k] for k in key) for r in rows)
    for k, n in c.items():
        if n > 1: err(name, 'duplicate key', k)
uniq(fbo, ['origin'], 'fighters-by-origin'); uniq(fbs, ['origin', 'measure', 'source'], 'figures-by-source')
uniq(src, ['source'], 'sources'); uniq(hf, ['measure'], 'headline-figures')
origins = {r['origin']: r for r in fbo}; sids = {r['source']: r for r in src}
for r in fbs:
    if r['origin'] not in origins: err('fbs origin not in fbo', r['origin'])
    if r['source'] not in sids: err('fbs source unknown', r['source'])
for r in hf:
    if r['source'] not in sids: err('hf source unknown', r['source'])
used = {r['source'] for r in fbs} | {r['source'] for r in hf}
for s in src:
    if s['source'] not in used: err('source not used', s['source'])
    if not re.fullmatch(r'[a-z0-9]+(-[a-z0-9]+)*', s['source']): err('bad id', s['source'])
    if s['copy_of'] and s['copy_of'] not in sids: err('copy_of unknown', s['source'])
    if not re.fullmatch(r'\d{4}(-\d{2}(-\d{2})?)?', s['published']): err('published', s['source'], s['published'])
    if not re.fullmatch(r'[a-z]{2}', s['language']): err('language', s['source'])
    if not re.match(r'https?://\S+$', s['url']): err('url', s['source'], s['url'])
    if s['preferred'] not in ('true', 'false'): err('preferred value', s['source'])
if sum(s['preferred'] == 'true' for s in src) != 1: err('preferred count')
# copy_of cycles
for s in src:
    seen = set(); x = s['source']
    while sids[x]['copy_of']:
        if x in seen: err('copy_of cycle', s['source']); break
        seen.add(x); x = sids[x]['copy_of']

# fighters-by-origin
ISO = set('USA GBR JOR FRA MAR RUS TJK TUN UZB DEU NLD BEL AUT SAU TUR GEO BIH KGZ KAZ TKM AUS CAN DZA ESP EGY LBY AZE SWE DNK'.split())
for r in fbo:
    if r['origin_type'] not in ('country', 'region', 'group'): err('type', r['origin'])
    if (r['origin_type'] == 'country') != bool(r['iso3']): err('iso3 vs type', r['origin'])
    if r['iso3'] and r['iso3'] not in ISO: err('iso3 unknown', r['origin'], r['iso3'])
    if r['part_of'] and (r['part_of'] not in origins or origins[r['part_of']]['origin_type'] != 'region'): err('part_of', r['origin'])
    for q in ('departed_qualifier', 'returned_qualifier'):
        if r[q] not in ('', 'at_least', 'more_than', 'about'): err('qualifier', r['origin'])
    if r['departed'] and r['returned'] and int(r['returned']) > int(r['departed']): err('returned > departed', r['origin'])
    if r['returned_percent']:
        if not r['departed'] or not r['returned']: err('percent without counts', r['origin'])
        elif int(r['returned']) != math.floor(int(r['departed']) * float(r['returned_percent']) / 100 + 0.5): err('percent resolve', r['origin'])
    has = any(r[k] for k in ('departed', 'returned', 'returned_percent'))
    ev = [x for x in fbs if x['origin'] == r['origin']]
    if not has and not ev: err('has-a-figure', r['origin'])
    if not has and not r['notes']: err('empty row without notes', r['origin'])
    # evidence backs figure
    for m in ('departed', 'returned', 'returned_percent'):
        if not r[m]: continue
        q = r.get(m + '_qualifier', '') if m != 'returned_percent' else None
        ok = [x for x in ev if x['measure'] == m and x['value'] == r[m] and (q is None or x['qualifier'] == q)]
        if m == 'returned' and r['returned_percent']:
            ok = [x for x in ev if x['measure'] == 'returned_percent' and x['value'] == r['returned_percent']]
        if not ok: err('evidence-backs-figure', r['origin'], m, r[m])
        # preferred wins
    for x in ev:
        if sids[x['source']]['preferred'] == 'true':
            m = x['measure']
            if r[m] != x['value']: err('preferred-source-wins', r['origin'], m)
    for k, v in r.items():
        if v != v.strip(): err('whitespace', r['origin'], k)
# children within parent
for reg in [r for r in fbo if r['origin_type'] == 'region']:
    parts = [r for r in fbo if r['part_of'] == reg['origin']]
    for m in ('departed', 'returned'):
        if reg[m]:
            s = sum(int(p[m]) for p in parts if p[m])
            if s > int(reg[m]): err('children-within-parent', reg['origin'], m, s, reg[m])

# best attested (copy_of roots)
def root(s):
    while sids[s]['copy_of']: s = sids[s]['copy_of']
    return s
for r in fbo:
    for m in ('departed', 'returned', 'returned_percent'):
        if not r[m]: continue
        ev = [x for x in fbs if x['origin'] == r['origin'] and x['measure'] == m]
        if any(sids[x['source']]['preferred'] == 'true' for x in ev): continue
        if m == 'returned' and r['returned_percent']: continue
        cnt = collections.Counter()
        for v in {x['value'] for x in ev}:
            cnt[v] = len({root(x['source']) for x in ev if x['value'] == v})
        if cnt and cnt[r[m]] < max(cnt.values()): warn('best-attested', r['origin'], m, dict(cnt))

# quotes: the value in some written form
WORDS = {
 'en': {7: ['seven'], 50: ['half', 'fifty'], 25: ['a quarter', 'quarter'], 5000: ['five thousand'], 500: ['five hundred'], 0: ['none']},
 'nl': {50: ['vijftig', 'helft']}, 'tr': {7: ['yedi'], 50: ['yarısı']}, 'it': {50: ['metà']}, 'pt': {50: ['metade']},
 'fr': {50: ['moitié'], 25: ['un quart']}, 'es': {50: ['mitad']}, 'sk': {50: ['polovica']}, 'id': {50: ['setengah']},
 'sq': {50: ['gjysmën']}, 'ar': {50: ['نصف'], 3000: ['ثلاثة آلاف'], 33: ['ثلث'], 250: ['مائتي وخمسون']}, 'zh': {50: ['半数']},
 'ru': {3000: ['три тысячи']}, 'pl': {1000: ['tysiąca', 'tysiącu']},
}
MULT = r'(тыс\.?|тысяч[иа]?|tys\.|tysięcy|mil|bin|min|آلاف|الاف|ألف)'
def numbers_in(q):
    q = q.translate(str.maketrans('٠١٢٣٤٥٦٧٨٩', '0123456789'))
    out = set()
    for m in re.finditer(r'(?<![\d])(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+|\d+)(?:[,.](\d+))?\s*' + MULT + '?', q):
        whole, dec, mult = m.group(1), m.group(2), m.group(3)
        w = int(re.sub(r'[,.\u00a0\u202f ]', '', whole))
        out.add(w)
        if mult:
            f = float(f'{w}.{dec}') if dec else w
            out.add(int(round(f * 1000)))
        if dec and not mult:
            out.add(int(whole.replace(',', '').replace('.', '') + dec) if False else w)
    for m in re.finditer(r'(\d+)\s*%', q): out.add(int(m.group(1)))
    return out
for x in fbs:
    lang = sids[x['source']]['language']; v = int(float(x['value']))
    ok = v in numbers_in(x['quote'])
    if not ok:
        for w in WORDS.get(lang, {}).get(v, []):
            if w.lower() in x['quote'].lower(): ok = True
    if not ok: err('quote-agrees', x['origin'], x['measure'], x['value'], x['source'], repr(x['quote'][:120]))
    if (lang != 'en') != bool(x['quote_en']): err('quote-en-present', x['origin'], x['measure'], x['source'])
    if x['qualifier'] not in ('', 'at_least', 'more_than', 'about'): err('qualifier enum', x['source'])
    for k, val in x.items():
        if val != val.strip(): err('whitespace', x['source'], k)
        if val and val[0] in '=+-@' and not re.fullmatch(r'-?\d+(\.\d+)?', val): err('formula-like cell', x['source'], k)
for h in hf:
    if not any(n == int(h['value']) for n in numbers_in(h['quote'])): err('hf quote', h['measure'])
# qualifier words (English text: quote for en, quote_en otherwise)
QW = {'at_least': ['at least', 'no fewer than', 'confirmed', 'known'], 'more_than': ['more than', 'over'],
      'about': ['about', 'around', 'approximately', 'some', 'estimated', 'nearly', 'almost', 'roughly']}
for x in fbs:
    t = (x['quote'] if not x['quote_en'] else x['quote_en']).lower()
    if x['qualifier'] and not any(w in t for w in QW[x['qualifier']]):
        warn('qualifier-word-missing', x['origin'], x['measure'], x['value'], x['qualifier'], x['source'])
for tab, rows in [('fbo', fbo), ('src', src), ('hf', hf)]:
    for r in rows:
        for k, val in r.items():
            if val != val.strip(): err('whitespace', tab, k)
            if val and val[0] in '=+-@' and not re.fullmatch(r'-?\d+(\.\d+)?', val): err('formula-like', tab, k, val[:30])
print('ERRORS', len(errors)); print('\n'.join(errors))
print('WARNINGS', len(warns)); print('\n'.join(warns))
sys.exit(1 if errors else 0)

#!/usr/bin/env python3
"""Builds names.tsv.gz, the name lexicon of dev.veil.tokenizer.detect.person, from public-domain sources.

Inputs (README.md beside this script says where each comes from and under which licence):
  --ssa      us-name-data.sqlite   US Social Security Administration first names, 1880-2024 (public domain)
  --census   names.js              US Census Bureau 1990 first names and surnames (public domain)
  --english  american-english      Debian wamerican (SCOWL): its lower-case entries are common English words
  --spanish  spanish               Debian wspanish: every entry is lower case, names included
Output: one folded word a line (lower case, no diacritics), a tab, then flags:
  g  a given name          s  a surname
  e  a common English word (lower case in wamerican)
  w  a Spanish dictionary word that is neither a given name nor a surname
  c  a given name or surname that is also a Spanish word and no capitalised English entry ("tres", "fue")
  x  any entry of the Spanish dictionary, names included ("ana", "cara")
  m  mainly a given name: 2,000 or more SSA births, and a larger share of births than of surnames
     (the Census list is ordered by frequency; a rank's share is estimated from a power law)
"""
import argparse, gzip, re, sqlite3, unicodedata

def fold(word):
    word = word.strip().lower().replace('ß', 'ss').replace('æ', 'ae').replace('ø', 'o').replace('ł', 'l').replace('đ', 'd')
    return ''.join(c for c in unicodedata.normalize('NFD', word) if not unicodedata.combining(c))

ap = argparse.ArgumentParser()
ap.add_argument('--ssa', required=True)
ap.add_argument('--census', required=True)
ap.add_argument('--english', required=True)
ap.add_argument('--spanish', required=True)
ap.add_argument('--min-births', type=int, default=200)
ap.add_argument('--out', required=True)
a = ap.parse_args()

valid = re.compile(r"^[a-z][a-z'-]+$")
db = sqlite3.connect(a.ssa)
births = {}
for (n, b) in db.execute('select name, sum(births) from usNameData group by name'):
    births[fold(n)] = births.get(fold(n), 0) + b
total_births = sum(births.values())
given = {n for n, b in births.items() if b >= a.min_births}
js = open(a.census, encoding='utf-8').read()
lists = dict((m.group(1), re.findall(r"'([^']+)'", m.group(2))) for m in re.finditer(r"exports\.(\w+) = \[(.*?)\]", js, re.S))
given |= {fold(n) for n in lists['first_male'] + lists['first_female']}
surnames = {fold(n) for n in lists['last']}
rank = {}
for i, n in enumerate(lists['last']):
    rank.setdefault(fold(n), i + 1)

def surname_share(r):
    # about 1% for the first surname and 42% for the first thousand together, steeper after
    return 0.01 * r ** -0.6 if r <= 1000 else 0.01 * 1000 ** -0.6 * (r / 1000) ** -1.3

mainly_given = {n for n in given if births.get(n, 0) >= 2000
                and births[n] / total_births > (surname_share(rank[n]) if n in rank else 0)}
english_lines = [w.strip() for w in open(a.english, encoding='utf-8')]
english = {fold(w) for w in english_lines if w[:1].islower()}
english_capitalised = {fold(w) for w in english_lines if w[:1].isupper()}
spanish = {fold(w) for w in open(a.spanish, encoding='utf-8', errors='replace') if w.strip()}
flags = {}
spanish_names = (spanish & (given | surnames)) - english_capitalised
for word_set, flag in ((given, 'g'), (surnames, 's'), (english, 'e'), (spanish - given - surnames, 'w'),
                       (spanish_names, 'c'), (mainly_given, 'm'), (spanish, 'x')):
    for w in word_set:
        if valid.match(w):
            flags[w] = flags.get(w, '') + flag
with gzip.GzipFile(a.out + '/names.tsv.gz', 'wb', mtime=0) as out:
    out.write(''.join(f'{w}\t{f}\n' for w, f in sorted(flags.items())).encode('utf-8'))
count = lambda c: sum(1 for f in flags.values() if c in f)
print(len(flags), 'words:', count('g'), 'given,', count('s'), 'surnames,', count('e'), 'English,', count('w'), 'Spanish,',
      count('c'), 'Spanish names,', count('m'), 'mainly given')

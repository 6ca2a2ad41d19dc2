#!/usr/bin/env python3
"""Second known-item truth set (issue 17): short, general queries that several cables match.

Version 1 (known_items.tsv) asked four rare words of each target, so plain BM25 found nearly every
target first and ranking hardly mattered. This set asks what a person remembers of a cable days
later (2-5 words: the topic, the main person or country, the event; some "phrases", some AND) and
keeps a query only when at least MIN_MATCHES pages contain all of its words, so ranking decides.

How it was made:
  1. Candidates: every page under ../shared/real-corpus/cablegate-2010-html, IDs sorted, the v1
     targets dropped, shuffled with random.Random(SEED_TARGETS); taken strictly in that order.
  2. For each candidate, only that cable was read (`show N`), one query written with its class
     (person, place, event, topic), and only then its match count asked (`count ID "query"`).
  3. Kept if the target contains all words and at least MIN_MATCHES pages (target included) do.
     Otherwise one more general query (retry) may be written from the cable alone; if that fails
     too, the target is dropped. A query the target itself missed may be respelt to the cable's
     spelling once. Every decision is recorded in DECISIONS below, drops included.
  4. Stop at N_KEEP kept queries; split: random.Random(SEED_SPLIT).sample(kept, len(kept)//2) is
     the tune half, the rest test.
No search engine was run and no ranking was looked at; count_matches is the only thing learnt
about the corpus from code.

Run from the repository root:
  python3 tests/relevance/select_known_items_v2.py            # check DECISIONS, write the tsv, summary
  python3 tests/relevance/select_known_items_v2.py show N     # text of the N-th candidate (0-based)
  python3 tests/relevance/select_known_items_v2.py count ID "query" [ID "query" ...]
"""
import html
import os
import random
import re
import statistics
import sys

SEED_TARGETS = 20261130
SEED_SPLIT = 1130
MIN_MATCHES = 4
N_KEEP = 160
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..", "..", "shared", "real-corpus", "cablegate-2010-html")
V1 = os.path.join(HERE, "known_items.tsv")
OUT = os.path.join(HERE, "known_items_v2.tsv")
CLASSES = ("person", "place", "event", "topic")


def all_pages():
    """{cable ID: path} for every page of the corpus."""
    pages = {}
    for root, _dirs, files in os.walk(ROOT):
        for name in files:
            if name.endswith(".html"):
                pages[name.split(".")[0]] = os.path.join(root, name)
    return pages


def v1_ids():
    with open(V1, encoding="utf-8") as f:
        return {line.split("\t")[0] for line in f if line.strip() and not line.startswith("#")}


def candidates():
    """Candidate target IDs in the order they are taken."""
    ids = sorted(set(all_pages()) - v1_ids())
    random.Random(SEED_TARGETS).shuffle(ids)
    return ids


def split_of(kept, seed=SEED_SPLIT):
    tune = set(random.Random(seed).sample(kept, len(kept) // 2))
    return {i: ("tune" if i in tune else "test") for i in kept}


# --- page text ------------------------------------------------------------------------------
# The visible text of the cable: its title line, the reference table and the cable body. The site
# navigation and the help box are the same on every page and are left out.
TITLE_RE = re.compile(r"<h3>Viewing cable (.*?)</h3>", re.S)
TAG_RE = re.compile(r"<[^>]+>")


def page_text(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    m = TITLE_RE.search(raw)
    title = m.group(1) if m else ""
    start = raw.find("<table class='cable'>")
    end = raw.rfind("<script")
    body = raw[start:end if end > start else len(raw)] if start >= 0 else raw
    return html.unescape(TAG_RE.sub(" ", title + "\n" + body))


WORD_RE = re.compile(r"[a-z0-9]+")


def stem(w):
    """A crude suffix strip, the same for pages and queries."""
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def tokens(text):
    return [stem(w) for w in WORD_RE.findall(text.lower())]


_INDEX = None


def index():
    """{cable ID: (token list, token set)} for every page, built once."""
    global _INDEX
    if _INDEX is None:
        _INDEX = {}
        for cid, path in all_pages().items():
            toks = tokens(page_text(path))
            _INDEX[cid] = (toks, set(toks))
    return _INDEX


def parse_query(query):
    """A list of clauses, each a tuple of stemmed words that must occur in sequence.

    A "quoted phrase" is one clause; AND (upper case) means the same as a space; a word that
    splits into several (al-qaeda) is a phrase of its parts."""
    clauses = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        if word == "AND":
            continue
        toks = tuple(tokens(phrase if phrase else word))
        if toks:
            clauses.append(toks)
    return clauses


def _has_sequence(toks, seq):
    n = len(seq)
    first = seq[0]
    for i, t in enumerate(toks):
        if t == first and tuple(toks[i:i + n]) == seq:
            return True
    return False


def page_matches(cid, query):
    toks, bag = index()[cid]
    for clause in parse_query(query):
        if not all(w in bag for w in clause):
            return False
        if len(clause) > 1 and not _has_sequence(toks, clause):
            return False
    return True


def count_matches(query):
    """How many pages contain every word (and every phrase in sequence) of the query."""
    return sum(1 for cid in index() if page_matches(cid, query))


def missing_words(cid, query):
    toks, bag = index()[cid]
    out = []
    for clause in parse_query(query):
        if not all(w in bag for w in clause) or (len(clause) > 1 and not _has_sequence(toks, clause)):
            out.append(" ".join(clause))
    return out


# --- the record of every candidate read, in candidate order ------------------------------------
# (ID, class, first query, retry query or "", remark). The class is that of the query kept (the retry's
# when the retry was kept). A remark "respelt" means the first query was respelt once to the cable's own
# spelling because the target lacked a word (the original is quoted in the remark).
DECISIONS = [
    ("10MADRID25", "person", "solomont leon spain", "solomont spain", ""),
    ("08MADRID6", "event", "codel lieberman madrid", "lieberman spain", ""),
    ("08MADRID1359", "event", "lukoil repsol stake", "lukoil repsol", ""),
    ("09TRIPOLI943", "topic", "libya heu casks", "", ""),
    ("10STATE8675", "topic", "dubai customs training", "dubai customs", ""),
    ("09MOSCOW1111", "person", 'lavrov "missile defense" iran', "", ""),
    ("07KABUL2998", "person", "boucher karzai jirga", "", ""),
    ("09LONDON1064", "person", "gordon brown leadership crisis", "", ""),
    ("08MADRID1281", "topic", 'spain "defense cooperation" treaty', "", ""),
    ("06LAPAZ3449", "topic", "bolivia coca strategy", "", ""),
    ("04MADRID960", "person", "zapatero inexperienced", "zapatero iraq", ""),
    ("09LONDON2222", "topic", "trident submarines brown", "", ""),
    ("09DAMASCUS179", "event", "cardin asad meeting", "asad codel", ""),
    ("10BEIJING183", "topic", '"internet freedom" china', "", ""),
    ("09MEXICO2676", "topic", 'mexico military "human rights"', "", ""),
    ("09ISLAMABAD24", "person", "zardari india kashmir", "", ""),
    ("90CAPETOWN97", "person", "mandela de klerk", "mandela anc", ""),
    ("09BEIJING1761", "place", 'china scholars "north korea"', "", ""),
    ("08LONDON2765", "topic", "tory financial crisis brown", "", ""),
    ("04AMMAN1288", "person", "muasher iraq neighbors kuwait", "muasher iraq", ""),
    ("07TELAVIV64", "event", "scenesetter secretary israel", "", ""),
    ("09LONDON1707", "topic", "uk trident deterrent", "trident deterrent", ""),
    ("04MADRID1187", "event", "spain troops iraq withdrawal", "", ""),
    ("08MADRID1280", "topic", "spain detainee flights", "", ""),
    ("09LONDON2742", "person", "brown tobin tax", "brown tax", ""),
    ("09USNATO588", "topic", "nato contingency plan baltic", "", ""),
    ("08BRASILIA129", "person", "jobim defense cooperation agreement", "", ""),
    ("09STOCKHOLM707", "person", "sahlin social democrats", "sahlin sweden", ""),
    ("10ABUDHABI97", "place", "uae iran sanctions", "", ""),
    ("10ISLAMABAD461", "event", "beradar extradition pakistan", "beradar pakistan", ""),
    ("07ABUDHABI187", "person", "mohammed bin zayed iran", "", ""),
    ("09RIYADH1415", "place", "saudi pakistan relations", "", ""),
    ("06MADRID293", "event", "spain chief prosecutor eta", "", ""),
    ("07TALLINN366", "topic", "estonia cyber attacks", "cyber attacks russia", ""),
    ("08RPODUBAI49", "topic", '"red crescent" irgc', "iran irgc mois", ""),
    ("10BEIJING263", "topic", "china nuclear fusion research", "china nuclear energy", ""),
    ("10DAKAR127", "place", "wade corruption senegal", "senegal corruption", ""),
    ("09DOHA502", "place", "vershbow qatar", "qatar iran", ""),
    ("09ABUJA259", "topic", "shell nigeria corruption", "nigeria oil corruption", ""),
    ("08STATE134777", "topic", "afghanistan cluster munitions", "", ""),
    ("08MADRID685", "event", "africom ward spain", "africom spain", ""),
    ("09BOGOTA3441", "person", "uribe angry venezuela", "uribe venezuela", ""),
    ("09MADRID671", "person", "napolitano zapatero", "", ""),
    ("06MOSCOW11778", "topic", '"north koreans" russia resettlement', 'russia "north koreans"', ""),
    ("09LAPAZ1541", "place", "eu bolivia narcotics", "", ""),
    ("05MADRID569", "person", "zapatero chavez venezuela", "", ""),
    ("10MADRID133", "event", 'obama "eu summit" spain', "", ""),
    ("09KABUL3161", "topic", '"quetta shura" pakistan', "", ""),
    ("06PARIS7755", "person", "fried gourdault-montagne russia", "fried france russia", ""),
    ("09PARIS1589", "person", "mullen french troops afghanistan", "mullen afghanistan france", ""),
    ("08ISLAMABAD3010", "place", 'pakistan "economic dialogue"', "pakistan economic", ""),
    ("09ABUDHABI347", "person", "holbrooke abu dhabi iran", "", ""),
    ("08KUWAIT128", "topic", "kuwait terror finance", "", ""),
    ("06BRASILIA2352", "person", "sobel lula credentials", "sobel lula", ""),
    ("09BUENOSAIRES1026", "person", "massa kirchner", "", ""),
    ("08TUNIS193", "person", "ben ali welch", "ben ali tunisia", ""),
    ("09BUENOSAIRES827", "event", "argentina kirchner elections", "", ""),
    ("09PORTAUPRINCE575", "person", "preval haiti leadership", "preval haiti", ""),
    ("07ISLAMABAD5388", "person", "pervaiz elahi prime minister", "elahi pakistan", ""),
    ("08MUSCAT174", "person", "fallon sultan qaboos", "sultan qaboos iran", ""),
    ("00HARARE6677", "person", "susan rice tsvangirai", "tsvangirai mugabe", ""),
    ("08BEIJING661", "topic", "china relations prospects", "", ""),
    ("10ASHGABAT118", "place", "iranian truckers turkmenistan", "iranians turkmenistan", ""),
    ("10ABUJA215", "person", "goodluck jonathan acting president", "goodluck jonathan", ""),
    ("05PARIS8606", "person", "fillon sarkozy", "", ""),
    ("08DAMASCUS146", "event", "rami makhluf designation", "rami makhluf", ""),
    ("09TELAVIV2777", "person", "netanyahu iran sanctions", "", ""),
    ("05RIODEJANEIRO1238", "topic", "rio drug gang bus", "rio drug violence", ""),
    ("09STOCKHOLM194", "topic", '"ci/kr" sweden', "sweden infrastructure", 'respelt from "critical infrastructure" sweden'),
    ("05MADRID395", "place", "spain afghanistan prt", "", ""),
    ("09SANAA2274", "event", "yemen aqap strikes", "", ""),
    ("09BRASILIA953", "person", "lula farewell call", "lula obama", ""),
    ("09BERLIN1106", "person", "merkel election campaign", "", ""),
    ("04RANGOON88", "topic", "burma nuclear reactor", "burma nuclear", ""),
    ("09ISLAMABAD415", "event", "sharif disqualified supreme court", "sharif disqualified", ""),
    ("08LAGOS368", "event", "shell niger delta attacks", "shell nigeria attacks", ""),
    ("09MADRID392", "event", "spain court torture complaint", "", ""),
    ("09MOSCOW2749", "event", "mueller moscow", "fbi moscow", ""),
    ("09TRIPOLI771", "person", "qadhafi nurse", "qadhafi new york", ""),
    ("09ROME649", "event", "berlusconi washington visit", "", ""),
    ("09BAMAKO815", "topic", "mali army training", "", ""),
    ("10NAIROBI59", "place", "kenya reform agenda", "kenya reform", ""),
    ("06PARIS7884", "topic", "france terrorism report", "", ""),
    ("09SAOPAULO663", "topic", "farah pandith muslims", "muslim engagement brazil", ""),
    ("09MOSCOW532", "person", "putin work ethic", "putin shuvalov", ""),
    ("09NEWDELHI1337", "place", "jones antony", "india security pakistan", ""),
    ("07BUENOSAIRES2345", "person", "kirchner venezuela cash", "kirchner venezuela", ""),
    ("10LAPAZ33", "event", "bolivia copenhagen climate", "", ""),
    ("09BEIJING3122", "topic", "china rebalancing trade", "china rebalancing", ""),
    ("10KABUL571", "topic", "afghan officials corruption", "", ""),
    ("05PARIS5335", "person", "sarkozy hubbard", "sarkozy bush", ""),
    ("09PARIS1339", "place", "sahel aqim security", "", ""),
    ("08LONDON2181", "place", "brown karzai helmand", "helmand governor", ""),
    ("09BERLIN1393", "person", "de maiziere interior minister", "", ""),
    ("08TUNIS679", "place", "tunisia corruption family", "tunisia corruption", ""),
    ("09PARIS1046", "event", "ahmadinejad inauguration eu", "ahmadinejad inauguration", ""),
    ("09ROME97", "place", "italy russia relations", "", ""),
    ("07PRETORIA356", "place", "zimbabwe power sharing", "", ""),
    ("06PARIS2069", "person", "ricard terrorism judge", "", ""),
    ("10ANKARA87", "place", "turkey new foreign policy", "", ""),
    ("09TRIPOLI1025", "event", "libya heu shipment", "", ""),
    ("09TELAVIV457", "person", "codel cardin israel", "netanyahu iran election", ""),
    ("08STOCKHOLM494", "topic", "gripen radar sweden", "gripen sweden", ""),
    ("10STATE9124", "topic", "iran nuclear pressure", "", ""),
    ("09DOHA733", "event", "qatar prime minister visit", "", ""),
    ("09TALLINN114", "place", "estonia russia", "", ""),
    ("08ASTANA338", "place", "chevron kazakhstan", "kazakhstan energy", ""),
    ("10VATICAN13", "place", "vatican copenhagen climate", "vatican climate", ""),
    ("06PARIS7579", "place", "france terrorism threat", "", ""),
    ("09PARIS1162", "person", "reiss release syria", "clotilde reiss", ""),
    ("09ABUDHABI874", "topic", "uae terrorist financing afghanistan", "", ""),
    ("09MOSCOW3109", "person", "medvedev modernization", "", ""),
    ("09BERLIN406", "event", "germany shipment iran", "", ""),
    ("10BRASILIA61", "place", "marco aurelio garcia honduras", "brazil honduras zelaya", ""),
    ("08ISLAMABAD2524", "event", "gilani washington visit", "", ""),
    ("09BOGOTA1632", "topic", "farc peace talks", "", ""),
    ("09MEXICO3195", "place", "mexico intelligence cooperation", "", ""),
    ("09STATE68250", "topic", "test chamber iran", "germany china iran", ""),
    ("08CARACAS1390", "event", "american airlines crew venezuela", "american airlines venezuela", ""),
    ("09STATE82013", "topic", "npt review conference", "", ""),
    ("09HARARE888", "place", "zimbabwe sadc mdc", "", ""),
    ("08STOCKHOLM272", "place", "tolgfors gates afghanistan", "sweden afghanistan", ""),
    ("09STATE37561", "topic", "humint great lakes rwanda", '"collection needs" africa', ""),
    ("09STATE37566", "topic", "humint west africa sahel", '"collection needs" sahel', ""),
    ("08MANAGUA573", "person", "ortega administration nicaragua", "ortega nicaragua", ""),
    ("10ZAGREB97", "place", "croatia corruption sanader", "croatia corruption", ""),
    ("09RIYADH447", "person", "brennan king abdullah", "", ""),
    ("10KABUL104", "topic", "afghanistan reintegration reconciliation", "", ""),
    ("09LONDON1156", "place", "chagos marine reserve", "diego garcia", ""),
    ("09WARSAW170", "place", "poland patriot battery", "", ""),
    ("06DUBLIN1020", "place", "shannon airport military", "shannon ireland", ""),
    ("08STATE128877", "place", "saudi iran pressure", "", ""),
    ("07PARIS3941", "event", "betancourt hostages france", "", ""),
    ("09BRASILIA1216", "event", "brazil counterterrorism visit", "", ""),
    ("09BRASILIA791", "person", "dilma rousseff cancer", "rousseff lula election", ""),
    ("06PARIS5975", "event", "sarkozy trip bush", "", ""),
    ("09MUNICH273", "event", "german elections csu bavaria", "", ""),
    ("09MOSCOW3144", "event", "khodorkovskiy trial", "yukos trial", 'respelt from "khodorkovsky trial"'),
    ("09KABUL3890", "person", "ahmed wali karzai kandahar", "karzai brother kandahar", ""),
    ("05BRASILIA1207", "place", "brazil tri-border region", "", ""),
    ("10MUNICH29", "person", "seehofer csu", "", ""),
    ("09STATE62397", "place", '"collection needs" slovenia', "slovenia humint", ""),
    ("09STATE34394", "person", "steinberg patriota brazil", "patriota brazil", ""),
    ("08OSLO629", "event", "norway f-35", "", ""),
    ("09BAMAKO776", "place", "mali aqim north", "", ""),
    ("09STATE74787", "person", "calderon security team", "", ""),
    ("07MADRID1287", "person", "aznar spanish politics", "", ""),
    ("10RIYADH123", "place", "yang jiechi saudi", "china saudi", ""),
    ("08OTTAWA1258", "event", "canada federal election", "", ""),
    ("09KABUL3324", "topic", "new ansari hawala", "hawala afghanistan", ""),
    ("08MOSCOW2700", "topic", "moscow tolerance museum", "moscow jewish museum", ""),
    ("08MOSCOW932", "person", "solzhenitsyn kirill", "kirill medvedev", ""),
    ("10ISLAMABAD175", "place", "south waziristan displaced", "", ""),
    ("10ALGIERS20", "event", "algeria tsa list", "algeria tsa", ""),
    ("08MADRID98", "event", "codel martinez madrid", "martinez madrid", ""),
    ("09KHARTOUM881", "event", "faina tanks south sudan", "", ""),
    ("09NAIROBI2497", "event", "kenya sudan tanks", "", ""),
    ("09CAIRO1349", "person", "petraeus omar soliman egypt", "petraeus soliman", ""),
    ("08RABAT727", "place", "morocco armed forces", "", ""),
    ("08LAPAZ1667", "person", "shannon evo morales", "", ""),
    ("09ISLAMABAD284", "event", '"aq khan" release', "", ""),
    ("08BISHKEK1095", "person", "prince andrew kyrgyzstan", "prince andrew", ""),
    ("08TBILISI1343", "event", "south ossetia russian bombs", "", ""),
    ("05PARIS482", "person", "bruguiere terrorism", "", ""),
    ("08LONDON2643", "place", "uk russia relations", "", ""),
    ("66BUENOSAIRES2481", "place", "argentina territorial sea", "argentina sea", ""),
    ("09PARIS1534", "topic", "france africa policy", "", ""),
    ("08BRASILIA43", "topic", "brazil counterterrorism hizballah", "", ""),
    ("10LONDON131", "event", "nourizadeh iranian intelligence", "iranian intelligence london", ""),
    ("07HARARE638", "person", "dell zimbabwe mugabe", "mugabe zimbabwe policy", ""),
    ("09TRIPOLI65", "person", "megrahi libya", "", ""),
    ("08NEWDELHI3044", "event", "mumbai attacks pakistan", "", ""),
    ("08PARIS957", "event", "sarkozy president visit paris", "", 'respelt from "sarkozy scenesetter president visit"'),
    ("08LONDON929", "person", "cameron mccain", "cameron conservatives", ""),
    ("08RANGOON44", "place", "china burma generals", "", ""),
    ("09ABIDJAN406", "place", "cote d'ivoire elections", "", ""),
    ("08BRASILIA351", "event", "jobim washington visit", "", ""),
    ("09KABUL3714", "person", "afghan commerce minister", "", ""),
    ("10LONDON159", "event", "london conference afghanistan yemen", "", ""),
    ("06BRUSSELS524", "person", "bellinger eu guantanamo", "bellinger guantanamo", ""),
    ("09HARARE51", "topic", "zimbabwe diamond fields", "", ""),
    ("09PARIS1526", "place", "france brazil relationship", "", ""),
    ("08OSLO670", "event", "norway fighter jsf", "", ""),
    ("08RIODEJANEIRO171", "event", "rio soldiers drug dealers", "rio favela army", ""),
    ("07MOSCOW3579", "person", "kadyrov chechnya", "", ""),
    ("10BAGHDAD70", "event", "codel mccain iraq", "", ""),
    ("05VIENNA3833", "topic", "austrian banks transactions", "austria banks", ""),
    ("07MADRID546", "person", "garzon iraq war", "", ""),
    ("09PARIS119", "topic", "france guantanamo detainees", "", ""),
    ("08OSLO522", "event", "norway fighter purchase", "", ""),
    ("07BERLIN242", "event", "al-masri arrest warrants", "al-masri germany", ""),
    ("08MOSCOW2563", "person", "medvedev georgia war", "", ""),
    ("06ABUDHABI1725", "place", "crumpton uae counterterrorism", "uae counterterrorism", ""),
    ("10SANSALVADOR37", "person", "funes fmln", "", ""),
    ("09BEIJING3416", "person", "liu xiaobo huntsman", "liu xiaobo", ""),
    ("09TELAVIV1184", "person", "netanyahu settlements freeze", "", ""),
    ("06MADRID2281", "person", "moratinos middle east", "", ""),
    ("07ISLAMABAD1583", "person", "musharraf mccain iraq", "musharraf iraq", ""),
]


def evaluate(decisions=None, order=None, n_keep=N_KEEP, misfits_fail=False):
    """(kept, dropped) of `decisions` (this file's by default) over `order` (its candidates).

    A query that breaks the rules of form (2-5 words, ASCII) stops the script, or with
    `misfits_fail` counts as failed."""
    decisions = DECISIONS if decisions is None else decisions
    order = candidates() if order is None else order
    assert [d[0] for d in decisions] == order[:len(decisions)], "DECISIONS must follow the candidate order"
    kept, dropped = [], []
    for cid, cls, q1, q2, remark in decisions:
        assert cls in CLASSES, (cid, cls)
        if len(kept) == n_keep:
            break
        result = None
        for query, retry in ((q1, False), (q2, True)):
            if not query:
                continue
            fits = query.isascii() and 2 <= sum(len(c) for c in parse_query(query)) <= 5
            if not fits and misfits_fail:
                continue
            assert fits, (cid, query)
            n = count_matches(query)
            if page_matches(cid, query) and n >= MIN_MATCHES:
                result = (cid, cls, query, n, retry, remark)
                break
        if result:
            kept.append(result)
        else:
            dropped.append(cid)
    return kept, dropped


def write_rows(kept, split, out, header):
    """The truth set: `header` lines, then one row per kept query, sorted by ID."""
    lines = list(header)
    for cid, cls, query, n, retry, remark in sorted(kept):
        note = f"matches={n}" + (" retry" if retry else "") + (" respelt" if remark.startswith("respelt") and not retry else "")
        lines.append(f"{cid}\t{split[cid]}\t{cls}\t{query}\t{note}")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def write_tsv(kept):
    write_rows(kept, split_of([k[0] for k in kept]), OUT, [
        "# Known-item truth set v2 over ../shared/real-corpus/cablegate-2010-html (issue 17): id<TAB>split<TAB>class<TAB>query<TAB>note. "
        f"Made by select_known_items_v2.py (its DECISIONS list records every candidate read, drops included): candidates = all pages minus the v1 targets, "
        f"IDs sorted then shuffled with random.Random({SEED_TARGETS}), taken in order; split: random.Random({SEED_SPLIT}).sample(kept, len(kept)//2) is tune, the rest test.",
        "# Rules: one query of 2-5 plain words per target (what a reader remembers: topic, main person or country, event; some \"phrases\"), written after reading only "
        f"that cable, no engine run; filter: kept only if at least {MIN_MATCHES} pages (target included) contain all its words (cable text, lower case, crude suffix strip); "
        "else one more general retry, else dropped. note: matches=N, retry, respelt. Never edit the test half.",
    ])


def summary(out=OUT):
    """Recount from the tsv as written."""
    rows = []
    with open(out, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    counts = {}
    for _cid, split, cls, _q, _note in rows:
        counts[(cls, split)] = counts.get((cls, split), 0) + 1
    print(f"rows {len(rows)}")
    for cls in CLASSES:
        print(f"{cls:7} tune {counts.get((cls, 'tune'), 0):3} test {counts.get((cls, 'test'), 0):3}")
    for split in ("tune", "test"):
        print(f"{split}: {sum(v for (c, s), v in counts.items() if s == split)}")
    ms = [int(r[4].split()[0].split("=")[1]) for r in rows]
    print(f"matches: median {statistics.median(ms)} min {min(ms)} max {max(ms)}; retries {sum('retry' in r[4] for r in rows)}")


def run(args, order, build):
    """The command line: `show N`, `count ID "query" ...`, or (no arguments) `build()`."""
    if args and args[0] == "show":
        cid = order()[int(args[1])]
        limit = int(args[2]) if len(args) > 2 else 5000
        text = page_text(all_pages()[cid])
        at = text.find("SUBJECT")
        if at > 0:
            text = text.split("\n", 1)[0] + "\n" + text[at:]
        text = re.sub(r"[ \t]+", " ", text)
        text = re.sub(r"\n\s*\n+", "\n", text)
        print(f"=== {args[1]} {cid} ({len(text)} chars)")
        print(text[:limit])
        return
    if args and args[0] == "count":
        for cid, query in zip(args[1::2], args[2::2]):
            miss = missing_words(cid, query)
            print(f"{cid}\t{query}\tmatches={count_matches(query)}\ttarget={'yes' if not miss else 'MISSING ' + ','.join(miss)}")
        return
    build()


def build():
    kept, dropped = evaluate()
    write_tsv(kept)
    print(f"candidates read {len(DECISIONS)}, kept {len(kept)}, dropped {len(dropped)}: {' '.join(dropped)}")
    summary()


if __name__ == "__main__":
    run(sys.argv[1:], candidates, build)

"""What the story grouper reads of an article: weighted terms of the title and lead, of the body, names, a date.

Terms are lower-cased content words with a crude plural fold, numbers with their separators removed
("1,300" -> "1300", so a figure matches across outlets and scripts), and character bigrams for Chinese, Japanese
and Korean runs (no word spaces there). Names are runs of capitalised Latin words, the cheap stand-in for resolved
entities (grouping happens at ingest, before any parse), keyed as a second reference names them: without an office
before them, and a person also by surname ("Interior Secretary Ken Salazar" is also "ken salazar" and "salazar");
a line in title case gives none (a headline capitalises every word). Only the first ``BODY_CHARS`` of a text are
read: the story is told at the top of a news article, and the bound keeps the cost per article flat. Counts are figures
followed by a word in the title and lead ("23 pirates" -> "pirate=23"): two reports counting the same thing
differently are often of two events. Days are the weekdays the title and lead name ("on Saturday"): the day a
report places its event on, which reports of another event of the same kind often give otherwise.

Features are kept in the store (`encode` / `decode`, JSON text) so a new process need not read every text again;
``FEATURES_VERSION`` names the extraction that wrote them: **raise it whenever what `featurise` returns for a text
changes** (terms, names, years, lead), and stored features of the old version are recomputed when next read.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..text import singular

BODY_CHARS = 4000
LEAD_CHARS = 600
TOP_TERMS = 12  # terms per article put in the blocking index
QUERY_TERMS = 24  # terms per article looked up in it
FEATURES_VERSION = 4  # of what featurise returns (see the module docstring)

_KANA_RANGE, _HAN_RANGE, _HANGUL_RANGE = "\u3040-\u30ff", "\u3400-\u4dbf\u4e00-\u9fff", "\uac00-\ud7af"
_CJK = _KANA_RANGE + _HAN_RANGE + _HANGUL_RANGE
_TOKEN = re.compile(rf"[{_CJK}]+|\d+(?:[.,]\d+)*|[^\W\d_{_CJK}]+(?:['’][^\W\d_]+)?")
_WORD = r"[A-Z](?:[\w'’&-]|\.(?=\w))*"  # a dot only inside ("U.S"), never the one closing a sentence
_NAME = re.compile(rf"\b{_WORD}(?:[ \t]+(?:(?:of|the|de|al|bin|van|von)[ \t]+)?{_WORD})*")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")


def _lexicon_words() -> tuple[frozenset[str], frozenset[str]]:
    from ..lexicon.people import HONORIFICS, TITLE_HEADS, TITLE_WORDS

    titles = frozenset(w.rstrip(".") for w in TITLE_WORDS | HONORIFICS)
    # offices that stand before a person's name; not "general", "chief", "head", which also open other names
    # ("General Motors", "Chief Executive")
    offices = frozenset(w.rstrip(".") for w in TITLE_HEADS | HONORIFICS | {"coach", "manager", "justice", "attorney",
                                                                          "sheriff", "gov", "sen", "rep", "gen"})
    return titles, offices - {"general", "chief", "head"}


_TITLE_WORDS, _OFFICES = _lexicon_words()


_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                      "june july august september october november december mon tue tues wed thu thur thurs fri sat "
                      "sun jan feb mar apr jun jul aug sep sept oct nov dec".split())


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = {"said", "says", "told", "year", "years", "new", "according", "reuters", "ap", "afp", "news"}
    return frozenset(STOP_WORDS | extra)


# Last words that end many names but no person's ("Species Act", "Eastern Conference", "Grand Prix"); the common
# heads of organisations and places are in the lexicon
_PERSON_STOP = frozenset("act acts conference cup prix league championship games award awards prize day week "
                         "war bill law rule rules treaty accord agreement plan report program programme project "
                         "street avenue road bridge airport station stadium hall park hospital church mosque temple "
                         "museum tower building hotel centre center media online times".split()) | _CALENDAR


def _not_a_person_last() -> frozenset[str]:
    from ..lexicon.organisations import ORG_HEADS
    from ..lexicon.places import PLACE_NOUNS

    return ORG_HEADS | PLACE_NOUNS | _PERSON_STOP


_NOT_A_PERSON_LAST = _not_a_person_last()  # read once, not per name run (featurise runs on every article)


def terms(text: str) -> list[str]:
    """Content terms of ``text`` in order (see the module docstring)."""
    stop = _stop_words()
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        c = tok[0]
        if c.isdigit():
            out.append(_number_term(tok))
        elif "\u3040" <= c <= "\ud7af" and not c.isascii():
            out.extend(tok[i:i + 2] for i in range(max(1, len(tok) - 1)))
        else:
            w = tok.casefold().replace("’", "'")
            if w.endswith("'s"):
                w = w[:-2]
            if len(w) < 2 or w in stop:
                continue
            out.append(singular(w))
    return out


def _number_term(num: str) -> str:
    """ "1,300" -> "1300", "5.6" -> "5_6": a figure as one term, whatever the separators."""
    return num.replace(",", "").rstrip(".").replace(".", "_")


def names(text: str) -> set[str]:
    """Capitalised word runs of ``text`` (folded), without a stop word opening them ("The Bush administration" ->
    "bush"), skipping a lone stop word that only opens a sentence and lines in title case, with the keys of each
    (`name_keys`: "Interior Secretary Ken Salazar" is also "ken salazar" and "salazar"). A possessive ends a name
    ("Kempthorne's" is "kempthorne"; "Iran's Kerman" is "iran" and "kerman")."""
    stop = _stop_words() | _CALENDAR
    skipped = _title_case_spans(text)
    out = set()
    for m in _NAME.finditer(text):
        if skipped and any(a <= m.start() < b for a, b in skipped):
            continue
        words = m.group(0).rstrip(".'’-").casefold().replace("’", "'").split()
        lead = 0
        while lead < len(words) - 1 and words[lead] in stop:
            lead += 1
        for i, part in enumerate(_possessive_parts(words[lead:])):
            name = " ".join(part)
            if " " not in name:
                before = text[:m.start()].rstrip(" \t")[-1:]
                # a lone capitalised word opening a sentence is just capitalised ("Officials said ...")
                if name in stop or name in _TITLE_WORDS or len(name) < 2 or (not lead and not i and (
                        not before or before in ".!?\"“”:\n")):
                    continue
            out.update(name_keys(name))
    return out


def _possessive_parts(words: list[str]) -> list[list[str]]:
    """A name run cut after each possessive word, which loses its "'s": ["iran's", "kerman"] -> [["iran"],
    ["kerman"]] (the owner and the owned are two names)."""
    parts, cur = [], []
    for w in words:
        if w.endswith("'s") and len(w) > 2:
            cur.append(w[:-2])
            parts.append(cur)
            cur = []
        else:
            cur.append(w)
    if cur:
        parts.append(cur)
    return parts


_LINE_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")  # words of four letters or more


def _title_case_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines written in title case ("Obama Overturns Bush Rules That Cut Science"): a headline
    capitalises every word, so its capitals do not mark names (the lead names the same people in running text)."""
    spans, at = [], 0
    for line in text.split("\n"):
        words = _LINE_WORD.findall(line)
        if len(words) >= 4 and sum(w[0].islower() for w in words) <= len(words) // 10:
            spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def name_keys(name: str) -> list[str]:
    """A folded name run and the keys a later mention of the same person may use: without an office or
    honorific before it ("interior secretary ken salazar" -> "ken salazar"), and a person's surname ("salazar",
    as a second reference writes it). A run that does not look like a person's name (`_person_like`: "interior
    department", "endangered species act") is only itself."""
    words = name.split()
    keys = [name]
    start = 0
    while start < len(words) - 1 and words[start].rstrip(".") in _TITLE_WORDS:
        start += 1
    if start and words[start - 1].rstrip(".") not in _OFFICES:
        start = 0  # "National Guard", "State Department": a modifier, not an office before a name
    person = words[start:]
    if not _person_like(person):
        return keys
    if start:
        keys.append(" ".join(person))
    if len(person) > 1:
        keys.append(person[-1])
    return keys


def _person_like(words: list[str]) -> bool:
    """Up to three words, letters only, none a title word, the last no head of an organisation's or place's name
    nor a common word: what a person's name looks like, cheaply."""
    last = words[-1]
    return (len(words) <= 3 and all(w.replace("'", "").replace("’", "").replace("-", "").isalpha() for w in words)
            and not any(w in _TITLE_WORDS for w in words) and last not in _NOT_A_PERSON_LAST and len(last) > 2)


@dataclass(slots=True)
class ArticleFeatures:
    """Raw counts of one article; weighting by the stream's document frequencies happens in the grouper."""

    head: Counter  # title + lead terms
    body: Counter  # the text's terms
    names: set[str]
    years: Counter  # years the text mentions: when it happened tells two similar events apart
    published: dt.date | None
    embed_text: str  # what the sentence embedder reads (title and first sentence)
    counts: frozenset[str] = frozenset()  # "word=number" of the title and lead: "pirate=23", "magnitude=5_6"
    days: frozenset[str] = frozenset()  # weekdays the title and lead name: "saturday"


def lead_of(text: str) -> str:
    """The first paragraph(s) of a text, up to about ``LEAD_CHARS`` characters, cut at a sentence end if possible."""
    lead = text[:LEAD_CHARS]
    if len(text) > LEAD_CHARS:
        cut = max(lead.rfind(". "), lead.rfind("\n"))
        if cut > LEAD_CHARS // 3:
            lead = lead[:cut + 1]
    return lead


def featurise(title: str | None, text: str, published: dt.date | None = None) -> ArticleFeatures:
    title = (title or "").strip()
    lead = lead_of(text)
    head = Counter(terms(title))
    head.update(terms(lead))
    body = Counter(terms(text[:BODY_CHARS]))
    first = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0]
    embed_text = f"{title}. {first}" if title else first
    top = title + "\n" + text[:BODY_CHARS]
    years = Counter(_YEAR.findall(top))
    top_lead = title + "\n" + lead
    return ArticleFeatures(head, body, names(top), years, published, embed_text[:400], counts_of(top_lead),
                           days_of(top_lead))


def encode(feats: ArticleFeatures) -> str:
    """Features as JSON text (the publication date is the article's own and is not included); term order kept."""
    return json.dumps({"head": feats.head, "body": feats.body, "names": sorted(feats.names), "years": feats.years,
                       "embed_text": feats.embed_text, "counts": sorted(feats.counts),
                       "days": sorted(feats.days)}, ensure_ascii=False,
                      separators=(",", ":"))


def decode(text: str, published: dt.date | None) -> ArticleFeatures:
    """The features `encode` wrote, with the article's publication date."""
    d = json.loads(text)
    return ArticleFeatures(_counter(d["head"]), _counter(d["body"]), set(d["names"]), _counter(d["years"]),
                           published, d["embed_text"], frozenset(d["counts"]), frozenset(d["days"]))


def _counter(counts: dict[str, int]) -> Counter:
    out: Counter = Counter()
    dict.update(out, counts)  # what Counter(counts) holds, without its per-call Mapping check
    return out


def tfidf(counts: Counter, df: dict[str, int], n_docs: int) -> dict[str, float]:
    """Sublinear tf times smoothed idf, L2-normalised."""
    vec = {t: (1.0 + math.log(c)) * (math.log((n_docs + 1) / (df.get(t, 0) + 1)) + 1.0) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def idf_set(items: set[str], df: dict[str, int], n_docs: int) -> dict[str, float]:
    """A set as an idf-weighted, L2-normalised vector (names: rare names weigh more)."""
    return tfidf(Counter({t: 1 for t in items}), df, n_docs)


_KANA = re.compile(f"[{_KANA_RANGE}]")
_HANGUL = re.compile(f"[{_HANGUL_RANGE}]")
_HAN = re.compile(f"[{_HAN_RANGE}]")
_LATIN_WORD = re.compile(r"[^\W\d_]+")


def language(text: str) -> str:
    """The language of a title and lead: "zh", "ja" or "ko" by script; else the language (`lexicon.languages`)
    whose commonest words (two or more) it uses most; "en" when there are too few to tell (names, figures)."""
    from ..lexicon.languages import FUNCTION_WORDS

    cjk = len(_HAN.findall(text))
    if cjk:
        kana, hangul = len(_KANA.findall(text)), len(_HANGUL.findall(text))
        latin = sum(map(len, _LATIN_WORD.findall(text))) - cjk - kana - hangul
        if cjk + kana + hangul >= latin / 4:  # a Chinese report quoting "COVID-19" or "NUG" is still Chinese
            return "ja" if kana else "ko" if hangul > cjk else "zh"
    elif _HANGUL.search(text):
        return "ko"
    words = [w.casefold() for w in _LATIN_WORD.findall(text) if len(w) > 1]  # not the "O" of O'Brien
    best, best_n = "en", 1  # another language needs two of its words
    for lang, small in FUNCTION_WORDS.items():
        n = sum(w in small for w in words)
        if n > best_n:
            best, best_n = lang, n
    return best


_COUNT = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)[ -]+([A-Za-z][a-z]+)")


def counts_of(text: str) -> frozenset[str]:
    """What a text counts, as "word=number" for a figure followed by a word ("23 pirates" -> "pirate=23")."""
    if not any(c.isdigit() for c in text):
        return frozenset()
    stop = _stop_words()
    out = set()
    for num, word in _COUNT.findall(text):
        w = word.casefold()
        if w in stop or w in _CALENDAR or _YEAR.fullmatch(num):  # "12 March", "2011 floods": dates, not counts
            continue
        out.add(f"{singular(w)}={_number_term(num)}")
    return frozenset(out)


_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def days_of(text: str) -> frozenset[str]:
    """The weekdays a text names, folded ("on Saturday" -> "saturday"); capitalised only, as news writes them."""
    return frozenset(d.casefold() for d in _WEEKDAY.findall(text))

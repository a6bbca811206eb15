"""Independence: which articles are copies of others, and which share an origin (a wire agency, a speaker).

Count witnesses, not articles. Exact and near copies come marked from ingest; a *reworded* copy is found here:
most of an article's claims align, in order, to the claims of one other article (the longest common
subsequence over aligned claims, computed as the longest increasing run of matched positions).

Then *origins* (``independent_origins``): articles that are versions of one text count as one source:

1. an article and its copy (any kind);
2. articles that credit the same agency as the author of their text ("KYIV (Reuters) -", "— AFP" as the last
   line, "© 2022 The Associated Press", an outlet that is the agency), not articles that merely cite it
   ("told Reuters", "with reporting by AP": those wrote their own text);
3. articles sharing a large share of near-identical sentences (word-trigram Jaccard per sentence pair): one
   agency story run by several outlets, each trimming and editing it, shares half its sentences with the
   others while whole-article MinHash sees different texts; so do articles with a run of near-identical
   sentences in the same order (`origin_shared_run`), however long they are: an agency story and its later,
   rewritten and longer version keep whole paragraphs of the first; so do an official release and an outlet
   quoting it at length, each sentence edited a little (read at a lower Jaccard, where one side prints the text as
   its own: a remark both quote is each reporter's own quoting);
4. articles carrying one outlet's own reporting (``own_reporting``): a text that speaks of an outlet as the one
   doing the reporting ("did not respond to CNA's queries", "a circular seen by The Straits Times", "told
   Reuters") is that outlet's text; an article that credits that outlet for its facts ("According to CNA, …",
   "CNA reported") re-reports it, and one that shows the same agency's reporting (an author credit or "told
   Reuters") while sharing a near-identical sentence with it is another version of it. Credits of earlier
   reporting ("according to The Straits Times in 2010") are not this story's text;
5. articles one outlet published (the same outlet name or host): its follow-ups retell its own reporting, and a
   newspaper is one witness however often it prints the story. An aggregator's pages crediting different agencies
   stay apart (they carry the agencies' texts);
6. articles that each re-report (as in rule 4) one news medium no article of the story is known to be: two write-ups
   of one outside report ("According to this L.A. Times story, …" / "According to a report in the Los Angeles
   Times, …") are one witness, the report's (``outside_rereports``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import numpy as np

from ..lexicon.organisations import MEDIA_HEADS
from ..model import Article, ArticleFacts, Origin, SourceLink, Span
from ..settings import Settings
from .align import Pair, posting_pairs
from .union_find import UnionFind
from ..extract.claims import direct_quote
from ..extract.frame import Frame

# Reworded copies: the share of an article's claims aligned in order to one other article, the fewest claims
# that can show it, and the similarity at which a claim "matches" (or a "same" pair) come from the settings
# (reworded_share, reworded_min_claims, reworded_sim).

# Wire agencies by their spellings; a general list of international news agencies, not tuned to any story.
WIRES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "Bloomberg": ("Bloomberg",),
    "UPI": ("UPI", "United Press International"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Xinhua": ("Xinhua",),
    "Interfax": ("Interfax",),
    "TASS": ("TASS",),
    "PA": ("PA Media", "Press Association"),
    "Kyodo": ("Kyodo",),
    "Yonhap": ("Yonhap",),
    # national agencies that syndicate a country's news: their stories run under many mastheads
    "Canadian Press": ("The Canadian Press", "Canadian Press"),
    "AAP": ("AAP", "Australian Associated Press"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "ANI": ("ANI", "Asian News International"),
    "Anadolu": ("Anadolu Agency", "Anadolu"),
    "Jiji": ("Jiji Press", "Jiji"),
    "KCNA": ("KCNA", "Korean Central News Agency"),
    "IRNA": ("IRNA", "Islamic Republic News Agency"),
    "Europa Press": ("Europa Press",),
    "PAP": ("Polish Press Agency",),
    "ANP": ("ANP",),
    "Belga": ("Belga",),
    "RIA Novosti": ("RIA Novosti",),
    "Ukrinform": ("Ukrinform",),
}
_WIRE_NAME = "|".join(sorted((re.escape(s) for v in WIRES.values() for s in v), key=len, reverse=True))
_WIRE_OF = {s.lower(): k for k, v in WIRES.items() for s in v}
_ACRONYMS = {s.lower() for v in WIRES.values() for s in v if s.isupper()}  # "AP", "PTI": credits only in capitals
# The ways a report credits an agency: "told Reuters", "according to AP", "(AFP) -", "With reporting by AP, Reuters",
# "Reuters confirmed", "accessed by Reuters", "contributed to this report".
_CREDIT = re.compile(
    rf"\b(?:told|to|by|with|from|via|according to)\s+(?:the\s+)?(?P<a>{_WIRE_NAME})\b"
    rf"|\((?P<b>{_WIRE_NAME})\)"
    rf"|\b(?P<c>{_WIRE_NAME})\s+(?:confirmed|reported|said|contributed|verified|news agency)\b")
_REPORTING_BY = re.compile(r"(?:with\s+)?(?:additional\s+)?reporting\s+(?:by|from)\s+(?P<list>[^\n.]+)", re.I)


@dataclass(frozen=True, slots=True)
class CopyFinding:
    copy: int
    original: int
    share: float  # aligned-in-order claims / claims of the copy


def _lis_length(seq: Sequence[int]) -> int:
    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def _in_order(pairs: Sequence[tuple[Span, Span]]) -> int:
    """How many of two articles' near-identical sentence pairs come in the same order in both (the longest run)."""
    return _lis_length([b.start for _, b in sorted(pairs, key=lambda p: (p[0].start, p[1].start))])


def reworded_copies(frames: Sequence[Frame], pairs: Iterable[Pair], articles: Sequence[Article],
                    settings: Settings) -> list[CopyFinding]:
    """Articles most of whose claims align, in order, to one other article.

    Of two articles that mirror each other, the copy is the later one (by stated or inferred date), else the
    shorter, else the one with the higher id: originals are written first and copies trim.
    """
    by_article: dict[int, list[int]] = defaultdict(list)
    for n, f in enumerate(frames):
        # a description or an aim is part of a sentence already counted; a speaker's own words, quoted, are
        # printed alike by every reporter who heard or read them (a press release quoted by two outlets)
        if not f.inner and not direct_quote(f):
            by_article[f.article_id].append(n)
    pos = {n: k for ids in by_article.values() for k, n in enumerate(ids)}
    # best match of each claim in each other article
    best: dict[tuple[int, int], dict[int, tuple[float, int]]] = defaultdict(dict)
    art = [f.article_id for f in frames]  # read once: pairs are many (~80k at 200 articles)
    reworded_sim = settings.reworded_sim
    for p in pairs:
        i, j, sim = p.i, p.j, p.similarity
        if i not in pos or j not in pos or art[i] == art[j] or not (p.relation == "same" or sim >= reworded_sim):
            continue
        for x, y in ((i, j), (j, i)):
            matches = best[(art[x], art[y])]
            if sim > matches.get(x, (-1.0, 0))[0]:
                matches[x] = (sim, pos[y])
    by_id = {a.id: a for a in articles}
    found: dict[int, CopyFinding] = {}
    for (x_art, y_art), matches in best.items():
        n_claims = len(by_article[x_art])
        if n_claims < settings.reworded_min_claims or by_id[x_art].copy_of is not None or by_id[y_art].copy_of is not None:
            continue
        if len(matches) / n_claims < settings.reworded_share:
            continue  # the in-order run is at most every matched claim: the share cannot reach the setting
        seq = [matches[n][1] for n in by_article[x_art] if n in matches]
        share = _lis_length(seq) / n_claims
        if share < settings.reworded_share:
            continue
        # both directions may pass: keep the earlier/longer one as the original
        reverse = best.get((y_art, x_art), {})
        rev_share = _lis_length([reverse[n][1] for n in by_article[y_art] if n in reverse]) / max(1, len(by_article[y_art]))
        if rev_share >= settings.reworded_share and _original_first(by_id[x_art], by_id[y_art], len(by_article[x_art]),
                                                           len(by_article[y_art])):
            continue  # x is the original of the pair
        if x_art not in found or found[x_art].share < share:
            found[x_art] = CopyFinding(x_art, y_art, share)
    # no chains: an original never is itself a copy here
    return [f for f in found.values() if f.original not in found]


def _original_first(x: Article, y: Article, x_claims: int, y_claims: int) -> bool:
    """True when x rather than y should be taken as the original."""
    dx, dy = x.reference_date, y.reference_date
    if dx and dy and dx != dy:
        return dx < dy
    if x_claims != y_claims:
        return x_claims > y_claims
    return x.id < y.id


def origin_map(articles: Sequence[Article]) -> dict[int, int]:
    """Article id -> the id of the original it copies (itself for originals); chains are followed."""
    copy_of = {a.id: a.copy_of for a in articles}
    out: dict[int, int] = {}
    for a in articles:
        cur, seen = a.id, set()
        while copy_of.get(cur) is not None and cur not in seen and copy_of[cur] in copy_of:
            seen.add(cur)
            cur = copy_of[cur]  # type: ignore[assignment]
        out[a.id] = cur
    return out


def wire_credits(article: Article) -> dict[str, list[Span]]:
    """Agencies an article credits, with the spans of the credits."""
    out: dict[str, list[Span]] = defaultdict(list)
    text = article.text
    for m in _CREDIT.finditer(text):
        g = next(k for k in ("a", "b", "c") if m.group(k))
        out[_WIRE_OF[m.group(g).lower()]].append(Span(article.id, m.start(g), m.end(g)))
    for m in _REPORTING_BY.finditer(text):
        base = m.start("list")
        for w in re.finditer(_WIRE_NAME, m.group("list")):
            out[_WIRE_OF[w.group(0).lower()]].append(Span(article.id, base + w.start(), base + w.end()))
    return out


def wire_links(articles: Sequence[Article]) -> list[SourceLink]:
    """One link per agency credited by two or more articles: they may share an origin."""
    by_wire: dict[str, dict[int, list[Span]]] = defaultdict(dict)
    for a in articles:
        for wire, spans in wire_credits(a).items():
            by_wire[wire][a.id] = spans
    return [SourceLink("wire", wire, tuple(sorted(arts)), tuple(s for aid in sorted(arts) for s in arts[aid]))
            for wire, arts in sorted(by_wire.items()) if len(arts) >= 2]


def speaker_links(frames: Sequence[Frame], origins: dict[int, int],
                  entity_types: dict[str, str] | None = None) -> list[SourceLink]:
    """Named people or organisations quoted by two or more independent articles: a shared original speaker.

    Only speakers resolved to a story entity of type PERSON or ORG count (a description like "residents of the
    district" is no one source)."""
    types = entity_types or {}
    groups: dict[str, dict[int, list[Span]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for f in frames:
        c = f.claim
        key = c.speaker_entity
        if not key or types.get(key) not in ("PERSON", "ORG"):
            continue
        groups[key][c.span.article_id].append(c.span)
        if len(c.speaker or "") > len(names.get(key, "")):
            names[key] = c.speaker or key
    out = []
    for key, arts in sorted(groups.items()):
        if len({origins.get(a, a) for a in arts}) >= 2:
            out.append(SourceLink("speaker", names[key], tuple(sorted(arts)),
                                  tuple(s for aid in sorted(arts) for s in arts[aid][:2])))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Origins: versions of one text are one source

_FAR = dt.date.max

_AUTHOR_CREDIT = re.compile(
    rf"^[^\S\n]*(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){{0,4}},?\s*)?\((?P<a>{_WIRE_NAME})\)\s*[-—–:]"  # dateline
    rf"|^[^\S\n]*[-—–]?\s*(?:(?:©|copyright)\s*(?:\d{{4}}\s*)?)?(?:the\s+)?(?P<b>{_WIRE_NAME})\.?[^\S\n]*$"
    rf"|(?:©|copyright)\s*(?:\d{{4}}\s*)?(?:the\s+)?(?P<c>{_WIRE_NAME})\b"
    rf"|[.!?”\"]\s+[-—–]?\s*(?P<e>{_WIRE_NAME})(?:\s*[,/]\s*(?:{_WIRE_NAME}))*\.?\s*\Z"  # "… Windsor Castle. AFP"
    rf"|\b(?:this (?:story|article|report) (?:was|is) (?:originally )?(?:published|written|produced|provided) by|"
    rf"source:)\s*(?:the\s+)?(?P<d>{_WIRE_NAME})\b",
    re.M | re.I)


def author_wire(article: Article) -> tuple[str, Span] | None:
    """The agency an article credits as the author of its text (see the module docstring), with the credit's span;
    an outlet that is itself an agency credits itself."""
    for m in _AUTHOR_CREDIT.finditer(article.text):
        g = next(k for k in "abcde" if m.group(k))
        name = m.group(g)
        if g in "be" and not name.isupper() and name.lower() in _ACRONYMS:
            continue  # a line reading "Ap", "pa" or "Ani" is no credit
        wire = _WIRE_OF.get(name.lower()) or next((k for k, v in WIRES.items() if name.lower() in
                                                   (x.lower() for x in v)), None)
        if wire:
            return wire, Span(article.id, m.start(g), m.end(g))
    outlet = re.sub(r"^(?:www\.)|\.(?:com|org|net|co\.uk)$", "", (article.outlet or "").strip().lower())
    for wire, names in WIRES.items():
        if outlet and outlet in {n.lower() for n in names} | {n.lower().replace(" ", "") for n in names}:
            return wire, Span(article.id, 0, 0)
    return None


# An outlet's name as written: one to four capitalised words on one line ("CNA", "The Straits Times", "Sky News")
def _outlet(g: str) -> str:
    return rf"(?:[Tt]he\s+)?(?P<{g}>[A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){{0,3}})"


# the outlet speaks of itself: only its own reporters write that someone did not answer *its* queries
_OWN = re.compile(
    rf"{_outlet('n1')}(?:'s|’s|'|’)\s+(?:queries|questions|enquiries|inquiries|requests?\s+for\s+comment)\b"
    rf"|\b(?:queries|questions|enquiries|inquiries)\s+(?:from|by)\s+{_outlet('n2')}(?=[\s.,;])"
    rf"|\b(?:seen|obtained|contacted)\s+by\s+{_outlet('n3')}(?=[\s.,;])"
    rf"|\b{_outlet('n4')}\s+has\s+(?:learned|learnt)\b")
# an agency interview: "told Reuters" is the agency's own reporting wherever the text runs
_TOLD_WIRE = re.compile(rf"\btold\s+(?:the\s+)?(?P<n>{_WIRE_NAME})\b")
# an interview another outlet gave ("a local barber told The New York Times", "sources tell THR"): that outlet's
# line, not the text's
_TOLD_OUTLET = re.compile(rf"\b(?:told|tells?)\s+{_outlet('n9')}(?=[\s.,;])")
# each pattern with the words one of which every match of it holds, as written (the patterns are case-sensitive): a
# text with none of them is not searched (``_OWN`` tries an outlet name at every capital letter of the text)
_OWN_PATTERNS = ((_OWN, ("queries", "questions", "enquiries", "inquiries", "request", "seen", "obtained", "contacted",
                         "learned", "learnt")),
                 (_TOLD_WIRE, ("told",)))
# the article credits an outlet for what follows or precedes: "According to CNA, …", "CNA reported …", "…, reports
# CNA." (its name may be set in quotes: "According to ''The Hollywood Reporter'', …"), "the IRNA news agency
# reported", "officials were quoted by AP as saying", "Reuters quoted a spokesman as saying", "…, citing Reuters",
# "according to a Reuters report"
_QUOTE = r"(?:''|[\"“”‘’])?"
_MEDIUM_NOUN = r"(?:\s+(?:news\s+agency|agency|newspaper|daily|television|TV|radio|website|news\s+site))?"
_CITES = re.compile(rf"\b[Aa]ccording\s+to\s+{_QUOTE}{_outlet('n5')}{_QUOTE}(?=[\s.,;])"
                    rf"|\b{_outlet('n6')}{_QUOTE}(?:'s)?{_MEDIUM_NOUN}\s+(?:reported|reports|wrote|writes|says|said|"
                    rf"quoted|(?:is|was)\s+(?:reporting|saying)|has\s+reported|first\s+reported|"
                    rf"said\s+in\s+a\s+report|article|report|story|dispatch)\b"
                    rf"|\b(?:reported|first\s+reported|quoted)\s+by\s+{_outlet('n7')}(?=[\s.,;])"
                    # set after what it credits: "…, but prosecutors have not signed off, reports AP."
                    rf"|,\s+(?:reports|reported|writes|wrote|citing)\s+{_QUOTE}{_outlet('n10')}{_QUOTE}(?=\s*[.;,])"
                    rf"|\b[Aa]ccording\s+to\s+(?:a|an|the)\s+(?:\w+\s+)?(?:report|story|article)\s+(?:in|by|from)\s+"
                    rf"{_QUOTE}{_outlet('n8')}{_QUOTE}(?=[\s.,;])"
                    rf"|\b[Aa]ccording\s+to\s+(?:a|an|the)\s+{_outlet('n11')}\s+(?:report|story|article|dispatch)\b")
_NOT_OUTLETS = {"he", "she", "they", "it", "we", "i", "this", "that", "there", "police", "officials"}


# a sentence ends inside a run of capitalised words: a word of two lower-case letters or more, then a full stop
# ("Wilhelm. The Journal-Constitution"); initials do not ("L.A. Times", "U.S. News")
_SENTENCE_END = re.compile(r"(?<=[a-z]{2})\.\s+")


def _matched_outlet(m: re.Match[str]) -> tuple[str, int, int] | None:
    """The outlet a match of ``_OWN``, ``_TOLD_WIRE`` or ``_CITES`` names (a wire by its canonical name), with its
    offsets; None for a pronoun or a word that names no outlet."""
    g = next(k for k, v in m.groupdict().items() if v)
    start = m.start(g)
    if cut := list(_SENTENCE_END.finditer(m.group(g))):  # "… said David Wilhelm. The Journal-Constitution said"
        start += cut[-1].end()
    name = re.sub(r"^the\s+", "", " ".join(m.string[start:m.end(g)].split()).lower())
    name = _WIRE_OF[name].lower() if name in _WIRE_OF else name
    return None if name in _NOT_OUTLETS or not name else (name, start, m.end(g))


def outlet_key(name: str) -> str:
    """An outlet's name folded so that a name as written meets the host it publishes on ("The Hollywood Reporter",
    "www.hollywoodreporter.com": "hollywoodreporter"): no article, no www, no domain suffix, no subdomain, letters
    and digits only."""
    name = re.sub(r"^(?:https?://)?(?:www\d*\.)?", "", name.strip().lower())
    if "." in name and " " not in name:  # a host: the name it registers, before its suffixes
        labels = [x for x in name.split(".") if x not in _DOMAIN_SUFFIXES]
        name = labels[-1] if labels else name
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", name))


def outlet_acronyms(names: Iterable[str]) -> dict[str, str]:
    """The initials an outlet of several words goes by, to its `outlet_key` ("Hollywood Reporter", written after
    "The": hr and thr; "New York Times": nyt and tnyt), read from the names a story's articles write."""
    out: dict[str, str] = {}
    for name in names:
        words = _outlet_words(name)
        if len(words) >= 2:
            initials = "".join(w[0] for w in words)
            for acronym in (initials, "t" + initials):
                out.setdefault(acronym, outlet_key(name))
    return out


def clipped_forms(name: str) -> set[str]:
    """The host names an outlet of three or more words registers with its first words as initials ("The New York
    Times": nytimes; "Los Angeles Times": latimes; "New York Daily News": nydailynews, nydnews): an article crediting
    the outlet by name meets the page that host published."""
    words = _outlet_words(name)
    return {"".join(w[0] for w in words[:k]) + "".join(words[k:]) for k in range(2, len(words))}


def _outlet_words(name: str) -> list[str]:
    """An outlet name's words, lower-cased, without a leading "The"."""
    return re.findall(r"[a-z0-9]+", re.sub(r"^the\s+", "", name.lower()))


_DOMAIN_SUFFIXES = {"com", "org", "net", "co", "uk", "au", "ca", "in", "sg", "my", "nz", "ie", "news", "tv", "info",
                    "gov", "edu", "int", "eu", "de", "fr", "es", "it", "jp", "cn", "hk", "ph", "za", "us"}


def _sentence_around(text: str, start: int, end: int) -> str:
    a = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    b = min((k for k in (text.find(". ", end), text.find("\n", end)) if k >= 0), default=len(text))
    return text[a:b]


def own_reporting(article: Article) -> dict[str, Span]:
    """Outlets whose own reporting the article's text is (see the module docstring, rule 4), with a span each:
    its author wire, an outlet it speaks of as itself, an agency it shows interviewing someone."""
    return _own_reporting(article, author_wire(article))


def _own_reporting(article: Article, credit: tuple[str, Span] | None) -> dict[str, Span]:
    """``own_reporting`` with the article's ``author_wire`` already read."""
    out: dict[str, Span] = {}
    if credit:
        out[credit[0].lower()] = credit[1]
    if article.outlet:  # the outlet that published the text (its metadata, or the host of its page)
        out.setdefault(article.outlet.strip().lower(), Span(article.id, 0, 0))
    for pat, words in _OWN_PATTERNS:
        if not any(w in article.text for w in words):
            continue
        for m in pat.finditer(article.text):
            if found := _matched_outlet(m):
                out.setdefault(found[0], Span(article.id, found[1], found[2]))
    return out


def outlet_credits(article: Article) -> list[tuple[str, Span]]:
    """Every credit of an outlet for the article's facts, in reading order (the name as matched, the span of the
    name), leaving out credits of earlier reporting (a year or "last year" in the same sentence)."""
    out = []
    year = article.reference_date.year if article.reference_date else None
    for m in _CITES.finditer(article.text):
        sentence = _sentence_around(article.text, m.start(), m.end())
        years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", sentence)]
        if re.search(r"\blast\s+year\b|\byears?\s+ago\b", sentence) or any(year is None or y < year for y in years):
            continue
        if found := _matched_outlet(m):
            out.append((found[0], Span(article.id, found[1], found[2])))
    return out


def is_medium(name: str) -> bool:
    """Whether a credited name is a news medium by its own words: a wire, a host ("mlb.com"), or a name whose last
    word says a medium ("L.A. Times", "the Journal-Constitution", "Sky News"); a person credited ("Reagins said")
    is none."""
    name = name.strip()
    last = name.split()[-1].lower() if name else ""
    return name.lower() in _WIRE_NAMES or ("." in name and " " not in name) or \
        any(part in _MEDIUM_WORDS for part in re.findall(r"[a-z0-9]+", last))


# the words that end a medium's own name: not "agency" or "report" ("the Environmental Protection Agency")
_MEDIUM_WORDS = MEDIA_HEADS - {"agency", "agencies", "story", "report", "reports", "site", "outlet", "wire", "media",
                               "paper", "channel"}
_WIRE_NAMES = {n.lower() for wire, names in WIRES.items() for n in (wire, *names)}


def outside_rereports(facts: Sequence[ArticleFacts], own: Mapping[int, Mapping[str, tuple[str, Span]]]
                      ) -> dict[str, list[tuple[int, Span, str]]]:
    """The articles that re-report a news medium none of the story's articles is known to be (``rereports`` of
    their credits of it: in the lead, or in two sentences), by the medium's `outlet_key`, each with its first
    credit's span and the name as written: two write-ups of one outside report ("According to this L.A. Times
    story, …" / "According to a report in the Los Angeles Times, …") are one witness, the report's."""
    known = {k for keys in own.values() for k in keys}
    out: dict[str, list[tuple[int, Span, str]]] = defaultdict(list)
    for fa in facts:
        by_key: dict[str, list[Credit]] = defaultdict(list)
        for name, span in outlet_credits(fa.article):
            keys = {outlet_key(name), *clipped_forms(name)}
            if is_medium(name) and not keys & known:
                by_key[min(keys, key=lambda k: (len(k), k))].append(Credit(fa.article.id, span, -1, name))
        for key, found in by_key.items():
            if rereports(fa, found):
                out[key].append((fa.article.id, found[0].span, found[0].outlet))
    return out


def told_outlets(article: Article) -> list[tuple[str, Span]]:
    """Every outlet the article shows someone telling ("… told The New York Times"), in reading order: a wire so
    named is the text's own reporting (``own_reporting``), any other outlet the line's source."""
    if "told" not in article.text and "tell" not in article.text:
        return []
    return [(found[0], Span(article.id, found[1], found[2])) for m in _TOLD_OUTLET.finditer(article.text)
            if (found := _matched_outlet(m)) and found[0] not in (w.lower() for w in WIRES)]


@dataclass(frozen=True, slots=True)
class Credit:
    """One article crediting another article's outlet for a fact it tells ("THR is reporting that …")."""

    article: int  # the article that credits
    span: Span  # the credit as written
    outlet_article: int  # the story's article published by (or the own reporting of) the outlet credited
    outlet: str  # that outlet's name as the outlet article gives it
    interview: bool = False  # "X told <outlet>": a line of that outlet's interview, never a re-report of its story


# every credit one article gives another's outlet, and each article's own reporting by `outlet_key` (name, span)
StoryOutlets = tuple[list[Credit], dict[int, dict[str, tuple[str, Span]]]]


def outlet_credits_in(articles: Sequence[Article], wire_of: Mapping[int, tuple[str, Span] | None]) -> StoryOutlets:
    """Every credit one of the story's articles gives another's outlet, and each article's own reporting by
    `outlet_key` (name as given, span). Names meet by `outlet_key` ("The Hollywood Reporter wrote" and the page
    www.hollywoodreporter.com), initials by the names the story's articles write (`outlet_acronyms`: "THR says")."""
    own_names = {a.id: _own_reporting(a, wire_of.get(a.id)) for a in articles}
    credits = {a.id: outlet_credits(a) for a in articles}
    told = {a.id: told_outlets(a) for a in articles}
    acronyms = outlet_acronyms([*(n for names in own_names.values() for n in names),
                                *(n for cs in credits.values() for n, _ in cs)])
    own = {aid: {outlet_key(n): (n, sp) for n, sp in names.items()} for aid, names in own_names.items()}
    out = []
    for a in articles:
        for (name, span), interview in [*((c, False) for c in credits[a.id]), *((c, True) for c in told[a.id])]:
            keys = {outlet_key(name), acronyms.get(outlet_key(name)), *clipped_forms(name)} - {None}
            for b in articles:
                hit = next((own[b.id][k] for k in keys if b.id != a.id and k in own[b.id]), None)
                if hit is not None and not (interview and keys & own[a.id].keys()):
                    out.append(Credit(a.id, span, b.id, hit[0], interview))
    return out, own


def rereports(fa: ArticleFacts, credits: Sequence[Credit]) -> bool:
    """Whether an article re-reports the outlet it credits (``credits``: its credits of that one outlet) as a whole,
    not one fact of it: a credit in its lead (its first ``REREPORT_LEAD`` story sentences), or credits in two or more
    of its sentences when the lines it owes the outlet (its interviews too: "sources tell THR …") are three or more,
    or at least ``REREPORT_SHARE`` of its sentences ("THR is reporting that …", "According to THR, …": a write-up of
    the outlet's story). A story that credits a line or two of another outlet among much reporting of its own is
    its own reporting, those lines aside."""
    sentences = [s.span for s in fa.story_sentences()]

    def lines(cs: Sequence[Credit]) -> set[int]:
        return {k for c in cs for k, sp in enumerate(sentences) if sp.covers(c.span)}

    at = lines([c for c in credits if not c.interview])
    owed = lines(credits)  # every line it owes the outlet, its interviews too: how much of the text is the outlet's
    return bool(at) and (min(at) < REREPORT_LEAD or
                         len(at) >= 2 and (len(owed) >= 3 or len(owed) >= REREPORT_SHARE * len(sentences)))


REREPORT_LEAD = 3
REREPORT_SHARE = 0.15  # credits past the lead re-report the outlet when the lines owed to it are three or more, or
# this share of the story sentences: two credited lines of a 19-sentence story with interviews of its own are two facts


@lru_cache(maxsize=1 << 16)  # the origin rules read each sentence's shingles several times (shared_sentences)
def _shingles(text: str, n: int = 3) -> frozenset[str]:
    words = re.findall(r"\w+", text.lower())
    return frozenset(" ".join(words[k:k + n]) for k in range(max(0, len(words) - n + 1)))


_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


QUOTED_SHARE = 0.6  # of a sentence's characters inside quotation marks: the sentence is a speaker's words


def mostly_quoted(text: str, span: Span | None = None, quoted: Sequence[Span] = ()) -> bool:
    """A sentence that is mostly a direct quote: two independent reporters print a speaker's words alike. Read from
    its own pairs of quotation marks, and from the article's direct quotes (``quoted``: the quotes stage's spans)
    where ``span`` is the sentence's: a sentence that opens a quote and leaves its closing mark to a later one
    has no pair of its own."""
    inside = sum(len(m.group(1)) for m in _QUOTED.finditer(text))
    if span is not None:
        inside = max(inside, sum(max(0, min(span.end, q.end) - max(span.start, q.start)) for q in quoted))
    return inside >= QUOTED_SHARE * len(text)


def direct_quote_spans(fa: ArticleFacts) -> list[Span]:
    """The spans of the article's direct quotes (their quoted pieces, where one quote is split around its
    attribution)."""
    return [p for q in fa.quotes if q.direct for p in (q.parts or (q.span,))]


def shared_sentences(facts: Sequence[ArticleFacts], threshold: float, max_posting: int = 40,
                     min_words: int | None = None, quoted_once: bool = False, own_words: bool = False,
                     quotes_only: bool = False) -> dict[tuple[int, int], list[tuple[Span, Span]]]:
    """Near-identical sentence pairs between articles (Jaccard of word trigrams at least ``threshold``), per
    article pair ``(a, b)`` with ``a < b``. Candidates come from an inverted index of trigrams; a trigram in
    more than ``max_posting`` sentences ("said on Tuesday") blocks nothing and is skipped. Sentences of fewer
    than ``min_words`` words (default: the setting ``origin_min_sentence_words``) are not compared, nor those
    mostly quoted (`mostly_quoted`), two reporters printing one remark alike. With ``quoted_once`` a quoted
    sentence is compared too (its quotes read from the quotes stage as well), and a pair counts where at most one
    side quotes it: one article prints as its own text what the other quotes (a statement or release, and an
    outlet quoting it at length). With ``own_words`` a sentence is left out where the quotes stage finds most of
    it quoted too (a quote that runs over several sentences has no pair of marks in each): only what both print as
    their own words is compared. With ``quotes_only`` only the sentences mostly quoted are compared (those the
    default leaves out), and every pair counts."""
    min_words = Settings().origin_min_sentence_words if min_words is None else min_words
    sents: list[tuple[int, Span, frozenset[str]]] = []
    quoted_at: list[bool] = []
    for fa in facts:
        in_quotes = direct_quote_spans(fa) if quoted_once or own_words else []
        for s in fa.story_sentences():
            text = s.span.text(fa.article)
            if len(text.split()) < min_words:
                continue
            quoted = mostly_quoted(text, s.span, in_quotes)
            if quoted and not (quoted_once or quotes_only) or quotes_only and not quoted:
                continue
            sh = _shingles(text)
            if sh:
                sents.append((fa.article.id, s.span, sh))
                quoted_at.append(quoted)
    # the trigrams each pair of sentences shares, counted over the pairs of every posting of at most
    # ``max_posting`` sentences (exact integers, on arrays instead of a loop per posting)
    index: dict[str, list[int]] = defaultdict(list)
    for k, (_, _, sh) in enumerate(sents):
        for g in sh:
            index[g].append(k)
    out: dict[tuple[int, int], list[tuple[Span, Span]]] = defaultdict(list)
    n = len(sents)
    keys = posting_pairs([p for p in index.values() if 2 <= len(p) <= max_posting], n)
    if not len(keys):
        return out
    keys, shared = np.unique(keys, return_counts=True)  # sorted: sentence order
    x, y = keys // n, keys % n
    art = np.array([a for a, _, _ in sents])
    keep = art[x] != art[y]
    x, y, shared = x[keep], y[keep], shared[keep]
    sizes = np.array([len(sh) for _, _, sh in sents], dtype=np.int64)
    near = shared / (sizes[x] + sizes[y] - shared) >= threshold  # float64 division: Python's ``int / int``
    if quoted_once:
        both = np.array(quoted_at, dtype=bool)
        near &= ~(both[x] & both[y])
    x, y = x[near], y[near]
    # in sentence order: each pair's first sentence is the evidence an origin shows
    for i, j in zip(x.tolist(), y.tolist()):
        a, b = sents[i], sents[j]
        (first, second) = (a, b) if a[0] < b[0] else (b, a)
        out[(first[0], second[0])].append((first[1], second[1]))
    return out


def sentence_copies(shared: dict[tuple[int, int], list[tuple[Span, Span]]]) -> dict[Span, int]:
    """Each sentence printed near-identically in another article (``shared_sentences``), mapped to one number per
    text so printed: the sentences of one copied text share it, however many articles carry it."""
    # union-find on each sentence's rank in span order (the order the roots were chosen by): an int per sentence,
    # not a Span hashed and compared at every step (tens of thousands of pairs in a story of wire versions)
    spans = sorted({s for pairs in shared.values() for pair in pairs for s in pair})
    rank = {s: k for k, s in enumerate(spans)}
    groups = UnionFind(len(spans))
    for pairs in shared.values():
        for a, b in pairs:
            groups.union(rank[a], rank[b])
    roots: dict[int, int] = {}
    return {s: roots.setdefault(groups.find(k), len(roots)) for k, s in enumerate(spans)}


def independent_origins(facts: Sequence[ArticleFacts], *, sentence_jaccard: float = 0.6,
                        shared_share: float = 0.35, shared_run: int = 3, min_shared: int = 2,
                        run_jaccard: float = 0.5, edited_jaccard: float = 1.0, min_sentence_words: int | None = None,
                        shared: dict[tuple[int, int], list[tuple[Span, Span]]] | None = None,
                        outlets: StoryOutlets | None = None) -> tuple[Origin, ...]:
    """Group the story's articles into independent origins (see the module docstring).

    Args:
        facts: the story's articles with their sentences (``copy_of`` already set on the articles).
        sentence_jaccard: two sentences are near-identical at this word-trigram Jaccard or above.
        shared_share: two articles are versions of one text when this share of the shorter one's sentences has a
            near-identical sentence in the other (and at least ``min_shared`` sentences do).
        shared_run: two articles are versions of one text when this many of their near-identical sentences come
            in the same order in both, however long the articles are (an agency story and its later, longer version).
        run_jaccard: such a run also counts read at this lower Jaccard where one side prints the text as its own and
            the other quotes it (``shared_sentences(quoted_once=True)``).
        edited_jaccard: and at this one where both print it as their own words, none of it quoted
            (``shared_sentences(own_words=True)``): an agency story edited by an outlet; 1.0 (the default) reads no
            such run.
        min_sentence_words: shorter sentences are not compared (default: the setting ``origin_min_sentence_words``).
        shared: the ``shared_sentences`` of ``facts`` at these settings, when the caller has them already.
        outlets: the ``outlet_credits_in`` of the articles, when the caller has them already.

    Returns:
        Origins in the order of their first article; each origin's first article is its original (not a copy;
        the earliest published, else the lowest id).
    """
    if not all(0.0 < x <= 1.0 for x in (sentence_jaccard, shared_share, run_jaccard, edited_jaccard)):
        raise ValueError("sentence_jaccard, shared_share, run_jaccard and edited_jaccard must be in (0, 1]")
    if min_sentence_words is None:
        min_sentence_words = Settings().origin_min_sentence_words
    articles = [fa.article for fa in facts]
    ids = [a.id for a in articles]
    parent = {i: i for i in ids}
    reason: dict[int, str] = {}
    evidence: dict[int, list[Span]] = defaultdict(list)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int, why: str, spans: Sequence[Span] = ()) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
            # the merged group keeps both groups' evidence and its first rule's reason, whichever root survives
            evidence[ra].extend(evidence.pop(rb, ()))
            if rb in reason:
                reason.setdefault(ra, reason.pop(rb))
        reason.setdefault(ra, why)
        evidence[ra].extend(spans)

    for a in articles:
        if a.copy_of is not None and a.copy_of in parent:
            union(a.copy_of, a.id, "copy")
    by_wire: dict[str, list[tuple[int, Span]]] = defaultdict(list)
    credits = {a.id: author_wire(a) for a in articles}  # read once: own reporting starts from it too
    for a in articles:
        credit = credits[a.id]
        if credit:
            by_wire[credit[0]].append((a.id, credit[1]))
    for wire, arts in by_wire.items():
        for aid, span in arts[1:]:
            union(arts[0][0], aid, f"wire credit: {wire}", _stated([arts[0][1], span]))
    # one outlet's articles are one witness: its follow-ups retell its own reporting. An aggregator's pages that
    # credit different agencies (or one and none) stay apart: those texts are the agencies'
    by_outlet: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for a in articles:
        if a.outlet and (name := _outlet_name(a.outlet)):
            by_outlet[(name, credits[a.id][0] if credits[a.id] else None)].append(a.id)
    for (name, _), arts_of in by_outlet.items():
        for aid in arts_of[1:]:
            union(arts_of[0], aid, f"one outlet: {name}")
    n_sents = {fa.article.id: sum(1 for s in fa.story_sentences()
                                  if len(s.span.text(fa.article).split()) >= min_sentence_words
                                  and not mostly_quoted(s.span.text(fa.article))) for fa in facts}
    if shared is None:
        shared = shared_sentences(facts, sentence_jaccard, min_words=min_sentence_words)
    outlet_credits_found, own = outlets or outlet_credits_in(articles, credits)
    by_pair: dict[tuple[int, int], list[Credit]] = defaultdict(list)
    for c in outlet_credits_found:
        by_pair[(c.article, c.outlet_article)].append(c)
    facts_of = {fa.article.id: fa for fa in facts}
    for (a, b), found in by_pair.items():
        if rereports(facts_of[a], found):  # a re-reports b's outlet (one credited fact is that fact's alone)
            credit = found[0]
            union(b, a, f"re-report of {credit.outlet}", _stated([credit.span, own[b][outlet_key(credit.outlet)][1]]))
    # two write-ups of one report from outside the story are one witness, the report's
    for found in outside_rereports(facts, own).values():
        for aid, span, name in found[1:]:
            union(found[0][0], aid, f"re-reports of {name}", [found[0][1], span])
    for a in articles:
        for b in articles:
            if a.id < b.id and shared.get((a.id, b.id)):
                for key, (name, span) in own[b.id].items():
                    if key in own[a.id]:
                        union(a.id, b.id, f"one outlet's reporting: {name}",
                              _stated([own[a.id][key][1], span, *shared[(a.id, b.id)][0]]))
    # two articles that both name one agency as their own reporting and print one of its lines alike, a quote
    # included, are versions of the agency's story: "… told The Canadian Press" in both, and a witness's words to
    # it printed word for word in both (two reporters at one press conference print an official's remark alike,
    # but neither names the other's agency as its own)
    publisher = {a.id: (a.outlet or "").strip().lower() for a in articles}
    agency = [(a.id, b.id, key) for a in articles for b in articles if a.id < b.id and find(a.id) != find(b.id)
              for key in own[b.id] if key in own[a.id] and key not in (publisher[a.id], publisher[b.id])]
    if agency:
        quoted = shared_sentences(facts, sentence_jaccard, min_words=min_sentence_words, quotes_only=True)
        for a_id, b_id, key in agency:
            if pairs := quoted.get((a_id, b_id)):
                (name, span_b), (_, span_a) = own[b_id][key], own[a_id][key]
                union(a_id, b_id, f"one outlet's reporting: {name}", _stated([span_a, span_b, *pairs[0]]))
    for (a, b), pairs in shared.items():
        k_a = len({x for x, _ in pairs})
        k_b = len({y for _, y in pairs})
        shorter = min(n_sents[a], n_sents[b])
        if min(k_a, k_b) >= min(min_shared, shorter) and min(k_a, k_b) / max(1, shorter) >= shared_share:
            union(a, b, "shared sentences", pairs[0])
        elif min(k_a, k_b) >= shared_run and _in_order(pairs) >= shared_run:
            union(a, b, "shared sentences in order", pairs[0])
    # a run of one text that one article prints as its own and the other quotes at length, each editing it a
    # little ("The three boats had a total of 26 Somali crew onboard." / '"The three boats had a total of 26
    # Somali crew on board.', the officer said): read at ``run_jaccard``; a remark both quote is no text of theirs.
    # An agency story and an outlet's edited version of it: a run of its sentences in the same order, each reworded
    # a little ("The man, Brian G. Nichols, 37, was found guilty last month …" / "Brian Nichols, 37, was found
    # guilty last month …"), read at ``edited_jaccard`` only from what both print as their own words: two outlets
    # quoting one statement or tweet at length print its sentences alike and in order, and are two witnesses of it
    runs = ((run_jaccard, sentence_jaccard, {"quoted_once": True}, "shared sentences in order"),
            (edited_jaccard, run_jaccard, {"own_words": True}, "edited version: shared sentences in order"))
    for jaccard, above, read, why in runs:
        if jaccard >= above:
            continue
        for (a, b), pairs in shared_sentences(facts, jaccard, min_words=min_sentence_words, **read).items():
            if len({x for x, _ in pairs}) >= shared_run and len({y for _, y in pairs}) >= shared_run and \
                    _in_order(pairs) >= shared_run:
                union(a, b, why, pairs[0])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in ids:
        groups[find(i)].append(i)
    by_id = {a.id: a for a in articles}
    out = []
    for root, members in groups.items():
        def key(i: int) -> tuple:
            a = by_id[i]
            return (a.copy_of is not None, a.reference_date or _FAR, i)
        members = sorted(members, key=key)
        why = "one article" if len(members) == 1 else reason.get(root, "copy")
        out.append(Origin(tuple(members), why, tuple(dict.fromkeys(evidence.get(root, ())))))
    out.sort(key=lambda o: min(o.articles))
    return tuple(out)


def _outlet_name(outlet: str) -> str:
    """An outlet as one publisher: its name or host as given, lower-cased, without "www." (a host's subdomains are
    kept: "voices.yahoo.com" is not "news.yahoo.com")."""
    return re.sub(r"^(?:https?://)?www\d*\.", "", outlet.strip().lower())


def _stated(spans: Sequence[Span]) -> list[Span]:
    """The spans that show text (an outlet known from metadata has an empty span)."""
    return [x for x in spans if x.end > x.start]


def origins_by_settings(facts: Sequence[ArticleFacts], settings: Settings,
                        shared: dict[tuple[int, int], list[tuple[Span, Span]]] | None = None,
                        outlets: StoryOutlets | None = None) -> tuple[Origin, ...]:
    """`independent_origins` at the settings' thresholds."""
    return independent_origins(facts, sentence_jaccard=settings.origin_sentence_jaccard,
                               shared_share=settings.origin_shared_share, shared_run=settings.origin_shared_run,
                               run_jaccard=settings.origin_run_jaccard, edited_jaccard=settings.origin_edited_jaccard,
                               min_sentence_words=settings.origin_min_sentence_words, shared=shared, outlets=outlets)


def origin_of(origins: Sequence[Origin]) -> dict[int, int]:
    """Article id -> the first article of its origin (the one that speaks for it)."""
    return {a: o.articles[0] for o in origins for a in o.articles}

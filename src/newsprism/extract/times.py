"""Time expressions per article: found fast, then resolved to TIMEX3-style values against the reference date.

Steps, and why each:

1. Candidates: spaCy DATE/TIME entities plus a regular-expression pass for what the small model misses
   (weekdays, "overnight", "now", "this week", "the day after", "N days ago"...). Adjacent pieces are joined
   ("early Friday" + "morning"), leading prepositions dropped, ages ("the 63-year-old") and bare numbers refused.
2. Modifiers are read off the edges by rule ("early" -> start, "at least" -> at least) and a part of day
   ("Thursday night") is kept apart, so the core handed to the recogniser is small ("Friday").
3. Weekdays and deictic words (today, yesterday, overnight) are resolved here: news style has rules that a
   generic recogniser does not know (a bare weekday in a past-tense report is the last one, or today).
4. Everything else goes to Recognizers-Text, on the candidate span only (it is slow: ~10 ms a call; cached per
   (text, reference)). It returns past and future readings; the governing verb's tense picks one.
5. Without a reference date, only absolute expressions are resolved; relative ones keep an underspecified
   TIMEX value ("XXXX-WXX-4") and are anchored "none". Nothing is invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from ..model import ArticleFacts, Granularity, Span, TimeExpr
from .parsed import doc_text
from ..lexicon.calendar import (BARE_MONTH_ABBREVIATION_RE as _BARE_MONTH, MONTHS as _MONTHS,
                                UNAMBIGUOUS_MONTH_RE as _MONTH_RE, WEEKDAY_RE as _WEEKDAY_RE)
from ..lexicon.calendar import MONTH_ABBREVIATIONS as _MONTH_ABBREVIATIONS, WEEKDAYS as _WEEKDAYS
from ..lexicon.calendar import FIXED_HOLIDAYS
from ..lexicon.numbers import DURATION_COUNT_RE as _NUM_WORDS
from ..timex import PART_OF_DAY_CODES as _PART_OF_DAY
from ..lexicon.numbers import SMALL_NUMBERS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from ..nlp.models import Models

Tense = Literal["past", "future", "present", "unknown"]
Anchor = Literal["absolute", "published", "inferred", "none"]

_UNITS = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"

# Expressions the small NER model tends to miss. Each is a pattern a reader of any news story would call a time.
_EXTRA = re.compile(
    r"\b(?:"
    rf"(?:(?:early|late)(?:\s+on)?\s+|(?:last|next|this)\s+)?{_WEEKDAY_RE}(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?:(?:early|late)(?:\s+on)?\s+|mid-?)?(?-i:{_MONTH_RE}|May(?=\s+\d|,?\s+(?:19|20)\d\d))(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+(?:19|20)\d\d)?"
    rf"|(?-i:{_BARE_MONTH})\s+\d{{1,2}},?\s+(?:19|20)\d\d"  # "TNN Nov 12, 2011, 05.51AM IST": a dateline
    r"|(?:today|tonight|yesterday|tomorrow|overnight|recently|currently)"
    r"|the\s+(?:future|past)(?!\s+(?:few|several|\d|one|two|three|four|five|six|seven|eight|nine|ten|\w+\s+(?:days|weeks|months|years)))"
    r"|(?:this|last|next|past|coming|previous|recent|earlier\s+this|later\s+this|early\s+this|late\s+this)\s+"
    r"(?:week(?:end)?|month|year|quarter|decade|century|spring|summer|autumn|fall|winter|morning|afternoon|evening|night)s?"
    rf"|(?:the\s+)?(?:recent|coming|past|last|next)\s+(?:few\s+)?(?:days|weeks|months|years|decades)"
    rf"|{_NUM_WORDS}[\s-]{_UNITS}\s+(?:ago|earlier|later)"
    r"|(?:the\s+)?(?:day|night|week|month|year)\s+(?:after|before)(?=\s)"
    r"|the\s+(?:next|following|previous)\s+(?:day|night|morning|evening|week|month|year)"
    r"|(?:(?:the|this|last|next)\s+(?:(?:latest|current|most\s+recent|fiscal)\s+)?|(?:first|second|third|fourth)[\s-])"
    r"quarter(?!\s+(?:of|century|mile|final))"
    r"|(?:(?:in|into|during|through|at|by)\s+)the\s+(?:night|morning|evening|afternoon)"
    r")\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:in|since|until|of|by|from|during|before|after)\s+((?:19|20)\d\d)s?\b", re.I)
_TIME_OF_DAY = re.compile(r"(?:about\s+|around\s+|at\s+)?(?:\d{1,2}(?:[:.][0-5]\d)?\s*(?:a\.?m\.?|p\.?m\.?)|noon|midnight)"
                          r"(?:,?\s+(?:local\s+time|[A-Z]{2,4}))?", re.I)
# "11.15am" as well as "11:15 a.m." (a full stop between hour and minutes, as British and Asian copy writes it)
_CLOCK = re.compile(r"\b(?<![\d.])(?:\d{1,2}(?:[:.][0-5]\d)?\s*(?:[ap]\.m\.?|[ap]m\b)|noon\b|midnight\b)", re.I)
# a year, or a decade written with its "s" ("the 1930s" is no date in 1930)
_BARE_YEAR = re.compile(r"(?<![\d$€£.,:/-])(?:19[0-9]\d|20[0-4]\d)(?:s\b)?(?![\d%,.:/-]\d|\s*(?:%|percent|people|troops))")
_NOW = re.compile(r"\bnow\b", re.I)
_LEAD = re.compile(r"^(?:on|in|at(?!\s+(?:least|most)\b)|by|between|since|until|till|from|during|for|of|into|through|within|throughout)\s+", re.I)
_MODS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:just\s+)?(?:more\s+than|over|upwards\s+of)\s+", re.I), "more than"),
    (re.compile(r"^(?:at\s+least|no\s+less\s+than|a\s+minimum\s+of)\s+", re.I), "at least"),
    (re.compile(r"^(?:at\s+most|no\s+more\s+than|up\s+to)\s+", re.I), "at most"),
    (re.compile(r"^(?:less\s+than|under|nearly|almost|just\s+under)\s+", re.I), "less than"),
    (re.compile(r"^(?:about|around|roughly|approximately|some|circa)\s+", re.I), "approx"),
    (re.compile(r"^(?:early|the\s+(?:beginning|start)\s+of|the\s+early\s+part\s+of)\s+(?:on\s+)?", re.I), "start"),
    (re.compile(r"^(?:late|the\s+end\s+of|the\s+latter\s+part\s+of)\s+(?:on\s+)?", re.I), "end"),
    (re.compile(r"^(?:mid-?|the\s+middle\s+of\s+)\s*(?:on\s+)?", re.I), "mid"),
    (re.compile(r"^(?:earlier|later)\s+(?=today|tonight|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day)", re.I), ""),
)
# A possessive never belongs to a time ("its fourth quarter"); articles do ("the nine months", "the end of May").
_DETERMINER = re.compile(r"^(?:its|their|his|her|our|my|your)\s+", re.I)
_AGE = re.compile(r"\byears?[\s-]old\b|\bmonths?[\s-]old\b|\baged?\b|\byears?\s+old\b", re.I)
_REF_WORDS = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "the present": "PRESENT_REF",
              "recently": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF", "soon": "FUTURE_REF"}
_RECENT = re.compile(r"^(?:the\s+)?(?:recent|past)\s+(?:few\s+)?(?:days|weeks|months|years|decades)$", re.I)
_COMING = re.compile(r"^(?:the\s+)?(?:coming|next)\s+(?:few\s+)?(?:days|weeks|months|years|decades)$", re.I)
_VAGUE_DURATION = re.compile(r"^(?:(?:the\s+)?(?:past\s+|last\s+)?(?:few|several|many)\s+)?(hours|days|weeks|months|years|decades)$", re.I)
_FUTURE_CUES = {"will", "shall", "'ll", "going", "expect", "plan", "schedule", "due", "intend", "aim", "hope"}
_SET_TO = {"set", "slate", "poise"}  # "is set / slated / poised to <act>": the act is to come
_DEADLINE_CUES = {"expire", "deadline", "due", "payable", "schedule", "scheduled", "extend", "until", "till",
                  "effective", "expect", "record", "set", "postpone", "delay"}
_EVENT_ANCHOR = re.compile(r"^\s*(?:after|before|later|earlier|since)\b", re.I)
_UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "hour": "H", "minute": "M",
              "second": "S", "fortnight": "W", "centur": "CE"}


_PAREN_WEEKDAY = re.compile(rf"^\s*\(\s*({_WEEKDAY_RE})\s*\)", re.I)


@dataclass(frozen=True, slots=True)
class Resolved:
    """What one core expression resolves to, before it becomes a ``TimeExpr``."""

    value: str
    granularity: Granularity
    kind: Literal["date", "time", "duration", "set"]
    start: dt.date | None = None
    end: dt.date | None = None
    mod: str | None = None
    relative: bool = False  # depends on the reference date


_REFUSE = Resolved("", "day", "date")  # sentinel: a rule decided this is no time expression to resolve


# ---------------------------------------------------------------------------------------------------------------
# Public stage


def find_times(facts: ArticleFacts, doc: "Doc", models: "Models") -> ArticleFacts:
    """Fill ``facts.times`` with every time expression found in the article, resolved where that is safe."""
    article = facts.article
    ref = article.reference_date
    anchor: Anchor = "published" if article.published else ("inferred" if ref else "none")
    text = article.text
    out: list[TimeExpr] = []
    last_day: dict[int, dt.date] = {}  # sentence start -> last day-level date seen in it (for "the night")
    last_period: str | None = None  # the last quarter named, for "a year earlier" in results reports
    for start, end in candidate_spans(doc, text):
        surface = text[start:end]
        tense = governing_tense(doc, start, end)
        speech = _speech_date(text, start, out) if ref else None
        base = speech or ref
        sent_key = _sentence_start(doc, start)
        resolved = resolve(surface, base, tense, models, context_day=last_day.get(sent_key),
                           context_period=last_period)
        if resolved is not None and resolved.start is not None and generic_present(doc, start, end, text):
            resolved = Resolved("PRESENT_REF", "day", "date", relative=True)  # "not the case today": no day
        if resolved is None:
            continue
        how: Anchor = anchor if resolved.relative else "absolute"
        if resolved.relative and resolved.value.startswith("XXXX"):
            how = "none"
        if resolved.kind == "duration" and _EVENT_ANCHOR.match(text[end:end + 10]):
            how = "none"  # "six weeks after <event>": a span of time from an event, kept as a duration
        if re.fullmatch(r"\d{4}-Q\d", resolved.value) and not re.search(r"\byear\b|year-", surface, re.I):
            last_period = resolved.value  # a named quarter; "a year earlier" itself is not a new anchor
        if resolved.granularity in ("day", "part_of_day", "time") and resolved.start and not resolved.value.startswith("X"):
            last_day[sent_key] = resolved.start
        out.append(TimeExpr(span=Span(article.id, start, end), value=resolved.value, granularity=resolved.granularity,
                            kind=resolved.kind, mod=resolved.mod, start=resolved.start, end=resolved.end,
                            anchored=how))
    return replace(facts, times=tuple(_explained_deixis(out, text)))


# "today"/"now" may mean the present as opposed to the past ("That's not the case today."): TimeML writes that
# PRESENT_REF, a value with no date. These words always mean it.
_ALWAYS_GENERIC = re.compile(r"(?:these\s+days|nowadays|in\s+this\s+day\s+and\s+age|this\s+day\s+and\s+age)", re.I)
# A look back in the same or the previous sentence that "today" is set against.
_PAST_CONTRAST = re.compile(r"\b(?:(?:19|20)\d\d|ago|used\s+to|once(?!\s+(?:again|more))|back\s+then|at\s+the\s+time|"
                            r"in\s+the\s+past|decades?|centur(?:y|ies)|generations?|years?\s+(?:before|earlier)|"
                            r"formerly|previously|originally|historically)\b", re.I)
_FREQUENCY = frozenset("often usually always never rarely seldom typically generally commonly increasingly "
                       "sometimes mostly largely".split())
_QUANTIFIERS = frozenset("every each all most many few some no more fewer half".split())
_GENERIC_POSSESSED = frozenset("world society generation generations youth economy standards culture age era "
                               "climate kids children students workers politics media market markets families "
                               "voters women men people parents teenagers schools america europe".split())


def generic_present(doc: "Doc", start: int, end: int, text: str) -> bool:
    """Whether "today" (or "these days", "nowadays") at ``start:end`` means *nowadays* rather than the day.

    Deictic, kept dated: under a past, future, progressive or perfect verb ("said today", "will vote today", "is
    meeting today", "has risen today"), or naming an event of the day ("today's vote"). Generic, not dated: the
    words that always mean it ("these days"); "today's" with a noun for people or the times ("today's young
    voters"); and "today" under a verb in the simple present with a second sign of the general present: the
    clause is negated, compared ("higher today than …"), habitual ("often", "rarely"), or set against the past in
    the same sentence; or "Today" opens a sentence about people in general ("Today, under the programme, every
    child gets …") or follows one about the past in its paragraph ("In 1990 few owned a car. Today, most do.");
    "even today" always. A plain present
    alone ("The summit opens today", "Today, I'm here to tell you …", "Today is a sad day") stays dated.
    """
    surface = text[start:end]
    if _ALWAYS_GENERIC.fullmatch(surface.strip()):
        return True
    low = surface.strip().lower()
    if low in ("even today", "still today"):
        return True  # set against the past
    if low not in ("today", "today's", "today’s"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("'s", "’s") or surface.lower().endswith(("'s", "’s")):
        head = tok.head if tok.dep_ == "poss" else (nxt.head.head if nxt is not None else tok.head)
        noun = head if head.pos_ in ("NOUN", "PROPN") else None
        if noun is not None and noun.tag_ in ("NNS", "NNPS") and re.search(
                r"\b(?:many|most|some|all|few|much)\s+of\s+$", text[max(0, start - 20): start], re.I):
            return True  # "many of today's personal computers": a share of what exists nowadays
        return noun is not None and noun.lower_ in _GENERIC_POSSESSED
    verb = tok
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    children = list(verb.children)
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
    if re.search(r"\b(?:even|still)\s*,?\s*$", text[max(0, start - 8):start], re.I) and verb.tag_ != "VBD" \
            and not any(a.lower_ in ("will", "shall", "'ll", "wo", "did", "was", "were") for a in auxes):
        return True  # "even today": set against the past
    present = verb.tag_ in ("VBZ", "VBP") or (
        verb.tag_ == "VB" and any(a.lower_ in ("do", "does") for a in auxes)) or (
        verb.tag_ == "VBN" and [a.lower_ for a in auxes] in (["is"], ["are"], ["'s"], ["'re"]))  # "is owned"
    if not present:
        return False  # past, future, progressive, perfect, modal: the day itself
    if any(a.lower_ in ("will", "shall", "'ll", "wo") for a in auxes) or verb.lemma_ in ("say", "tell", "announce"):
        return False
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return False  # "Today is a sad day": the day itself
    if any(c.dep_ == "neg" for c in children) or any(c.lower_ in _FREQUENCY for c in children):
        return True
    clause = [t for t in verb.subtree if t.i == verb.i or t.head.i == verb.i or t.head.head.i == verb.i]
    if any(t.lower_ == "than" or t.tag_ in ("JJR", "RBR") for t in clause):
        return True
    sent = tok.sent
    if _PAST_CONTRAST.search(text[sent.start_char:sent.end_char]):
        return True
    if text[sent.start_char:start].strip(" “\"'‘`"):
        return False
    # "Today, …" opening the sentence, about people in general ("Today, every child gets …", "Today, most do")
    # or after a sentence about the past ("In 1990 few owned a car. Today, …")
    subj = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.lower_ in _QUANTIFIERS or any(
            c.dep_ == "det" and c.lower_ in _QUANTIFIERS for c in subj.children)
            or subj.tag_ == "NNS" and not any(c.dep_ in ("det", "poss") for c in subj.children)):
        return True
    if sent.start == 0:
        return False
    prev = doc[sent.start - 1].sent
    if "\n" in text[prev.start_char:sent.start_char]:
        return False  # only within one paragraph
    # the sentence before tells of the past: "Jefferson bought the property in 1780. Today, it is owned by …"
    return _PAST_CONTRAST.search(text[prev.start_char:prev.end_char]) is not None or prev.root.tag_ == "VBD"


def _explained_deixis(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    """ "yesterday (Wednesday)": the writer names the day, so the deictic word takes the weekday's date."""
    out = list(times)
    for i, t in enumerate(out[:-1]):
        nxt = out[i + 1]
        word = text[t.span.start:t.span.end].lower()
        if word in ("yesterday", "today", "tomorrow") and _PAREN_WEEKDAY.match(text[t.span.end:nxt.span.end + 2]) \
                and nxt.granularity == "day":
            out[i] = replace(t, value=nxt.value, start=nxt.start, end=nxt.end, anchored=nxt.anchored)
    return out


# ---------------------------------------------------------------------------------------------------------------
# 1. Candidate spans


def candidate_spans(doc: "Doc", text: str) -> list[tuple[int, int]]:
    """Character spans of likely time expressions, merged, trimmed and filtered (ages, bare numbers)."""
    raw: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            raw.append((ent.start_char, ent.end_char))
    for m in _EXTRA.finditer(text):
        raw.append((m.start(), m.end()))
    for m in _YEAR.finditer(text):
        raw.append((m.start(1), m.end()))
    for m in _CLOCK.finditer(text):
        raw.append((m.start(), m.end()))
    for m in _BARE_YEAR.finditer(text):
        raw.append((m.start(), m.end()))
    for m in _NOW.finditer(text):
        tok = _token_at(doc, m.start())
        if tok is not None and tok.pos_ == "ADV" and tok.dep_ not in ("cc", "intj"):
            raw.append((m.start(), m.end()))
    merged = _merge(sorted(raw), text)
    out = []
    for s0, e0 in merged:
        for s, e in _split(text, s0, e0):
            s, e = _trim(text, s, e)
            if e <= s or not _plausible(text[s:e], text, e) or names_today(text, s, e) or _names_a_law(text, s, e):
                continue
            out.append((s, e))
    return out


# a capitalised word (not one ending a sentence with a full stop), possibly possessive, then an opening mark
_NAME_BEFORE_TODAY = re.compile(r"\b[A-Z][\w&-]*(?:['’]s)?\s+[\"“‘']?$")


def names_today(text: str, start: int, end: int) -> bool:
    """A capitalised "Today" inside a sentence, right after a name, is the name of a paper or a show ("USA Today",
    "VOA Today", NBC’s “Today”), not the day. A headline in title case capitalises every word, so there it stays a
    day; so does "Today" opening a sentence or a quotation."""
    if not re.fullmatch(r"Today(?:['’]s)?", text[start:end]):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if not _NAME_BEFORE_TODAY.search(before):
        return False
    line_end = text.find("\n", end)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[line_start: line_end if line_end >= 0 else len(text)])
    title_case = sum(w[0].isupper() for w in words) >= 0.8 * len(words)
    return not title_case


_CONNECTOR = re.compile(r"(?:(?<=\d{4}),)?\s+(?:ended|ending|through|to|and|until|till|or)\s+|\s*[-–]\s*(?=[A-Z])|(?<=\d{4}),\s+(?=\d{4}\b)")
_TIMEISH = re.compile(rf"\d|{_WEEKDAY_RE}|{_MONTH_RE}|\b(?:today|yesterday|tomorrow|now|quarter|year|month|week|day)s?\b",
                      re.I)


def _split(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """ "the quarter ended Sept. 30", "Aug. 26 to Oct. 20", "between 1994 and 1997": two times, not one."""
    piece = text[s:e]
    cuts = [m for m in _CONNECTOR.finditer(piece)]
    if not cuts:
        return [(s, e)]
    parts, start = [], 0
    for m in cuts:
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, len(piece)))
    if not all(_TIMEISH.search(piece[a:b]) for a, b in parts):
        return [(s, e)]  # "one day or two days" splits; "a year and a half" does not
    if any(re.fullmatch(r"\s*(?:a|an|one|two|three|\d{1,3})\s*", piece[a:b]) for a, b in parts):
        return [(s, e)]
    return [(s + a, s + b) for a, b in parts]


def _token_at(doc: "Doc", char: int) -> "Token | None":
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join overlapping spans, and touching ones that name one time together ("early Friday" + "morning",
    "noon" + "Thursday", "Saturday," + "April 25")."""
    out: list[list[int]] = []
    for s, e in spans:
        gap = text[out[-1][1]:s] if out else ""
        if out and (s < out[-1][1] or (len(gap) <= 2 and gap.strip() in ("", ",")
                                       and _joinable(text[out[-1][0]:out[-1][1]], text[s:e], gap))):
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _joinable(prev: str, piece: str, gap: str) -> bool:
    if _TIME_OF_DAY.fullmatch(prev.strip()) or _TIME_OF_DAY.fullmatch(piece.strip()):
        return True
    if re.fullmatch(_WEEKDAY_RE, prev.strip(), re.I) and re.match(_MONTH_RE + r"|May\b|\d", piece):
        return True  # "Saturday, April 25"
    if gap.strip():
        return False
    return piece.split()[0].lower() in _PART_OF_DAY or bool(re.match(r"\d", piece)) or piece.lower().startswith(
        ("morning", "afternoon", "evening", "night", "local time"))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    piece = text[s:e]
    # drop leading prepositions and trailing punctuation / "or" left by the tagger ("one day or")
    while True:
        m = _LEAD.match(piece) or _DETERMINER.match(piece)
        if not m or m.end() >= len(piece):
            break
        s += m.end()
        piece = text[s:e]
    m = re.search(r"(?:\s+(?:or|and|to|-)|[\s,.;:'’)(-]+)$", piece)
    while m and m.start() > 0:
        e = s + m.start()
        piece = text[s:e]
        m = re.search(r"(?:\s+(?:or|and|to|-)|[\s,.;:'’)(-]+)$", piece)
    if piece.endswith(("'s", "’s")):
        e -= 2
    if text[e:e + 1] == "." and re.search(r"(?:\b[ap]\.m|\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec))$", piece, re.I):
        e += 1  # the abbreviation's own full stop ("10:35 a.m.", "Sept.")
    # "5am" followed by "local time" belongs to the expression
    tail = re.match(r"\s+local\s+time\b", text[e:e + 12], re.I)
    if tail and re.search(r"\d\s*(?:am|pm|a\.m\.|p\.m\.)?$|GMT|noon|midnight", piece, re.I):
        e += tail.end()
    return s, e


# a statute's or a treaty's name ends on its year: "the Regulatory Reform (Fire Safety) Order 2005", "Act 1998"
_LAW_BEFORE = re.compile(r"\b(?:Act|Order|Regulations?|Bill|Code|Convention|Treaty|Directive|Rules|Statute)\s+$")


def _names_a_law(text: str, start: int, end: int) -> bool:
    """A bare year that ends the name of a law ("the Fire Safety Order 2005"): a title, not when anything happened."""
    year = re.fullmatch(r"(?:19|20)\d\d", text[start:end])
    return bool(year) and bool(_LAW_BEFORE.search(text[max(0, start - 20):start]))


def _plausible(piece: str, text: str, end: int) -> bool:
    """Refuse what the tagger calls DATE but is not one: ages, bare small numbers, "the 63-year-old"."""
    if _AGE.search(piece) or re.match(r"^\s*[-\s]?years?[\s-]old", text[end:end + 12], re.I):
        return False
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*", piece):
        return False  # a bare count such as an age after a name ("Nizarenko, 85")
    if re.fullmatch(r"\d{4}", piece) and not 1000 <= int(piece) <= 2199:
        return False
    return bool(re.search(r"[A-Za-z0-9]", piece))


# ---------------------------------------------------------------------------------------------------------------
# 2. Tense of the governing verb


def _sentence_start(doc: "Doc", char: int) -> int:
    """Character offset where the sentence holding ``char`` starts (-1 if no token there); walks back from the
    token instead of using ``Span.sent``, which iterates the whole document."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return -1
    i = span.start
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return doc[i].idx


def governing_tense(doc: "Doc", start: int, end: int) -> Tense:
    """Past, future or present, read from the verb that governs the expression (its head chain)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "past"
    low = span.text.lower()
    text = doc_text(doc)  # joined once per parse: ``Doc.text`` joins every token on each call
    if re.search(r"\b(since|ago)\s*$", text[max(0, start - 8):start].lower()):
        return "past"
    if re.search(r"\b(next|coming|tomorrow|later this|upcoming)\b", low):
        return "future"
    if re.search(r"\b(last|ago|yesterday|earlier|past|previous|recent)\b", low):
        return "past"
    first = span.start  # up to six tokens back, not past the sentence start (Span.sent walks the whole doc)
    while first > max(0, span.start - 6) and not doc[first].is_sent_start:
        first -= 1
    before = {t.lemma_.lower() for t in doc[first:span.start]}
    if before & _DEADLINE_CUES:
        return "present"  # "had been set to expire Nov. 6": a deadline, whatever the verb's tense; the nearest one
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return "unknown"  # a nominal phrase ("the Thursday address"): the resolver's defaults decide
    return _verb_tense(tok)


def _verb_tense(verb: "Token") -> Tense:
    """The tense that governs ``verb``: its own, or its governing verb's for a complement or a gerund.

    Walks up the heads iteratively with a guard: a parse made with preset sentence starts can hold a head cycle.
    """
    seen: set[int] = set()
    while verb.i not in seen:
        seen.add(verb.i)
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes} | {verb.lemma_.lower()}
        if words & {"will", "shall", "'ll", "wo"} or verb.lemma_ in _FUTURE_CUES:
            return "future"
        if words & {"would", "could", "might", "may"}:
            return "present"  # future in the past, or a possibility: the nearest reading
        head = verb.head
        if verb.dep_ in ("xcomp",) and head.lemma_ in _FUTURE_CUES:
            return "future"  # "expected to arrive on Friday"
        if verb.lemma_.lower() in _SET_TO and any(c.dep_ == "xcomp" for c in verb.children) and \
                any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "future"  # "On Thursday, the bank is set to raise rates": scheduled, not past for its participle
        if verb.dep_ == "xcomp" and head is not verb:
            verb = head
            continue
        if verb.tag_ == "VBG" and not any(a.lemma_ == "be" for a in auxes) and head is not verb:
            if head.pos_ not in ("VERB", "AUX"):
                return "past"
            verb = head  # "since invading": the clause's tense
            continue
        if "Past" in verb.morph.get("Tense") or any("Past" in a.morph.get("Tense") for a in auxes):
            return "past"
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return "past"
        if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "present"
        return "unknown"
    return "unknown"


# ---------------------------------------------------------------------------------------------------------------
# 3. Resolution


def resolve(surface: str, ref: dt.date | None, tense: Tense, models: "Models", *,
            context_day: dt.date | None = None, context_period: str | None = None) -> Resolved | None:
    """Resolve one expression as written against ``ref`` (None: keep relative ones underspecified)."""
    core, mod = _strip_mods(surface)
    low = re.sub(r"\s+", " ", core.lower()).strip()
    if low in _REF_WORDS:
        return Resolved(_REF_WORDS[low], "day", "date", mod=mod, relative=True)
    if _RECENT.match(low) or _COMING.match(low):
        # "in recent weeks": an unspecified number of weeks up to now (TimeML: a duration, "PXW")
        return Resolved(_vague_duration(low), "duration", "duration", mod=mod, relative=False)
    vague = re.fullmatch(r"(?:the\s+)?(?:(?:next|last|past|first|coming)\s+)?(?:a\s+)?(?:few|several|many|some|"
                         r"couple\s+of|number\s+of)\s+(\w+)", low)
    if vague and re.fullmatch(_UNITS, vague.group(1)):
        return Resolved(_vague_duration(low), "duration", "duration", mod=mod)
    later = _resolve_later(low, context_day)
    if later is not None:
        return replace(later, mod=mod)
    if re.fullmatch(r"(?:a\s+)?(?:few|several|many|some)\s+\w+\s+(?:ago|earlier)", low):
        return Resolved("PAST_REF", _unit_gran(low), "date", mod=mod, relative=True)
    if context_period and re.fullmatch(r"(?:(?:a|one)\s+year\s+(?:earlier|ago|before)|(?:the\s+)?year-(?:earlier|ago)"
                                       r"(?:\s+(?:quarter|period|third\s+quarter))?)", low):
        # "profit rose in the third quarter ... from $5 million a year earlier": the same quarter, a year back
        year, q = context_period.split("-")
        return Resolved(f"{int(year) - 1}-{q}", "month", "date", mod=mod, relative=True)
    if ref is not None and re.fullmatch(r"(?:a|one)\s+year\s+(?:earlier|before)|(?:the\s+)?year-(?:earlier|ago)", low):
        return Resolved(str(ref.year - 1), "year", "date", mod=mod, relative=True)
    last_month = re.fullmatch(r"(?:last|this\s+past)\s+(january|february|march|april|may|june|july|august|september|"
                              r"october|november|december)", low)
    if last_month and ref is not None:
        month = _MONTHS.index(last_month.group(1)) + 1
        year = ref.year if month < ref.month else ref.year - 1  # the most recent one before this month
        return Resolved(f"{year}-{month:02d}", "month", "date", dt.date(year, month, 1), None, mod, True)
    quarter = _resolve_quarter(low, ref, tense)
    if quarter is not None:
        return replace(quarter, mod=mod)
    m = _VAGUE_DURATION.match(low)
    if m:
        unit = m.group(1)[:-1]
        return Resolved(f"PX{_UNIT_CODE.get(unit, 'D')}" if unit not in ("hour",) else "PTXH", "duration", "duration",
                        mod=mod)
    if re.fullmatch(r"noon|midday|midnight", low) and ref is not None:
        clock = _clock("noon" if low == "midday" else low)
        return Resolved(ref.isoformat() + str(clock), "time", "time", ref, ref, mod, True)
    combo = _resolve_date_and_time(low, ref, tense, models, context_day)
    if combo is not None:
        return replace(combo, mod=combo.mod or mod)
    wd_date = re.fullmatch(rf"(?i:{_WEEKDAY_RE}),?\s+((?:{_MONTH_RE.lower()}|may)\s+\d{{1,2}}(?:,?\s+\d{{4}})?)", low)
    if wd_date:
        # "Saturday, April 25": the weekday tells which year's April 25 is meant
        weekday = [w[:3] for w in _WEEKDAYS].index(low[:3])
        return _resolve_recognizer(wd_date.group(1), wd_date.group(1), ref, tense, models, mod, weekday=weekday)
    own = _resolve_deictic(low, ref, tense, context_day)
    if own is _REFUSE:
        return None
    if own is not None:
        return replace(own, mod=own.mod or mod)
    if re.fullmatch(r"(?:the\s+)?(?:day|night|week|month|year)\s+(?:after|before)", low):
        return None  # anchored on an event that this stage cannot date
    calendar = _resolve_calendar_unit(low, ref, tense)
    if calendar is not None:
        return replace(calendar, mod=mod)
    decade = re.fullmatch(r"(?:the\s+)?'?((?:1[0-9]|20)?\d)0s", low)
    if decade:
        digits = decade.group(1)
        return Resolved(digits if len(digits) == 3 else f"19{digits}", "year", "date", mod=mod)
    day = _resolve_month_day(low, ref, tense) or _resolve_dated_phrase(low, ref, tense)
    if day is not None:
        return replace(day, mod=mod)
    return _resolve_recognizer(core, low, ref, tense, models, mod)


_COUNTED_DURATION = re.compile(r"(\d{1,3}|[a-z]+)[\s-](minute|hour|day|week|month|year)s?")


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), nxt - dt.timedelta(days=1)


def _resolve_calendar_unit(low: str, ref: dt.date | None, tense: Tense = "unknown") -> Resolved | None:
    """Bare years ("2012"), bare month names, counted durations ("five years", "90 minutes") and
    "last/this/next year|month|week": plain calendar arithmetic, with the tense choosing a month's year.

    Why here: these are the commonest expressions in news, and the recogniser costs ~13 ms a call for them.
    """
    if re.fullmatch(r"1[6-9]\d\d|20\d\d", low):
        year = int(low)
        return Resolved(low, "year", "date", dt.date(year, 1, 1), dt.date(year, 12, 31))
    counted = _COUNTED_DURATION.fullmatch(low)
    if counted:
        n = int(counted.group(1)) if counted.group(1).isdigit() else SMALL_NUMBERS.get(counted.group(1))
        unit = counted.group(2)
        if n is not None and counted.group(1) != "dozen":
            clock = unit in ("minute", "hour")
            return Resolved(f"P{'T' if clock else ''}{n}{_UNIT_CODE[unit]}", "duration", "duration")
        # "last year", "this week": a word, not a count, before the unit (the calendar rules below)
    if low in _MONTHS and ref is not None:
        month = _MONTHS.index(low) + 1
        # the readings a recogniser gives, and the same choice: the one holding the reference date, else by tense
        spans = [_month_span(y, month) for y in (ref.year - 1, ref.year, ref.year + 1)]
        holding = [s for s in spans if s[0] <= ref <= s[1]]
        if holding:
            start, end = holding[0]
        elif tense == "past":
            start, end = max(s for s in spans if s[0] <= ref)
        elif tense == "future":
            start, end = min(s for s in spans if s[0] > ref)
        else:
            start, end = min(spans, key=lambda s: abs((s[0] - ref).days))
        return Resolved(f"{start.year}-{month:02d}", "month", "date", start, end, relative=True)
    m = re.fullmatch(r"(last|this|next)\s+(year|month|week)", low)
    if m is None or ref is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[m.group(1)]
    unit = m.group(2)
    if unit == "year":
        year = ref.year + step
        return Resolved(str(year), "year", "date", dt.date(year, 1, 1), dt.date(year, 12, 31), relative=True)
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 + step
        year, month = divmod(index, 12)
        first = dt.date(year, month + 1, 1)
        last = (dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1))
        return Resolved(f"{year}-{month + 1:02d}", "month", "date", first, last, relative=True)
    monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=step)
    iso_year, iso_week, _ = monday.isocalendar()
    return Resolved(f"{iso_year}-W{iso_week:02d}", "week", "date", monday, monday + dt.timedelta(days=6),
                    relative=True)


_MONTH_NUMBER = {**{m: n for n, m in enumerate(_MONTHS, 1)},
                 **{a: next(n for n, m in enumerate(_MONTHS, 1) if m.startswith(a[:3])) for a in _MONTH_ABBREVIATIONS}}
_MONTH_DAY = re.compile(r"(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?P<suffix>st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?")
_DAY_MONTH = re.compile(r"(?P<day>\d{1,2})(?P<suffix>st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[a-z]+)\.?(?:,?\s+(?P<year>\d{4}))?")


def _resolve_month_day(low: str, ref: dt.date | None, tense: Tense) -> Resolved | None:
    """A calendar day written out: "November 11", "Nov. 11, 2022", "11th of November": plain arithmetic.

    Why here: the commonest expression of news, for which the recogniser costs ~15 ms a call. Without a year the
    day is this year's when it is the reference day, else the past or the next one by tense, else the nearer: the
    recogniser's readings and the same choice (a test compares both on thousands of random days). Anything else
    (29 February without a year, a wrong ordinal, an unknown month word) is left to the recogniser.
    """
    m = _MONTH_DAY.fullmatch(low) or _DAY_MONTH.fullmatch(low)
    month = _MONTH_NUMBER.get(m.group("month")) if m else None
    if m is None or month is None:
        return None
    day, suffix, year = int(m.group("day")), m.group("suffix"), m.group("year")
    if suffix and suffix != ("th" if day in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")):
        return None
    try:
        if year:
            d = dt.date(int(year), month, day)
            return Resolved(d.isoformat(), "day", "date", d, d, relative=ref is not None and _looks_relative(low))
        if ref is None or (month, day) == (2, 29):
            return None
        this = _yearly_day(month, day, ref, tense)
    except ValueError:
        return None
    return Resolved(this.isoformat(), "day", "date", this, this, relative=True)


def _yearly_day(month: int, day: int, ref: dt.date, tense: Tense) -> dt.date:
    """The day of a yearly date meant against ``ref``: this year's when it is the reference day, else the last or
    the next one by tense, else the nearer (the recogniser's two readings and the same choice)."""
    this = dt.date(ref.year, month, day)
    if this == ref:
        return this
    past = this if this < ref else dt.date(ref.year - 1, month, day)
    ahead = this if this > ref else dt.date(ref.year + 1, month, day)
    if tense == "past":
        return past
    if tense == "future":
        return ahead
    return min((past, ahead), key=lambda d: abs((d - ref).days))


_CLOCK_TIME = re.compile(r"(?P<hour>\d{1,2})(?:[:.](?P<minute>[0-5]\d))?\s*(?P<half>[ap])\.?m\.?")
_AGO = re.compile(r"(?P<count>\d{1,3}|[a-z]+)\s+(?P<unit>day|week|month|year)s?\s+ago")


def _resolve_dated_phrase(low: str, ref: dt.date | None, tense: Tense) -> Resolved | None:
    """A fixed-date holiday ("Veterans Day"), a clock time on the reference day ("5am", "10:30 p.m.") or a count
    of days to years back ("a month ago", "three weeks ago"): plain calendar arithmetic.

    Why here: a report may hold only such expressions beside calendar days, and the recogniser costs ~0.2 s to load
    for them. The readings are the recogniser's (a test compares both), except that a month counted back from the
    31st ends on the last day of the shorter month (the recogniser rolls over to the next month's first day).
    """
    if ref is None:
        return None
    holiday = FIXED_HOLIDAYS.get(low)
    if holiday is not None:
        day = _yearly_day(*holiday, ref, tense)
        return Resolved(day.isoformat(), "day", "date", day, day, relative=True)
    clock = _CLOCK_TIME.fullmatch(low)
    if clock and 1 <= int(clock.group("hour")) <= 12:
        return Resolved(f"{ref.isoformat()}{_clock_value(clock)}", "time", "time", ref, ref, relative=True)
    ago = _AGO.fullmatch(low)
    count = ago and (int(ago.group("count")) if ago.group("count").isdigit() else SMALL_NUMBERS.get(ago.group("count")))
    if not ago or not count or ago.group("count") == "dozen":
        return None
    unit = ago.group("unit")
    if unit in ("day", "week"):
        day = ref - dt.timedelta(days=count * (7 if unit == "week" else 1))
        return Resolved(day.isoformat(), "day", "date", day, day, relative=True)
    year, month = divmod(ref.year * 12 + ref.month - 1 - count * (12 if unit == "year" else 1), 12)
    day = dt.date(year, month + 1, min(ref.day, _month_span(year, month + 1)[1].day))
    # a month or a year back names that month or year, not one day of it
    value = f"{day.year}-{day.month:02d}" if unit == "month" else str(day.year)
    return Resolved(value, unit, "date", day, day, relative=True)


_LATER = re.compile(r"(?P<count>\d{1,3}|an?|[a-z]+)\s+(?P<unit>day|week|month|year|decade)s?\s+later")


def _resolve_later(low: str, context_day: dt.date | None) -> Resolved | None:
    """ "N days later" counts from an event the text told before, never from the day of the report ("married in
    1947 and crowned six years later" is 1953, not six years after publication): counted from the day its own
    sentence names ("arrested on Monday and released two days later"), else kept as the span of time it is (like
    "two years earlier"). None when ``low`` is no such phrase."""
    m = _LATER.fullmatch(low)
    if not m:
        return None
    word = m.group("count")
    count = 1 if word in ("a", "an") else int(word) if word.isdigit() else SMALL_NUMBERS.get(word)
    if not count or word == "dozen":
        return None
    unit = m.group("unit")
    if context_day is not None and unit in ("day", "week"):
        day = context_day + dt.timedelta(days=count * (7 if unit == "week" else 1))
        return Resolved(day.isoformat(), "day", "date", day, day, relative=True)
    code = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE"}[unit]
    return Resolved(f"P{count}{code}", "duration", "duration")


def _clock(low: str) -> str | None:
    """ "5 p.m." -> "T17:00"; "noon" -> "T12:00"; "midnight" -> "T24:00" (TIMEX3 writes the end of a day so)."""
    low = low.strip()
    if "noon" in low:
        return "T12:00"
    if "midnight" in low:
        return "T24:00"
    m = _CLOCK_TIME.search(low)
    return _clock_value(m) if m else None


def _clock_value(clock: re.Match[str]) -> str:
    """A `_CLOCK_TIME` match as TIMEX3 writes the time: "5.30pm" -> "T17:30"."""
    hour = int(clock.group("hour")) % 12 + (12 if clock.group("half") == "p" else 0)
    return f"T{hour:02d}:{clock.group('minute') or '00'}"


def _resolve_date_and_time(low: str, ref: dt.date | None, tense: Tense, models: "Models",
                           context_day: dt.date | None) -> Resolved | None:
    """ "noon Thursday", "5 p.m. EST, Nov. 6", "Friday at 9 a.m.": the day resolved by the day rules, the clock read
    here."""
    tod = _TIME_OF_DAY.pattern
    m = re.fullmatch(rf"({tod})[,\s]+(.+)", low, re.I) or None
    day_part = time_part = None
    if m:
        time_part, day_part = m.group(1), m.group(2)
    else:
        m = re.fullmatch(rf"(.+?)[,\s]+(?:at\s+)?({tod})", low, re.I)
        if m:
            day_part, time_part = m.group(1), m.group(2)
    if not day_part or not time_part:
        return None
    clock = _clock(time_part)
    day = resolve(day_part, ref, tense, models, context_day=context_day)
    if clock is None or day is None or day.granularity != "day":
        return None
    return Resolved(day.value[:10] + clock, "time", "time", day.start, day.end, day.mod, day.relative)


def _vague_duration(low: str) -> str:
    if "couple" in low:
        n = "2"
    else:
        n = "X"
    for unit, code in (("hour", "TXH"), ("minute", "TXM"), ("second", "TXS")):
        if unit in low:
            return "P" + code.replace("X", n)
    for unit, code in (("day", "D"), ("week", "W"), ("month", "M"), ("decade", "DE"), ("year", "Y"), ("centur", "CE")):
        if unit in low:
            return f"P{n}{code}"
    return "PXD"


def _resolve_quarter(low: str, ref: dt.date | None, tense: Tense) -> Resolved | None:
    """ "the quarter", "the latest quarter", "this quarter": in business news, the quarter just reported
    (the last complete one) unless the sentence looks ahead."""
    if not re.fullmatch(r"(?:the\s+)?(?:latest|this|current|most\s+recent|recent|fiscal)?\s*quarter", low) or ref is None:
        return None
    q = (ref.month - 1) // 3 + 1
    year = ref.year
    if tense != "future" and not low.startswith(("this", "the current")) or tense == "past":
        q -= 1
        if q == 0:
            q, year = 4, year - 1
    start = dt.date(year, 3 * q - 2, 1)
    return Resolved(f"{year}-Q{q}", "month", "date", start, None, relative=True)


def _strip_mods(surface: str) -> tuple[str, str | None]:
    core, mod = surface.strip(), None
    for pattern, name in _MODS:
        m = pattern.match(core)
        if m and m.end() < len(core):
            core, mod = core[m.end():], name or None
            break
    core = _LEAD.sub("", core)
    core = re.sub(r"\s+(?:local\s+time|GMT|UTC|[ECMP][SD]?T|\w+\s+time)$", "", core)
    return core, mod


def _unit_gran(low: str) -> Granularity:
    for unit, gran in (("day", "day"), ("week", "week"), ("month", "month"), ("year", "year"), ("decade", "year")):
        if unit in low:
            return gran  # type: ignore[return-value]
    return "day"


def _weekday_date(ref: dt.date, weekday: int, tense: Tense, rel: str | None) -> dt.date:
    """The date of a weekday named in a report dated ``ref``.

    News style: a bare weekday in a past-tense sentence is the last such day (or today, if it is today's name);
    in a future sentence, the next one (or today). "last"/"next" shift a week only where a reader would.
    """
    delta = (ref.weekday() - weekday) % 7
    past = ref - dt.timedelta(days=delta)
    future = ref + dt.timedelta(days=(weekday - ref.weekday()) % 7)
    if rel == "last":
        return past if delta else ref - dt.timedelta(days=7)
    if rel == "next":
        return future if future != ref else ref + dt.timedelta(days=7)
    if tense == "future":
        return future
    if tense == "present" and delta >= 4:
        return future  # "talks are on Monday" said on a Friday: the coming one is nearer
    # past, or no verb to tell: news reports what happened, so the last such day
    return past


def _resolve_deictic(low: str, ref: dt.date | None, tense: Tense, context_day: dt.date | None) -> Resolved | None:
    """Weekdays, today/yesterday/tomorrow, overnight and bare parts of day: rules that need the news context."""
    m = re.fullmatch(r"(?:(last|next|this|early|late)\s+)?(mon|tues|wednes|thurs|fri|satur|sun)day(?:'s)?"
                     r"(?:\s+(morning|afternoon|evening|night))?", low)
    if m:
        rel, stem, part = m.group(1), m.group(2), m.group(3)
        weekday = [w[:len(stem)] for w in _WEEKDAYS].index(stem)
        suffix = _PART_OF_DAY[part] if part else ""
        gran: Granularity = "part_of_day" if part else "day"
        mod = {"early": "start", "late": "end"}.get(rel or "")
        if ref is None:
            return Resolved(f"XXXX-WXX-{weekday + 1}{suffix}", gran, "date", mod=mod, relative=True)
        day = _weekday_date(ref, weekday, tense, rel if rel in ("last", "next") else None)
        return Resolved(day.isoformat() + suffix, gran, "date", day, day, mod=mod, relative=True)
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "overnight": -1}
    m = re.fullmatch(r"(today|yesterday|tomorrow|tonight|overnight)(?:\s+(morning|afternoon|evening|night))?", low)
    if m:
        word, part = m.group(1), m.group(2)
        suffix = _PART_OF_DAY.get(part or word, "") if (part or word in ("tonight", "overnight")) else ""
        if ref is None:
            return None  # nothing honest to say without a date
        off = offsets[word]
        if word == "overnight" and tense == "future":
            off = 0
        day = ref + dt.timedelta(days=off)
        gran: Granularity = "part_of_day" if suffix else "day"  # type: ignore[no-redef]
        return Resolved(day.isoformat() + suffix, gran, "date", day, day, relative=True)
    m = re.fullmatch(r"(?:the|this)\s+(morning|afternoon|evening|night)", low)
    if m is None and re.fullmatch(r"(morning|afternoon|evening|night)", low):
        return _REFUSE  # a bare "night" ("the first tranquil night") names no particular one
    if m:
        day = context_day or ref
        if day is None:
            return None
        if low.startswith("the") and context_day is None and tense == "past" and m.group(1) == "night":
            day = ref - dt.timedelta(days=1) if ref else None  # "during the night" in a report: the night before
        if day is None:
            return None
        return Resolved(day.isoformat() + _PART_OF_DAY[m.group(1)], "part_of_day", "date", day, day, relative=True)
    m = re.fullmatch(r"the\s+(next|following|previous)\s+(day|morning|evening|night)", low)
    if m and context_day is not None:
        day = context_day + dt.timedelta(days=-1 if m.group(1) == "previous" else 1)
        suffix = _PART_OF_DAY.get(m.group(2), "")
        return Resolved(day.isoformat() + suffix, "part_of_day" if suffix else "day", "date", day, day, relative=True)
    return None


# ---------------------------------------------------------------------------------------------------------------
# 4. Recognizers-Text on the core, choosing the reading by tense


def _recognise(models: "Models", core: str, ref: dt.date) -> list[Any]:
    try:
        return models.recognise_datetime(core, ref)
    except Exception:  # noqa: BLE001 - the 2019 alpha raises on some odd inputs; treat as no reading
        return []


# Two far-apart reference dates: an expression that reads the same against both does not depend on one.
_PROBES = (dt.date(2001, 3, 14), dt.date(2013, 9, 26))


def _resolve_recognizer(core: str, low: str, ref: dt.date | None, tense: Tense, models: "Models",
                        mod: str | None, *, weekday: int | None = None) -> Resolved | None:
    if ref is None:
        # No reference date: keep only absolute readings ("9 November 2022"). "July", "last week" or "today" move
        # with the reference, so they stay unresolved rather than take the value of an invented date.
        a, b = _own_probe_readings(low, tense, mod) if weekday is None else (None, None)
        if a is None or b is None:
            a, b = (_resolve_recognizer(core, low, probe, tense, models, mod, weekday=weekday) for probe in _PROBES)
        return _masked_reading(a, b)
    results = _recognise(models, core, ref)
    results = [r for r in results if r.resolution and r.resolution.get("values")]
    if not results:
        return _fallback_dateparser(core, ref, tense)
    best = max(results, key=lambda r: r.end - r.start)
    if (best.end - best.start + 1) < 0.5 * len(core.strip()):
        # the recogniser read only a small part ("fiscal 1998" -> "1998" is fine; "the first tranquil night" isn't)
        if not re.fullmatch(r"\w+\s+\d{4}", core.strip()):
            return None
    values = best.resolution["values"]
    if weekday is not None:
        same = [v for v in values if (_reading_dates(v)[0] or dt.date.min).weekday() == weekday]
        values = same or values
    reading = _choose(values, ref, tense)
    return _to_resolved(reading, best.type_name, low, ref, mod, tense)


def _masked_reading(a: Resolved | None, b: Resolved | None) -> Resolved | None:
    """One expression's readings at the two probe dates, what moved with the reference masked."""
    if a is None or b is None:
        return None
    if a.value == b.value:
        return replace(a, relative=False)
    if len(a.value) != len(b.value):
        return None
    # what moved with the reference is unknown: "2001-03-14"/"2013-09-26" -> "XXXX-XX-XX", "2001-07" -> "XXXX-07"
    fields_a, fields_b = re.split(r"(\d+)", a.value), re.split(r"(\d+)", b.value)
    if len(fields_a) != len(fields_b):
        return None
    masked = "".join(x if x == y or not x.isdigit() else "X" * len(x) for x, y in zip(fields_a, fields_b))
    masked = "XXXX" + masked[4:] if re.match(r"\d{4}", a.value) else masked
    return Resolved(masked, a.granularity, a.kind, None, None, a.mod, relative=True)


def _own_probe_readings(low: str, tense: Tense, mod: str | None) -> tuple[Resolved | None, Resolved | None]:
    """The probes' readings by this module's own calendar rules (bare month names, calendar days, today /
    yesterday / tomorrow, years, counted durations), which give there what the recogniser gives (a test checks
    each word and tense): an undated article's "February" needs no recogniser call (~15 ms each, two per
    expression)."""
    def own(probe: dt.date) -> Resolved | None:
        found = (_resolve_calendar_unit(low, probe, tense) or _resolve_month_day(low, probe, tense)
                 or _resolve_dated_phrase(low, probe, tense))
        if found is None and low in ("today", "yesterday", "tomorrow"):
            found = _resolve_deictic(low, probe, tense, None)
        return replace(found, mod=mod) if found is not None else None

    first, second = _PROBES
    return own(first), own(second)


_FULL_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}\s+\w+\.?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}")


def _fallback_dateparser(core: str, ref: dt.date | None, tense: Tense) -> Resolved | None:
    """dateparser for full calendar dates the recogniser missed ("10.11.2022", "9 Nov. 2022"); nothing vaguer:
    it turns durations into dates."""
    if not _FULL_DATE.fullmatch(core.strip()):
        return None
    import dateparser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "future" if tense == "future" else "past",
                                "REQUIRE_PARTS": ["day", "month", "year"]}
    if ref is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(ref, dt.time())
    parsed = dateparser.parse(core, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    return Resolved(day.isoformat(), "day", "date", day, day)


def _reading_dates(v: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    def parse(s: Any) -> dt.date | None:
        if not isinstance(s, str) or not re.match(r"\d{4}-\d\d-\d\d", s):
            return None
        return dt.date.fromisoformat(s[:10])

    if "value" in v and parse(v["value"]):
        d = parse(v["value"])
        return d, d
    start, end = parse(v.get("start")), parse(v.get("end"))
    if end and start and end > start and re.match(r"\d{4}-\d\d-\d\d$", str(v.get("end"))):
        end = end - dt.timedelta(days=1)  # ranges come half-open at day level
    return start, end or start


def _choose(values: list[dict[str, Any]], ref: dt.date | None, tense: Tense) -> dict[str, Any]:
    """Pick the past, future or nearest reading: the governing verb's tense decides."""
    if len(values) == 1 or ref is None:
        return values[0]
    spans = [(v, *_reading_dates(v)) for v in values]
    containing = [v for v, s, e in spans if s and e and s <= ref <= e]
    if containing:
        return containing[0]
    if tense == "past":
        past = [(s, v) for v, s, e in spans if s and s <= ref]
        if past:
            # a past verb takes the past reading, even a year back ("since the Feb. 24 invasion" in January);
            # deadlines under a past verb ("had been set to expire Nov. 6") were made "present" by their cue words
            return max(past, key=lambda x: x[0])[1]
    if tense == "future":
        fut = [(s, v) for v, s, e in spans if s and s > ref]
        if fut:
            return min(fut, key=lambda x: x[0])[1]
    dated = [(abs((s - ref).days), v) for v, s, e in spans if s]
    return min(dated, key=lambda x: x[0])[1] if dated else values[0]


def _to_resolved(v: dict[str, Any], type_name: str, low: str, ref: dt.date | None, mod: str | None,
                 tense: Tense = "unknown") -> Resolved | None:
    timex: str = v.get("timex", "")
    kind = type_name.split(".")[-1]
    mod = _MOD_NAMES.get(str(v.get("Mod", "")).lower(), mod) if v.get("Mod") else mod
    relative = "XXXX" in timex or ref is not None and _looks_relative(low)
    start, end = _reading_dates(v)
    if kind == "duration":
        m = re.fullmatch(r"P(\d+)1", timex)  # the recogniser writes "a decade" as "P11", two as "P21"
        if m and re.search(r"decade|centur", low):
            timex = f"P{int(m.group(1)) * (100 if 'centur' in low else 10)}Y"
        return Resolved(timex, "duration", "duration", mod=mod)
    if kind == "set":
        return Resolved(timex, "set", "set", mod=mod)
    if timex.startswith("(") and timex.endswith(")"):
        # "(2019-11-11,2022-11-11,P3Y)": a period counted back or forward from now
        parts = timex[1:-1].split(",")
        dur = parts[-1]
        if "quarter" in low and dur == "P3M" and start and ref and tense == "future" and start > ref \
                and dt.date(start.year - 1, start.month, 1) + dt.timedelta(days=92 + 60) >= ref:
            # "will report third-quarter earnings" in late October: the quarter just ended, not next year's
            start = dt.date(start.year - 1, start.month, 1)
        if "quarter" in low and dur == "P3M" and start:
            return Resolved(f"{start.year}-Q{(start.month - 1) // 3 + 1}", "month", "date", start, end, mod, True)
        return Resolved(dur, "duration", "duration", start, end, mod, True)
    if timex in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return Resolved(timex, "day", "date", mod=mod, relative=True)
    if ref is None and relative and "XXXX" in timex:
        gran = _timex_granularity(timex)
        return Resolved(timex, gran, "date", mod=mod, relative=True)
    if kind in ("time", "timerange"):
        t = timex if timex.startswith("T") else ""
        if not t:
            return None
        t = _fmt_time(t)
        if ref is None:
            return Resolved(t, "time" if ":" in t else "part_of_day", "time", mod=mod, relative=True)
        return Resolved(ref.isoformat() + t, "time" if ":" in t else "part_of_day", "time", ref, ref, mod, True)
    if re.fullmatch(r"SP|SU|FA|WI", timex) and ref is not None:
        # a season without a year: this year's, or last year's when the sentence looks back at one not yet begun
        first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[timex]
        year = ref.year - 1 if tense == "past" and first > ref.month else ref.year
        return Resolved(f"{year}-{timex}", "month", "date", mod=mod, relative=True)
    value = _fill_timex(timex, start)
    if value is None:
        return None
    gran = _timex_granularity(value)
    if re.search(r"\bago\b", low) and gran == "day":
        unit = re.search(r"(month|year|decade)s?\s+ago", low)
        if unit and start:
            value = f"{start.year}-{start.month:02d}" if unit.group(1) == "month" else str(start.year)
            gran = "month" if unit.group(1) == "month" else "year"
    if "T" in value:
        gran = "part_of_day" if re.search(r"T[A-Z]{2}$", value) else "time"
        kind_out: Literal["date", "time"] = "time" if gran == "time" else "date"
        return Resolved(value, gran, kind_out, start, end, mod, relative)
    return Resolved(value, gran, "date", start, end, mod, relative)


_MOD_NAMES = {"start": "start", "end": "end", "mid": "mid", "before": "before", "after": "after", "since": "after",
              "until": "before", "approx": "approx", "more": "more than", "less": "less than"}


def _looks_relative(low: str) -> bool:
    return bool(re.search(r"\b(ago|last|next|this|today|yesterday|tomorrow|recent|past|coming|now|earlier|later)\b",
                          low)) or not re.search(r"\d{4}", low)


def _fmt_time(t: str) -> str:
    m = re.fullmatch(r"T(\d\d)(?::(\d\d))?(?::(\d\d))?", t)
    if m:
        return f"T{m.group(1)}:{m.group(2) or '00'}"
    return t


def _fill_timex(timex: str, start: dt.date | None) -> str | None:
    """Replace the underspecified parts of a TIMEX value with the chosen reading ("XXXX-03" -> "2022-03")."""
    if not timex:
        return start.isoformat() if start else None
    m = re.match(r"XXXX-WXX-(\d)(T.*)?$", timex)
    if m:
        return (start.isoformat() if start else timex[:10]) + _fmt_time(m.group(2) or "") if start else timex
    m = re.match(r"XXXX-(\d\d)-(\d\d)(T.*)?$", timex)
    if m:
        return (start.isoformat() + _fmt_time(m.group(3) or "")) if start else timex
    if timex.startswith("XXXX"):
        return (str(start.year) + timex[4:]) if start else timex
    m = re.match(r"(\d{4}-\d\d-\d\d)(T.*)?$", timex)
    if m:
        return m.group(1) + _fmt_time(m.group(2) or "")
    return timex


def _timex_granularity(value: str) -> Granularity:
    if re.search(r"T\d", value):
        return "time"
    if re.search(r"T[A-Z]{2}$", value):
        return "part_of_day"
    if re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}|XXXX-WXX-\d", value):
        return "day"
    if re.fullmatch(r"[\dX]{4}-W[\dX]{2}(-WE)?", value):
        return "week"
    if re.fullmatch(r"[\dX]{4}-(\d\d|Q\d|H\d|SP|SU|FA|WI)", value):
        return "month"
    return "year"


# ---------------------------------------------------------------------------------------------------------------
# Quotes: deictic words inside a quotation are said on the day of the speech, not the day of the report


def _speech_date(text: str, start: int, found: list[TimeExpr]) -> dt.date | None:
    """The date of the speech a quotation was given in, when the lead-in names one ("late on November 10,
    Zelenskiy said: "Today ..."). None outside quotes or when the lead-in has no day-level date."""
    para_start = text.rfind("\n", 0, start) + 1
    before = text[para_start:start]
    inside = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    if not inside:
        return None
    q = max(before.rfind("“"), before.rfind('"')) + para_start
    for t in reversed(found):
        if para_start <= t.span.start < q and t.granularity in ("day", "part_of_day", "time") and t.start \
                and not t.value.endswith("_REF"):
            return t.start
    return None

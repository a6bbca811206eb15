"""Publication dates for undated articles, inferred from their own content and from the story's dated articles.

How a date is inferred (each step says why):

1. The undated article's time expressions are found without a reference date: absolute dates resolve,
   weekdays stay underspecified ("XXXX-WXX-4").
2. Each candidate day P in a window around the story's dated articles (or after the latest absolute date the
   article reports) is checked against hard constraints a news reader applies:
   - a full date reported in the past tense happened on or before P;
   - a night reported in the past ("on Thursday night there were indications") is over, so P is a later day;
   - "yesterday (Wednesday)" outside quotes fixes P to the day after; inside a quote, P is no earlier;
   - a weekday in a report is within the week before P (news style), which fixes which Thursday it is.
3. Agreement with dated articles: when a weekday expression governs the same event word ("address",
   "announced") as a day-level date in a dated article, with a person or place in common, that weekday must be
   that date (the strongest evidence). Softer: days the article's weekdays resolve to that dated articles also
   mention.
4. Precision first (a wrong date is worse than none): a date is given only when the hard constraints leave one
   day, or when every dated article that agrees (step 3) came out on one same day and that day is the earliest
   the constraints allow.
   Weekdays alone only say "within the week after", and the earliest such day is right about half the time
   (same-day vs next-day reports), so otherwise no day is given and the story says why.
5. Bounds: when no day is pinned but the constraints, within a story that has dated articles, leave a week or
   less ("the GDP report released Thursday" among articles of one week), ``published_inferred`` gives that
   range (earliest, latest; method "bounds") with its evidence and no single day; relative times are then not
   resolved against it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..model import ArticleFacts, InferredDate, Span, Story, TimeExpr
from ..settings import settings_of
from ..timex import weekday_value
from ..lexicon.speech import EVENTLESS_REPORTING as _REPORTING
from ..lexicon.calendar import WEEKDAY_RE
from ..extract.parsed import entities_within
from ..extract.times import find_times, governing_tense

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Mapping

    from spacy.tokens import Doc

    from ..nlp.models import Models

_TIME_WORDS = {"morning", "afternoon", "evening", "night", "day", "week", "month", "year", "today", "yesterday",
               "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "late",
               "early", "video", "nightly", "daily", "weekly"}
_NEAR = 6  # tokens either side of an expression that may name its event


@dataclass(frozen=True, slots=True)
class _Mention:
    """One weekday or dated expression, with the event word it governs and the names around it."""

    expr: TimeExpr
    head: str | None  # lemma of the event word the expression attaches to ("address", "announce")
    names: frozenset[str]  # folded person and organisation names of the sentence
    words: frozenset[str]  # event words near the expression (nouns, verbs; no reporting verbs)
    past: bool
    quoted: bool
    future: bool = False


def infer_publication_dates(story: Story, models: "Models", docs: Mapping[int, "Doc"] | None = None) -> Story:
    """Infer ``published_inferred`` for undated articles and re-resolve their relative times from it.

    ``docs`` are the articles' parses kept from extraction (the date changes nothing in a parse); an article
    without one is parsed here.
    """
    from ..extract.sentences import parse_article

    undated = [i for i, f in enumerate(story.facts) if f.article.published is None and f.article.published_inferred is None]
    if not undated:
        return story
    facts = list(story.facts)
    problems = list(story.problems)
    dated_mentions: list[tuple[int, _Mention]] = []
    for f in story.facts:
        if f.article.published is not None:
            dated_mentions.extend((f.article.id, m) for m in _dated_mentions(f, models, (docs or {}).get(f.article.id)))
    dated_days = [f.article.published for f in story.facts if f.article.published is not None]
    published_of = {f.article.id: f.article.published for f in story.facts if f.article.published is not None}
    for i in undated:
        f = facts[i]
        doc = docs[f.article.id] if docs and f.article.id in docs else parse_article(f.article, models)[1]
        own = f.times  # extraction resolved them with no reference date: only absolute ones carry a value
        inferred, why_not = time_stamp(f), ""
        if inferred is None:
            inferred, why_not = infer_date(f.article.id, own, doc, dated_days, dated_mentions, published_of,
                                           window_days=settings_of(models).pubdate_window_days)
        if inferred is None or inferred.value is None:
            problems.append(f"article {f.article.id}: left undated ({why_not})")
            if inferred is not None:  # a range only: kept as such, nothing resolved against it
                facts[i] = replace(f, article=replace(f.article, published_inferred=inferred))
            continue
        article = replace(f.article, published_inferred=inferred)
        times = find_times(replace(f, article=article, times=()), doc, models).times
        facts[i] = replace(f, article=article, times=times)
    return replace(story.with_facts(facts), problems=tuple(problems))


# what stamps a page's own time: a clock time on the date's line ("Nov 12, 2011, 05.51AM IST", "7:21 AM",
# "09:11 GMT"), or a posting word before the date ("Posted", "Updated:", "Published", "Last Updated")
_STAMP_CLOCK = re.compile(r"\b\d{1,2}[:.]\d\d(?![\d.,])")
_STAMP_WORD = re.compile(r"\b(?:posted|updated|published|last\s+updated|first\s+published)\b", re.I)
_WEEKDAY_WORD = re.compile(rf"\b{WEEKDAY_RE}\b|\b(?:mon|tue|wed|thu|fri|sat|sun)\b", re.I)


def time_stamp(facts: ArticleFacts) -> InferredDate | None:
    """The page's own time stamp, when its header lines carry one: a full date on a line before the first story
    sentence (or on the first line) with a clock time on that line, a posting word before it ("Updated: November
    11, 2011 20:09 IST"), or nothing else on the line ("Friday, November 11, 2011"). That is the day the report was
    published (or last updated), which its weekdays count from: the earliest such stamp. None without one."""
    text = facts.article.text
    story = facts.story_sentences()
    header_end = story[0].span.start if story else len(text)
    first_line_end = text.find("\n")
    header_end = max(header_end, first_line_end if first_line_end >= 0 else len(text))
    lead_end = story[0].span.end if story else header_end
    found: list[TimeExpr] = []
    for t in facts.times:
        if t.span.start >= lead_end or t.kind not in ("date", "time") or t.anchored != "absolute" or t.start is None \
                or t.granularity not in ("day", "part_of_day", "time"):
            continue
        line_start = text.rfind("\n", 0, t.span.start) + 1
        line_end = text.find("\n", t.span.end)
        line_end = len(text) if line_end < 0 else line_end
        before, after = text[line_start:t.span.start], text[t.span.end:line_end]
        clock = t.granularity == "time" or bool(_STAMP_CLOCK.search(after[:40]))
        if t.span.start >= header_end:  # inside the lead: only a dateline opening it ("TNN Nov 12, 2011, 05.51AM")
            if clock and len(before.split()) <= 2:
                found.append(t)
            continue
        alone = not re.search(r"[^\W\d_]", _WEEKDAY_WORD.sub("", before + after))
        if clock or _STAMP_WORD.search(before) or alone:
            found.append(t)
    if not found:
        return None
    stamp = min(found, key=lambda t: (t.start, t.span.start))
    day = stamp.start
    return InferredDate(value=day, method="time-stamp",
                        reason=f"its header stamps it {day.isoformat()} (\"{stamp.span.text(facts.article)}\")",
                        evidence=(stamp.span,), earliest=day, latest=day)


def infer_date(article_id: int, times: tuple[TimeExpr, ...], doc: "Doc", dated_days: list[dt.date],
               dated_mentions: list[tuple[int, _Mention]],
               published_of: dict[int, dt.date] | None = None, *,
               window_days: int) -> tuple[InferredDate | None, str]:
    """The publication date one article's content pins down, or None with the reason.

    ``published_of`` maps the dated articles' ids to their publication days; ``window_days`` is how far from
    the dated articles' days the inferred one may lie (setting ``pubdate_window_days``).
    """
    text = doc.text
    mine = _mentions(times, doc, text)
    weekdays = [m for m in mine if weekday_value(m.expr.value) is not None and m.past]
    absolute = [m for m in mine if _full_date(m, text) and m.past]
    # A full date told as still to come ("will rule on Jan. 14") bounds the report from above.
    ahead = [m for m in mine if _full_date(m, text) and m.future and not m.quoted]
    # "today" / "yesterday" in the article's own voice: relative to the publication day itself
    deictic = [m for m in mine if not m.quoted and _deictic_offset(m, text) is not None]
    if not weekdays and not absolute and not deictic:
        return None, "it names no date and no weekday to infer one from"
    latest_abs = max((m.expr.start for m in absolute), default=None)  # type: ignore[type-var]
    if dated_days:
        lo = min(dated_days) - dt.timedelta(days=window_days)
        hi = max(dated_days) + dt.timedelta(days=window_days)
        if latest_abs:
            lo = max(lo, latest_abs)
        if ahead:
            hi = min(hi, min(m.expr.start for m in ahead))  # type: ignore[type-var]
    elif latest_abs:
        lo, hi = latest_abs, latest_abs + dt.timedelta(days=6)
    else:
        return None, "it names weekdays only, and no dated article of the story anchors their week"
    if lo > hi:
        return None, "its dates lie outside the days of the story's dated articles"

    # Agreement: a weekday governing the same event word as a dated expression elsewhere, with a name in common
    agreements: list[tuple[_Mention, int, _Mention]] = []
    for m in weekdays:
        wd = weekday_value(m.expr.value)[0]  # type: ignore[index]
        for aid, d in dated_mentions:
            if d.expr.start is None or d.expr.start.weekday() != wd or d.expr.granularity not in ("day", "part_of_day"):
                continue
            if m.words & d.words and m.names & d.names:
                agreements.append((m, aid, d))
    # "today" pins the day exactly, so it needs the stronger match: the same event word, and a name in common
    for m in deictic:
        for aid, d in dated_mentions:
            if d.expr.start is not None and d.expr.granularity in ("day", "part_of_day") and m.head is not None \
                    and m.head == d.head and m.names & d.names:
                agreements.append((m, aid, d))

    consistent = []
    day = lo
    while day <= hi:
        if _consistent(day, weekdays, absolute, text):
            consistent.append(day)
        day += dt.timedelta(days=1)
    if not consistent:
        return None, "its date references contradict each other"
    if len(consistent) == 1:  # the content alone pins the day ("yesterday (Wednesday)")
        value = consistent[0]
    else:
        value, why_not = _agreed_day(consistent, agreements, published_of or {}, text)
        if value is None:
            return _bounds(_anchored_days(consistent, agreements, text), weekdays, absolute, ahead, bool(dated_days),
                           text), why_not
    used = [(m, aid, d) for m, aid, d in agreements if _date_on(value, m, text) == d.expr.start]
    method = "agreement-with-dated-articles" if used else ("weekday" if weekdays else "absolute-date")
    evidence = [m.expr.span for m in weekdays] + [m.expr.span for m in absolute]
    evidence += [d.expr.span for _, _, d in used] + [m.expr.span for m, _, _ in used]
    reason = _reason(value, weekdays, absolute, used, text, doc)
    return InferredDate(value=value, method=method, reason=reason, evidence=tuple(sorted(set(evidence))),
                        earliest=value, latest=value), ""


def _anchored_days(consistent: list[dt.date], agreements: list[tuple[_Mention, int, _Mention]],
                   text: str) -> list[dt.date]:
    """The allowed days on which the agreements with dated articles hold best (all of them without any)."""
    def score(day: dt.date) -> int:
        return sum(1 if _date_on(day, m, text) == d.expr.start else -1 for m, _, d in agreements)

    best = max((score(d) for d in consistent), default=0)
    return [d for d in consistent if score(d) == best] if agreements and best > 0 else consistent


_MAX_BOUNDS_DAYS = 7  # a range wider than a week says too little to show


def _bounds(consistent: list[dt.date], weekdays: list[_Mention], absolute: list[_Mention], ahead: list[_Mention],
            anchored: bool, text: str) -> InferredDate | None:
    """The range of days the content allows, when a story's dated articles anchor it and it is a week or less."""
    if not anchored or not consistent or (consistent[-1] - consistent[0]).days + 1 > _MAX_BOUNDS_DAYS:
        return None
    lo, hi = consistent[0], consistent[-1]
    parts = []
    if weekdays:
        names = sorted({text[m.expr.span.start:m.expr.span.end] for m in weekdays})
        parts.append("it reports " + ", ".join(f"“{n}”" for n in names) + " as past, within the week before")
    if absolute:
        latest = max(absolute, key=lambda m: m.expr.start)  # type: ignore[arg-type,return-value]
        parts.append(f"the latest date it reports is {latest.expr.start.isoformat()}")  # type: ignore[union-attr]
    if ahead:
        parts.append(f"it tells of {min(m.expr.start for m in ahead).isoformat()} as still to come")  # type: ignore[type-var]
    reason = (f"Published between {lo.strftime('%A')} {lo.isoformat()} and {hi.strftime('%A')} {hi.isoformat()}, "
              "no single day: " + "; ".join(parts or ["the story's dated articles bound it"]) + ".")
    evidence = [m.expr.span for m in weekdays + absolute + ahead]
    return InferredDate(value=None, method="bounds", reason=reason, evidence=tuple(sorted(set(evidence))),
                        earliest=lo, latest=hi)


def _agreed_day(consistent: list[dt.date], agreements: list[tuple[_Mention, int, "_Mention"]],
                published_of: dict[int, dt.date], text: str) -> tuple[dt.date | None, str]:
    """The one day, among several the content allows, that the dated articles telling the same events fix.

    Why so strict: weekdays only say "within the week after"; the earliest such day is right about half the time
    on real wire stories (same-day vs next-day reports), and a wrong date is worse than none. The week must be
    anchored by agreement (a weekday dating the same event as a dated article), and two weak signals must name
    the same day: every dated article that agrees came out on that day (one news cycle), and it is the earliest
    day the content allows (a report comes out soon after the latest event it tells of). A wire report from
    another time zone, a re-dated copy, or a commentary days later then stays undated.
    """
    span = f"from {consistent[0].isoformat()} to {consistent[-1].isoformat()}"

    def score(day: dt.date) -> int:
        return sum(1 if _date_on(day, m, text) == d.expr.start else -1 for m, _, d in agreements)

    best = max((score(d) for d in consistent), default=0)
    if not agreements or best <= 0:
        return None, f"its date references fit every day {span}, and no dated article anchors them"
    anchored = [d for d in consistent if score(d) == best]
    if len(anchored) == 1:  # the agreement fixes the week, the content the day ("yesterday (Wednesday)")
        return anchored[0], ""
    agreeing = {aid for d in anchored for m, aid, x in agreements if _date_on(d, m, text) == x.expr.start}
    days = {published_of.get(aid) for aid in agreeing}
    if len(days) != 1 or None in days or next(iter(days)) != anchored[0]:
        return None, (f"its date references fit every day {span}; the dated articles that tell the same events "
                      "do not fix one of them")
    return next(iter(days)), ""  # type: ignore[return-value]


def _consistent(day: dt.date, weekdays: list[_Mention], absolute: list[_Mention], text: str) -> bool:
    for m in absolute:
        if m.expr.start and m.expr.start > day:
            return False
    for m in weekdays:
        when = _weekday_on(day, m)
        part = weekday_value(m.expr.value)[1]  # type: ignore[index]
        if part == "NI" and when >= day:
            return False  # a night told in the past is over: the report is from a later day
        word = _deictic_before(text, m.expr.span.start)
        if word == "yesterday":
            if not m.quoted and when + dt.timedelta(days=1) != day:
                return False
            if m.quoted and when + dt.timedelta(days=1) > day:
                return False
        if word == "today" and not m.quoted and when != day:
            return False
    return True


_DEICTIC = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
            "yesterday": -1, "last night": -1}
_YEAR = re.compile(r"\b\d{4}\b|['’]\d{2}\b")


def _full_date(m: _Mention, text: str) -> bool:
    """A day-level date whose own words state its year ("November 9, 2022").

    Why the words: read with no reference date, the time stage may still give "today" or "the day" a value (a
    default year) and call it absolute; only a stated year makes a date independent of the publication day.
    """
    return (m.expr.granularity in ("day", "part_of_day", "time") and m.expr.start is not None
            and bool(_YEAR.search(text[m.expr.span.start:m.expr.span.end])))


def _deictic_offset(m: _Mention, text: str) -> int | None:
    return _DEICTIC.get(" ".join(text[m.expr.span.start:m.expr.span.end].casefold().split()))


def _date_on(day: dt.date, m: _Mention, text: str) -> dt.date:
    """The date a mention names in a report published on ``day``: "today" that day, else a past weekday."""
    offset = _deictic_offset(m, text)
    if offset is not None and weekday_value(m.expr.value) is None:
        return day + dt.timedelta(days=offset)
    return _weekday_on(day, m)


def _weekday_on(day: dt.date, m: _Mention) -> dt.date:
    """The date a past-tense weekday mention names in a report published on ``day`` (the last one, or today)."""
    wd = weekday_value(m.expr.value)[0]  # type: ignore[index]
    return day - dt.timedelta(days=(day.weekday() - wd) % 7)


def _deictic_before(text: str, start: int) -> str | None:
    """ "yesterday (Wednesday)": the deictic word a parenthesised weekday explains."""
    m = re.search(r"\b(yesterday|today|tomorrow)\s*\(\s*$", text[max(0, start - 14):start], re.I)
    return m.group(1).lower() if m else None


def _dated_mentions(facts: ArticleFacts, models: "Models", doc: "Doc | None" = None) -> list[_Mention]:
    """Day-level dates of a dated article, read in its parse from extraction (``doc``), else each in a parse of
    its own sentence only (cheaper than parsing the whole article again)."""
    text = facts.article.text
    found: list[tuple[TimeExpr, Span]] = []
    for t in facts.times:
        if t.granularity not in ("day", "part_of_day") or t.start is None or t.anchored == "none":
            continue
        sent = next((x.span for x in facts.sentences if x.span.start <= t.span.start < x.span.end), None)
        if sent is not None:
            found.append((t, sent))
    if doc is not None:
        return _mentions(tuple(t for t, _ in found), doc, text)
    docs = models.parse_texts([text[sent.start:sent.end] for _, sent in found])
    out: list[_Mention] = []
    for (t, sent), doc in zip(found, docs):
        out.extend(_mentions((t,), doc, text, offset=sent.start))
    return out


def _mentions(times: tuple[TimeExpr, ...], doc: "Doc", text: str, *, offset: int = 0) -> list[_Mention]:
    """Mentions of ``times`` read in ``doc``, a parse of ``text`` from character ``offset`` on."""
    out = []
    for t in times:
        span = doc.char_span(t.span.start - offset, t.span.end - offset, alignment_mode="expand")
        if span is None or not len(span):
            continue
        sent = span.sent
        names = frozenset(_fold(e.text) for e in entities_within(doc, sent.start, sent.end)
                          if e.label_ in ("PERSON", "ORG"))
        lo, hi = max(sent.start, span.start - _NEAR), min(sent.end, span.end + _NEAR)
        words = frozenset(tok.lemma_.lower() for tok in doc[lo:hi] if tok.pos_ in ("NOUN", "VERB")
                          and not tok.ent_type_ and tok.lemma_.lower() not in _TIME_WORDS | _REPORTING)
        head = _event_head(span)
        tense = governing_tense(doc, t.span.start - offset, t.span.end - offset)
        out.append(_Mention(t, head, names, words | ({head} - {None} - _REPORTING),  # type: ignore[operator]
                            tense == "past", _quoted(text, t.span.start), tense == "future"))
    return out


def _event_head(span) -> str | None:  # noqa: ANN001 - a spaCy Span
    """The word the time expression dates: up the head chain, past prepositions and time words."""
    tok = span.root
    for _ in range(5):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("NOUN", "VERB", "PROPN") and tok.lemma_.lower() not in _TIME_WORDS and not (
                span.start <= tok.i < span.end):
            return tok.lemma_.lower()
    return None


def _fold(name: str) -> str:
    """A spelling-tolerant key for a name: its last word, without possessive, cut to 6 letters
    (Zelensky / Zelenskyy / Zelenskiy meet; Mykolaiv / Mykolayiv too)."""
    words = re.sub(r"['’]s$", "", name.strip()).split()
    return words[-1].lower()[:6] if words else ""


def _quoted(text: str, start: int) -> bool:
    para = text[text.rfind("\n", 0, start) + 1:start]
    return para.count("“") > para.count("”") or para.count('"') % 2 == 1


def _reason(value: dt.date, weekdays: list[_Mention], absolute: list[_Mention],
            used: list[tuple[_Mention, int, _Mention]], text: str, doc: "Doc") -> str:
    parts = []
    if used:
        m, aid, d = used[0]
        shared = ", ".join(sorted(m.words & d.words))
        parts.append(f"its “{text[m.expr.span.start:m.expr.span.end]}” {shared} is the one article {aid} dates "
                     f"to {d.expr.start.isoformat()}")  # type: ignore[union-attr]
    nights = [m for m in weekdays if m.expr.value.endswith("TNI")]
    if nights:
        parts.append(f"it tells of “{text[nights[0].expr.span.start:nights[0].expr.span.end]}” as past")
    if absolute:
        latest = max(absolute, key=lambda m: m.expr.start)  # type: ignore[arg-type,return-value]
        parts.append(f"the latest date it reports is {latest.expr.start.isoformat()}")  # type: ignore[union-attr]
    if used:
        parts.append(f"every dated article that tells the same events came out on {value.isoformat()}, a day its "
                     "content allows")
    elif weekdays:
        names = sorted({text[m.expr.span.start:m.expr.span.end] for m in weekdays})
        parts.append("its weekdays (" + ", ".join(names) + ") allow no other day")
    day_name = value.strftime("%A")
    return f"Published {day_name} {value.isoformat()}: " + "; ".join(parts) + "."

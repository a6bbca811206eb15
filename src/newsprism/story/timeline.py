"""The story's timeline: dated events on their resolved dates, merged across sources.

An event is the story sentence that holds a resolved date-type time expression (durations, sets and
unresolved references such as "recent weeks" are not events); the sentence's own words describe it. Steps:

1. collect (date, sentence) candidates from every article, skipping non-story sentences and dates said inside
   a direct quote (a speaker's "today" or "yesterday" is relative to when they spoke, not to the article);
2. merge candidates of the same date whose sentences say the same thing (MiniLM or token similarity), across
   sources, into one entry with every source's sentence as evidence;
3. label the date honestly at its own granularity ("early March 2022", "10 Nov 2022, evening", "2014");
4. mark background history: events that end well before the story's days (the publication days and the week
   before them, when the reported events usually happen);
5. flag entries whose date rests only on an inferred publication date, and link temporal divergences whose
   evidence is one of the entry's sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from ..model import ArticleFacts, Divergence, Granularity, Span, Story, TimeExpr, TimelineEntry
from ..lexicon.speech import EVENTLESS_REPORTING
from ..timex import GRANULARITY_ORDER as _FINE, PART_ORDER as _PART_ORDER, date_label, time_part as _time_part
from ..timex import value_bounds
from ..nlp.similarity import similarity_matrix
from ..settings import settings_of

# Thresholds come from the settings (story_lead_days, same_event_minilm, same_event_tokens). Why a week of lead:
# news reports describe what happened over the last few days before publication; anything ending more than a week
# before the first report is history the story recalls. Why a high same-event cosine: sentences of one story
# about different events of the same day reach ~0.7 MiniLM cosine; a wrong merge hides an event.



@dataclass(frozen=True, slots=True)
class _Candidate:
    time: TimeExpr
    sentence: Span
    text: str


# ---------------------------------------------------------------------------------------------------------------
# Dates and labels


def _sort_key(value: str, start: dt.date | None, granularity: str) -> tuple:
    t = _time_part(value) or ""
    if t in _PART_ORDER:
        within = _PART_ORDER[t] * 60 * 4
    elif t:
        hh, _, mm = t.partition(":")
        within = int(hh) * 60 + int(mm or 0)
    else:
        within = -1
    return (start or dt.date.min, within, _FINE.get(granularity, 0))


# ---------------------------------------------------------------------------------------------------------------
# Candidates


def _sentence_of(facts: ArticleFacts, span: Span) -> Span | None:
    for s in facts.sentences:
        if s.span.covers(span) or s.span.overlaps(span):
            return s.span if s.kind == "story" else None
    return None


def _in_direct_quote(facts: ArticleFacts, span: Span) -> bool:
    for q in facts.quotes:
        if q.direct and any(p.covers(span) for p in (q.parts or (q.span,))):
            return True
    return inside_quotation_marks(facts.article.text, span.start)


def inside_quotation_marks(text: str, start: int) -> bool:
    """Whether ``start`` lies inside quotation marks opened earlier in its paragraph, in any common style
    (curly, straight, or the ``…'' of wire copy). Why: the quote stage may miss a quote (a style it does not
    know, no speaker), and a date said inside one is relative to when it was said, not to the article."""
    para = text[text.rfind("\n", 0, start) + 1:start]
    if para.count("``") > para.count("''"):
        return True
    para = para.replace("``", "").replace("''", "")
    return para.count("“") > para.count("”") or para.count('"') % 2 == 1


_CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "acl", "conj", "parataxis"}
_CLOSING = {")", "]", "\"", "”", "’"}  # punctuation that closes what the clause opened


def _clause_of(sentence: Span, time: TimeExpr, text: str, doc: Any) -> Span | None:
    """The embedded clause that holds ``time``, when it is not the sentence's main clause, else None.

    Why: in "Wednesday, Russia announced it would withdraw from Kherson, the only capital Moscow has conquered
    since invading Ukraine in February", February dates the relative clause, not the announcement. The clause
    is the subtree of the nearest verb above the date that heads a clause with its own subject. ``doc`` is the
    parse of ``text`` (the sentence) on its own.
    """
    rel_start, rel_end = time.span.start - sentence.start, time.span.end - sentence.start
    tokens = [t for t in doc if t.idx < rel_end and t.idx + len(t) > rel_start]
    if not tokens:
        return None
    node = min(tokens, key=lambda t: len(list(t.ancestors)))
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.dep_ in _CLAUSE_DEPS and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
            # a relative clause says nothing alone ("who died last year"): it is shown with the noun phrase it
            # describes, the one just before it ("Elizabeth and Philip, who died": Philip)
            left = _antecedent(doc, node) if node.dep_ == "relcl" else node.left_edge
            right = node.right_edge
            while right.i > node.i and (right.dep_ in ("cc", "punct") and right.text not in _CLOSING):
                right = right.nbor(-1)  # "… at the queen's wedding in 1947 and": no dangling conjunction
            start, end = sentence.start + left.idx, sentence.start + right.idx + len(right)
            if end - start < len(text) * 0.9:
                return Span(sentence.article_id, start, end)
            return None
    return None


def _antecedent(doc: Any, relcl: Any) -> Any:
    """The first token of the noun phrase a relative clause describes: the chunk that ends just before it."""
    i = relcl.left_edge.i - 1
    while i >= 0 and doc[i].is_punct:
        i -= 1
    chunk = next((c for c in doc.noun_chunks if c.start <= i < c.end), None) if i >= 0 else None
    return doc[chunk.start] if chunk is not None else relcl.head.left_edge


def _trim_shared_sentences(cands: list[_Candidate], story: Story, models: Any) -> list[_Candidate]:
    """Where one sentence dates several events, describe each by its own clause when the parse shows one."""
    by_sentence: dict[Span, set[str]] = {}
    for c in cands:
        by_sentence.setdefault(c.sentence, set()).add(c.time.value)
    shared = {s for s, values in by_sentence.items() if len(values) > 1}
    if not shared:
        return cands
    try:
        models.nlp
    except Exception:  # noqa: BLE001 - without a parser the whole sentence stays the description
        return cands
    docs = iter(models.parse_texts([c.text for c in cands if c.sentence in shared]))
    out = []
    for c in cands:
        clause = _clause_of(c.sentence, c.time, c.text, next(docs)) if c.sentence in shared else None
        if clause is not None:
            article = story.article(clause.article_id)
            c = _Candidate(c.time, clause, clause.text(article))
        out.append(c)
    return out


_DAY_WORDS = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                        r"[a-z]*\.?\s*\d|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{4}|"
                        r"\b(today|tonight|yesterday|tomorrow)\b", re.I)
# A sentence that states a routine ("airs weekdays from 6 a.m.", "every morning at 8"): its clock times are a
# schedule, not an event of the story.
_ROUTINE = re.compile(r"\b(every|each)\s+(day|night|morning|afternoon|evening|week|weekday|weekend|month|year|"
                      r"(mon|tues|wednes|thurs|fri|satur|sun)day)\b|\b(daily|nightly|weekdays|weekends|"
                      r"(mon|tues|wednes|thurs|fri|satur|sun)days)\b", re.I)
# "10 days before the murder", "two hours after the blast": the sentence's day is counted from another event.
_OFFSET = re.compile(r"\b(minutes?|hours?|days?|weeks?|months?|years?)\s+(before|after|earlier|later|prior)\b", re.I)


def _bare_clock(t: TimeExpr, text: str) -> bool:
    """A clock time that names no day of its own ("at 6 a.m."): its day came from the reference date."""
    return t.granularity == "time" and not _DAY_WORDS.search(text)


def _place_clock(t: TimeExpr, sentence_text: str, days: set[str]) -> TimeExpr | None:
    """A bare clock time on the day its sentence names, None when its day is unknown, else unchanged.

    Why: the time stage puts a bare "at 10:35 a.m." on the publication day, but in "the blast occurred at about
    10:35 a.m. Friday" it is Friday's; in "at 6 a.m. ... 10 days before the murder" no day is known.
    """
    if _ROUTINE.search(sentence_text) or _OFFSET.search(sentence_text):
        return None
    own_day = t.value.split("T")[0]
    others = days - {own_day}
    if len(days) == 1 and others:
        day = next(iter(others))
        d = dt.date.fromisoformat(day)
        return replace(t, value=f"{day}T{t.value.split('T')[1]}", start=d, end=d)
    if others:  # several other days: which one it belongs to is not known
        return None
    return t


def _candidates(story: Story) -> list[_Candidate]:
    out: list[_Candidate] = []
    for facts in story.facts:
        own = _own_candidates(facts)
        days_of: dict[Span, set[str]] = {}
        for t, sentence in own:
            if t.granularity in ("day", "part_of_day"):
                days_of.setdefault(sentence, set()).add(t.value[:10])
        for t, sentence in own:
            text = sentence.text(facts.article)
            if _bare_clock(t, t.span.text(facts.article)):
                placed = _place_clock(t, text, days_of.get(sentence, set()))
                if placed is None:
                    continue
                t = placed
            out.append(_Candidate(t, sentence, text))
    return out


def _own_candidates(facts: ArticleFacts) -> list[tuple[TimeExpr, Span]]:
    """Dated expressions of one article with their story sentence, minus those said inside quotes."""
    out: list[tuple[TimeExpr, Span]] = []
    for t in facts.times:
        if t.kind not in ("date", "time") or t.granularity in ("duration", "set") or t.anchored == "none":
            continue
        if value_bounds(t.value) is None:  # PAST_REF, PRESENT_REF, seasons...: no date to place
            continue
        if _in_direct_quote(facts, t.span):
            continue
        sentence = _sentence_of(facts, t.span)
        if sentence is None or _only_the_date(facts.article.text, sentence, t.span):
            continue
        out.append((t, sentence))
    return out


def _only_the_date(text: str, sentence: Span, date: Span) -> bool:
    """The sentence is the date and nothing else ("June 26, 2005", "(March 20, 2007)"): a dateline or a page's
    time stamp, which dates the report, not an event of the story."""
    rest = text[sentence.start:date.start] + text[date.end:sentence.end]
    return not re.search(r"[^\W\d_]", rest)


# ---------------------------------------------------------------------------------------------------------------
# Merging


def _compatible(a: TimeExpr, b: TimeExpr) -> bool:
    """Same date, or the same single day where one is finer ("10 Nov" and "10 Nov, evening")."""
    if a.value == b.value:
        return True
    ba, bb = value_bounds(a.value), value_bounds(b.value)
    if not ba or not bb or ba != bb or ba[0] != ba[1]:
        return False
    ta, tb = _time_part(a.value), _time_part(b.value)
    return ta is None or tb is None


def _day_buckets(cands: list[_Candidate]) -> list[list[int]]:
    """The candidates' indices by what their dates must share to be compatible (``_compatible``): the one day a
    date lies in, else its value. Ascending within each bucket."""
    buckets: dict[object, list[int]] = defaultdict(list)
    for k, c in enumerate(cands):
        bounds = value_bounds(c.time.value)
        buckets[bounds if bounds and bounds[0] == bounds[1] else ("value", c.time.value)].append(k)
    return list(buckets.values())


# Words a date can attach to that name no particular event: "said Monday", "took place on Friday".
_LIGHT_HEADS = EVENTLESS_REPORTING | {"be", "have", "do", "make", "take", "get", "go", "come", "give", "happen", "occur",
                                    "begin", "start", "continue", "ask", "expect", "need", "time", "day", "week",
                                    "month", "year", "night", "morning", "evening", "afternoon", "event", "news",
                                    "video", "statement"}


def _event_heads(cands: list[_Candidate], models: Any) -> list[str | None]:
    """The event word each date is attached to ("Monday's debate" -> debate; "charged Thursday" -> charge).

    Why: sources describe one event in sentences too different for any similarity threshold ("Monday's debate
    might not move mountains", "Instant polls showed Clinton was the winner of Monday's debate"); the same
    date attached to the same event word is the same event. Light verbs and reporting verbs name none.
    """
    try:
        models.nlp
    except Exception:  # noqa: BLE001 - without a parser only sentence similarity merges
        return [None] * len(cands)
    docs = models.parse_texts([c.text for c in cands])
    heads: list[str | None] = []
    for c, doc in zip(cands, docs):
        rel = (c.time.span.start - c.sentence.start, c.time.span.end - c.sentence.start)
        span = doc.char_span(rel[0], rel[1], alignment_mode="expand") if rel[0] >= 0 else None
        head = None
        if span is not None and len(span):
            tok = span.root
            for _ in range(4):
                if tok.head is tok:
                    break
                tok = tok.head
                if span.start <= tok.i < span.end or tok.pos_ == "ADP":
                    continue
                if tok.pos_ in ("NOUN", "VERB"):
                    lemma = tok.lemma_.lower()
                    head = None if lemma in _LIGHT_HEADS else lemma
                break
        heads.append(head)
    return heads


def _groups(cands: list[_Candidate], models: Any) -> list[list[_Candidate]]:
    """Complete-link grouping: every pair in a group has a compatible date and a similar sentence or the same
    event word (``_event_heads``).

    Pairs are merged from the most similar down; complete link (not single link) so that a chain of loosely
    related sentences of the same day never collapses into one event.
    """
    sim, method = similarity_matrix([c.text for c in cands], models)
    s = settings_of(models)
    threshold = s.same_event_minilm if method == "minilm" else s.same_event_tokens
    # An event word decides only pairs of compatible dates that neither share a sentence nor are similar enough:
    # only their candidates are parsed (a standalone parse each).
    # only dates of one bucket can be compatible: the pairs are read bucket by bucket, not all against all
    same_day = [(i, j) for idx in _day_buckets(cands) for x, i in enumerate(idx) for j in idx[x + 1:]
                if _compatible(cands[i].time, cands[j].time)]
    undecided = sorted({k for i, j in same_day if cands[i].sentence != cands[j].sentence and sim[i, j] < threshold
                        for k in (i, j)})
    heads: list[str | None] = [None] * len(cands)
    if models is not None and undecided:
        for k, head in zip(undecided, _event_heads([cands[k] for k in undecided], models)):
            heads[k] = head

    def linked(i: int, j: int) -> bool:
        a, b = cands[i], cands[j]
        return _compatible(a.time, b.time) and (a.sentence == b.sentence or sim[i, j] >= threshold
                                                or (heads[i] is not None and heads[i] == heads[j]))

    group_of = list(range(len(cands)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(cands))}
    pairs = sorted(((float(sim[i, j]), i, j) for i, j in same_day if linked(i, j)), reverse=True)
    for _, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj or not all(linked(x, y) for x in members[gi] for y in members[gj]):
            continue
        for x in members[gj]:
            group_of[x] = gi
        members[gi] += members.pop(gj)
    return [[cands[i] for i in idx] for idx in members.values()]


def _representative(group: list[_Candidate]) -> TimeExpr:
    """The finest date of the group; among equals the one most sources give, and with a modifier if any."""
    def key(c: _Candidate) -> tuple:
        same = sum(1 for o in group if o.time.value == c.time.value)
        return (_FINE.get(c.time.granularity, 0), same, c.time.mod is not None)

    return max(group, key=key).time


def _narrowed_end(start: dt.date, end: dt.date, t: TimeExpr) -> dt.date:
    """The last day an "early …" / "mid-…" month or year can reach: its first or middle third.

    Why: "since early December" in a story of 7 January is history; the whole of December is not.
    """
    if t.granularity not in ("month", "year") or t.mod not in ("start", "mid"):
        return end
    third = (end - start) / 3
    return start + third * (1 if t.mod == "start" else 2)


def _story_start(story: Story, cands: list[_Candidate], lead_days: int) -> dt.date | None:
    dates = [a.reference_date for a in story.articles if a.reference_date is not None]
    if not dates:  # no publication date at all: the latest day any source names stands for the story's days
        dates = [value_bounds(c.time.value)[0] for c in cands if c.time.granularity in ("day", "part_of_day", "time")]  # type: ignore[index]
    return min(dates) - dt.timedelta(days=lead_days) if dates else None


def _divergence_for(evidence: tuple[Span, ...], divergences: tuple[Divergence, ...]) -> int | None:
    """Index of the temporal divergence one of whose sides is one of the entry's sentences.

    Only temporal ones: a claim or numeric conflict about the same sentence is not a dispute about its date.
    """
    for i, d in enumerate(divergences):
        if d.type == "temporal" and any(e.overlaps(s) for p in d.positions for e in p.evidence for s in evidence):
            return i
    return None


def build_timeline(story: Story, models: Any) -> Story:
    """Fill ``Story.timeline`` with the dated events of the story, ordered, merged across sources."""
    cands = _trim_shared_sentences(_candidates(story), story, models)
    if not cands:
        return replace(story, timeline=())
    story_start = _story_start(story, cands, settings_of(models).story_lead_days)
    entries: list[tuple[tuple, TimelineEntry]] = []
    for group in _groups(cands, models):
        rep = _representative(group)
        start, end = value_bounds(rep.value)  # type: ignore[misc]
        if rep.start and rep.end and rep.granularity not in ("year", "month", "week"):
            start, end = rep.start, rep.end
        evidence = tuple(sorted({c.sentence for c in group}))
        background = story_start is not None and _narrowed_end(start, end, rep) < story_start
        inferred = all(c.time.anchored == "inferred" for c in group)
        granularity: Granularity = rep.granularity if rep.granularity in _FINE else "day"  # type: ignore[assignment]
        entry = TimelineEntry(value=rep.value, granularity=granularity,
                              label=date_label(rep.value, granularity, rep.mod), start=start, end=end,
                              evidence=evidence, background=background, inferred=inferred,
                              divergence=_divergence_for(evidence, story.divergences))
        first = min(evidence)
        entries.append(((_sort_key(rep.value, start, granularity), first.article_id, first.start), entry))
    entries.sort(key=lambda x: x[0])
    return replace(story, timeline=tuple(e for _, e in entries))

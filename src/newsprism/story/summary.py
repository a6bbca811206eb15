"""A short extractive summary in which every sentence cites its sources.

Only source text is used, joined by a few fixed connectives ("According to …, …; while …"). Order:

1. the best-supported facts: agreements ranked by independent sources, then their cohesion (how surely their
   statements state one fact);
2. the main divergences, temporal and claim conflicts first, each as "A says …; while B says …" from the two
   sides' own evidence;
3. if slots remain, unique facts: the lead sentences of the articles (news puts its main fact first), those of
   the largest origin first and, among them, those that read like their report's headline (an excerpt that starts
   mid-article, a blurb or a feature's scene-setting opens on something else); a copy's lead only where it tells
   its headline and its original's does not (the version as printed lost its lead).

The summary opens with its main event: an agreement an article's lead tells, reading like that report's headline,
goes first; when every agreement chosen is a detail no lead tells so, the first lead sentence of the order above
opens the summary, in the place of a single-source sentence (an agreement is never dropped for it).

Redundancy is removed with maximal marginal relevance over sentence similarity (MiniLM, or token overlap).
Every sentence must stand alone (``leans_on_context``): one that opens on a pronoun, a connective or a pointer
back answers a sentence of its article the reader is not shown.
A candidate whose figures or dates are not all in its cited spans is dropped (``unsupported_tokens``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..extract.claims import ANY_QUOTE_MARK, in_first_person, is_headline, title_case
from ..extract.parsed import DATELINE
from ..model import LEAD_SENTENCES, Divergence, Position, Span, Story, SummarySentence
from ..lexicon.calendar import MONTH_ABBREVIATIONS, MONTHS, RELATIVE_DAYS, WEEKDAYS
from ..lexicon.function_words import (ANAPHORA as _ANAPHORA, DEICTIC_TIME_NOUNS as _DEICTIC_TIME,
                                      LEANING_CONNECTIVES as _LEANING, LEANING_PHRASES as _LEANING_PHRASES)
from ..lexicon.numbers import FIGURE_WORDS as _NUMBER_WORDS
from ..nlp.similarity import similarity_matrix
from ..settings import settings_of
from .independence import origin_of

# Divergence types in the order a reader needs them: when and whether something happened before how many.
DIVERGENCE_PRIORITY = {"temporal": 0, "claim": 1, "numeric": 2, "attribution": 3}
# The weight of relevance against redundancy, the similarity at which a candidate says a chosen sentence again,
# and the confidence a divergence needs to be summarised come from the settings (summary_*).

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)
_WORDS = set(_NUMBER_WORDS) | set(MONTHS + MONTH_ABBREVIATIONS + WEEKDAYS + RELATIVE_DAYS)


def figure_tokens(text: str) -> set[str]:
    """Numbers (digits, "40,000" folded to "40000"), number words, month and weekday names in ``text``."""
    out = set()
    for tok in _TOKEN.findall(text):
        if tok[0].isdigit():
            out.add(tok.replace(",", "").rstrip("."))
        elif tok.casefold() in _WORDS:
            if tok.casefold() == "may" and tok == "may":  # the modal verb, not the month
                continue
            out.add(tok.casefold())
    return out


def unsupported_tokens(text: str, cited: Iterable[str]) -> set[str]:
    """Figures and dates of ``text`` that none of the ``cited`` span texts contains."""
    have: set[str] = set()
    for c in cited:
        have |= figure_tokens(c)
    return figure_tokens(text) - have


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    evidence: tuple[Span, ...]
    kind: Literal["fact", "divergence", "unique"]
    relevance: float
    lead: bool = False  # drawn from an article's lead (its first LEAD_SENTENCES story sentences)
    lede: bool = False  # drawn from an article's first story sentence, where a report states its event
    ledes: int = 0  # how many independent origins open a report with it (their first story sentences cite it)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _dedupe(spans: Iterable[Span]) -> tuple[Span, ...]:
    seen: list[Span] = []
    for s in spans:
        if s not in seen:
            seen.append(s)
    return tuple(seen)


# ---------------------------------------------------------------------------------------------------------------
# Candidates




MIN_WORDS = 6  # fewer words is a dateline ("HAVANA (AP)"), a caption or a headline fragment, not a fact
MAX_SIDE_WORDS = 40  # one side of "A …; while B …" longer than this makes the sentence unreadable


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text)


# a lead sentence ends on its closing punctuation: a line without one is a headline, a dateline or a caption ("Posted
# 1 year ago [downloaded on 2 October 2013]") that the text kept on its own line
_CLOSES = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def reads_as_sentence(text: str) -> bool:
    """Whether ``text`` can stand as a summary sentence: enough words, not a fragment, not a headline.

    Why: story sentences still hold datelines, headline lines kept in the body ("Clinton Hid Past Health
    Problems From Public, Former White House Doctor Says") and clauses cut from a longer sentence ("said last
    month's discovery …"). A journalist would print none of them as a sentence of a summary.
    """
    words = _words(text)
    if len(words) < MIN_WORDS:
        return False
    first = re.search(r"[^\W_]", text)
    if first and first.group(0).islower():
        return False  # a clause cut out of its sentence
    return not title_case(text, min_words=4)  # a headline


EARLY_WORDS = 6  # "this"/"such" + a noun within a sentence's first words points back to an earlier sentence
_NOT_BACK = {"as", "of", "who", "whom", "which", "that"}  # "such as", "those of", "those who": no pointer back


def leans_on_context(text: str) -> str | None:
    """Why ``text`` cannot stand alone in a summary, or None when it can. A summary's sentences come from different
    places in different articles and are reordered, so none may lean on the sentence its article put before it:

    - it opens on a pronoun or demonstrative ("She met …", "It said …", "This may range …"), or speaks in its
      speaker's own person outside quotation marks ("I'm so happy …": a summary speaks in the third person);
    - it opens on a connective that continues an argument ("However, …", "But …"), or sets one off (", however,");
    - it talks to the reader ("Well, …", "So as things turn out, …": a columnist's aside);
    - it points back, within its first words, with "this"/"these"/"those"/"such" + a noun ("based on this
      incorrect assumption"), the time of the report aside ("this week"), or opens on "The other …" (the other
      of what the reader was not told).

    A quotation whose speaker its article names in the next sentence is not refused: on the audit, editors took
    such quotations as good summary sentences more often than not.
    """
    words = [w.casefold() for w in _words(text)]
    if not words:
        return "empty"
    if words[0] in _ANAPHORA:
        return "opens on a pronoun"
    if in_first_person(text) and not _OPENS_QUOTE.match(text):
        return "speaks in the first person"  # a remark in quotation marks is credited to its speaker instead
    if words[0] in _LEANING or re.search(r",\s*(however|though|too)\s*,", text, re.I):
        return "continues the sentence before it"
    if words[:2] == ["the", "other"]:
        return "the other of something not told"
    if _ANSWERS_BEFORE.match(text):
        return "continues the sentence before it"
    if _TALKS_TO_READER.match(text):
        return "talks to the reader"  # "Well, …", "So as things turn out, …": a columnist's aside, no fact of its own
    # "Three other provinces have also reported …", "Another 20,000 marched …": others than the ones not told
    if words[0] == "another" or "other" in words[:3] and "each" not in words[:3]:
        return "the other of something not told"
    # a back-pointer this early has nothing before it in its own sentence to point to (later ones usually do:
    # "diseases …, bringing the toll from such causes to 318")
    opening = [re.sub(r"['’]s$", "", w) for w in words[:EARLY_WORDS + 1]]
    for i, w in enumerate(opening[:-1]):
        after = opening[i + 1]
        if w in ("this", "these", "those", "such") and after not in _DEICTIC_TIME and after not in _NOT_BACK \
                and not (i + 2 < len(opening) and opening[i + 2] in _DEICTIC_TIME):
            return "points back to something not told"
    return None


# a conversational opening ("Well, ...", "So, as things turn out ...", "Of course ..."), not "So far" nor "So-called"
_TALKS_TO_READER = re.compile(r"\s*(?:well|so(?!\s+far\b)|anyway|of\s+course|obviously)[\s,]", re.I)
_ANSWERS_BEFORE = re.compile(rf"\s*(?:{'|'.join(map(re.escape, _LEANING_PHRASES))})\s*,", re.I)
_OPENS_QUOTE = re.compile(r"\s*[\"“‘'«]")  # a sentence that opens on a quotation mark: a remark quoted


def _lead_spans(story: Story) -> dict[int, tuple[Span, ...]]:
    """Each article's lead (``ArticleFacts.lead_sentences``)."""
    return {f.article.id: tuple(sent.span for sent in f.lead_sentences()) for f in story.facts}


def _in_lead(spans: Iterable[Span], leads: dict[int, tuple[Span, ...]]) -> bool:
    return any(lead.covers(sp) for sp in spans for lead in leads.get(sp.article_id, ()))


def _fact_candidates(story: Story) -> list[_Candidate]:
    """Agreements, the most independent sources first, then by cohesion; each marked whether an article's lead
    tells it."""
    leads = _lead_spans(story)
    firsts = {a: lead[:1] for a, lead in leads.items()}
    origin = origin_of(story.origins)
    # how surely, not how centrally: a summary states what its sources surely share (the main event opens it, below)
    ranked = sorted(story.agreements, key=lambda g: (-g.independent_count, -g.cohesion, g.statement))
    out = []
    for rank, g in enumerate(ranked):
        article = story.article(g.statement.article_id)
        text = _clean(g.statement.text(article))
        if not reads_as_sentence(text) or is_headline(text, article.title) or leans_on_context(text):
            continue
        if g.unnamed_speaker and ANY_QUOTE_MARK.search(text):  # a remark quoted as said by "he", or alone
            text = credited_to(text, g.speakers[0])
        relevance = 1.0 - rank / (len(ranked) + 1)
        spans = (g.statement, *g.evidence)
        opening = {origin.get(sp.article_id, sp.article_id) for sp in spans if _in_lead((sp,), firsts)}
        out.append(_Candidate(text, _dedupe(spans), "fact", relevance, _in_lead(spans, leads), bool(opening),
                              len(opening)))
    return out


def _side(story: Story, p: Position) -> str:
    """One side in its source's words, prefixed "According to <speaker>," when the words do not name them."""
    text = _unquote(_clean(" ".join(e.text(story.article(e.article_id)) for e in p.evidence[:1])).rstrip(" .;,…"))
    bare = _SIDE_CONNECTIVE.sub("", text, count=1)  # "; while Meanwhile, …": the side is set against the other
    text = bare[:1].upper() + bare[1:] if bare != text else text
    return credited_to(text, p.speaker)


def credited_to(text: str, speaker: str | None) -> str:
    """``text`` prefixed "According to <speaker>," when its words do not name the speaker (a remark quoted alone,
    "… he wrote."): a reader must know who said it. A fixed connective and the speaker as the sources name them."""
    if not speaker:
        return text
    name_words = [w for w in re.findall(r"[^\W\d_]+", speaker) if w[0].isupper()]
    if any(w.casefold() in text.casefold() for w in name_words[-1:]) or speaker in text:
        return text
    first = text[:1].lower() + text[1:] if _lower_ok(text) else text
    who = re.sub(r"^(A|An|The)\b", lambda m: m.group(1).lower(), speaker)  # "a statement from Waitrose"
    return f"According to {who}, {first}"


# a side's opening connective ("Meanwhile, clashes broke out …", "But police said …"): the joined sentence sets
# the side against the other one, not against the sentence its article had before it
_SIDE_CONNECTIVE = re.compile(rf"^(?:(?:{'|'.join(sorted(_LEANING | {'meanwhile', 'and'}))})\b,?|"
                              rf"(?:{'|'.join(map(re.escape, _LEANING_PHRASES))})\s*,)\s+(?=\S)", re.I)
_OPEN, _CLOSE = "\"“‘'", "\"”’'"


def _unquote(text: str) -> str:
    """Drop a quotation mark left open or closed by the span's edge (a quote cut by the sentence splitter)."""
    inner = re.sub(r"\w['’]\w", "", text)  # apostrophes inside words are not quotation marks
    if text[:1] in _OPEN and not any(c in _CLOSE for c in inner[1:]):
        text = text[1:]
    if text[-1:] in _CLOSE and not any(c in _OPEN for c in inner[:-1]):
        text = text[:-1]
    return text.strip()


def _lower_ok(text: str) -> bool:
    """A sentence start may be lower-cased after a connective only when it is a function word."""
    first = text.split(" ", 1)[0]
    return first.casefold() in {"it", "the", "a", "an", "there", "this", "that", "these", "those", "they", "we",
                                "he", "she", "its", "their", "his", "her", "our", "according", "some", "many"}


def _value_words(p: Position) -> set[str]:
    return set(re.findall(r"\w+", (p.value or "").casefold()))


def _two_sides(d: Divergence) -> tuple[Position, Position] | None:
    """The two positions, from different articles, that differ most: distinct values sharing the fewest words,
    then sides that name a speaker and carry a figure or date (the concrete form of each stance)."""
    usable = [p for p in d.positions if p.evidence]
    best: tuple[float, int, int] | None = None
    for i, a in enumerate(usable):
        for j in range(i + 1, len(usable)):
            b = usable[j]
            if a.article_id == b.article_id or (a.value or "").casefold() == (b.value or "").casefold() != "":
                continue
            wa, wb = _value_words(a), _value_words(b)
            distance = 1.0 - (len(wa & wb) / len(wa | wb) if wa | wb else 0.0)
            concrete = sum(bool(p.speaker) + bool(figure_tokens(p.value or "")) for p in (a, b)) / 4
            score = 2 * distance + concrete
            if best is None or score > best[0] + 1e-9:
                best = (score, i, j)
    return (usable[best[1]], usable[best[2]]) if best else None


_SOMEONE = _ANAPHORA - {"it", "its", "this", "these", "those"}  # pronouns that stand for a person or a group


def _opens_on_someone(text: str) -> bool:
    words = _words(text)
    return bool(words) and words[0].casefold() in _SOMEONE


def _divergence_candidates(story: Story, confident: float) -> list[_Candidate]:
    usable: list[tuple[tuple, Position, Position]] = []
    for i, d in enumerate(story.divergences):
        if d.type not in DIVERGENCE_PRIORITY:
            continue
        if d.confidence < confident:
            continue  # a sentence that says the sources disagree must be sure of it
        sides = _two_sides(d)
        if sides is None or any(len(_words(_side(story, p))) > MAX_SIDE_WORDS for p in sides):
            continue
        if any(_opens_on_someone(_side(story, replace(p, speaker=None))) for p in sides):
            continue  # a side names its subject: "He is 5-feet-8 …; while Deputies said that Orozco is …" leaves
            # "he" to whoever the summary named before. "It will take a week …" is no one (an "it" that opens a
            # side is mostly the dummy subject of a duration or a state)
        if d.type in ("claim", "numeric") and sides[0].subject and sides[1].subject and \
                sides[0].subject != sides[1].subject:
            continue  # never two clauses joined whose subjects differ: they would not answer one question (a count
            # told inside another clause: "part of the crowd became unruly"; while "police intervened … 11 times").
            # A temporal divergence is of one event, whoever each side's sentence names first
        articles = len({p.article_id for p in d.positions})
        usable.append(((DIVERGENCE_PRIORITY[d.type], -d.confidence, -articles, i), *sides))
    usable.sort(key=lambda x: x[0])
    out = []
    for rank, (_, a, b) in enumerate(usable):
        side_b = _side(story, b)
        side_b = side_b[:1].lower() + side_b[1:] if _lower_ok(side_b) else side_b
        text = f"{_side(story, a)}; while {side_b}."
        out.append(_Candidate(text, _dedupe((*a.evidence, *b.evidence)), "divergence", 1.0 - rank / (len(usable) + 1)))
    return out


def _without_dateline(span: Span, article: Any) -> Span:
    """The sentence without the dateline opening it ("LONDON - Hours after …" -> "Hours after …"): a summary
    sentence is the report's fact, not where it was filed."""
    m = DATELINE.match(span.text(article))
    return Span(span.article_id, span.start + m.end(), span.end) if m else span


def _headline(article: Any) -> str | None:
    """The article's title with its spacing folded, or None when it has none."""
    return " ".join((article.title or "").split()) or None


def _headlines(story: Story) -> list[str]:
    """The story's distinct headlines (articles without a title give none)."""
    return list(dict.fromkeys(h for h in map(_headline, story.articles) if h))


def _origin_sizes(story: Story) -> dict[int, int]:
    """Each article's origin size: how many of the story's articles run that text."""
    return {a: len(o.articles) for o in story.origins for a in o.articles}


def _unique_candidates(story: Story) -> list[_Candidate]:
    """Lead sentences of the articles: the fact each report chose to open with. The articles of the largest origin
    (the text most outlets ran) come first, its original before its copies, then by date (``summarise`` keeps a
    copy's lead only where it stands in for a lead its original lost)."""
    out = []
    size = _origin_sizes(story)
    order = sorted(story.facts, key=lambda f: (-size.get(f.article.id, 1), f.article.copy_of is not None,
                                               f.article.published or dt.date.max, f.article.id))
    for facts in order:
        spans = [(n, _without_dateline(s.span, facts.article)) for n, s in enumerate(facts.story_sentences())]
        readable = [(n, sp, _clean(sp.text(facts.article))) for n, sp in spans]
        readable = [(n, sp, text) for n, sp, text in readable
                    if reads_as_sentence(text) and _CLOSES.search(text) and not is_headline(text, facts.article.title)
                    and not leans_on_context(text)]
        for rank, (n, sp, text) in enumerate(readable[:2]):
            out.append(_Candidate(text, (sp,), "unique", 0.5 - 0.2 * rank, n < LEAD_SENTENCES))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Selection


def _single_outlet(story: Story, c: _Candidate) -> bool:
    outlets = {story.article(e.article_id).outlet for e in c.evidence}
    return len(outlets) == 1 and None not in outlets and len({e.article_id for e in c.evidence}) > 1


def _faithful(story: Story, c: _Candidate) -> bool:
    cited = [e.text(story.article(e.article_id)) for e in c.evidence]
    return bool(c.evidence) and not unsupported_tokens(c.text, cited)


def _mmr(pool: Sequence[_Candidate], chosen: list[_Candidate], k: int, sim: Any, index: dict[int, int],
         redundant: float, lam: float) -> list[_Candidate]:
    picked: list[_Candidate] = []
    remaining = list(pool)
    while remaining and len(picked) < k:
        def gain(c: _Candidate) -> tuple[float, float]:
            others = chosen + picked
            red = max((float(sim[index[id(c)], index[id(o)]]) for o in others), default=0.0)
            return lam * c.relevance - (1 - lam) * red, red

        scored = [(gain(c), c) for c in remaining]
        (best, red), cand = max(scored, key=lambda x: x[0][0])
        remaining.remove(cand)
        if red >= redundant:
            continue
        picked.append(cand)
    return picked


def summarise(story: Story, models: Any) -> Story:
    """Fill ``Story.summary`` with at most ``models.settings.summary_sentences`` cited sentences."""
    s = settings_of(models)
    n = s.summary_sentences
    facts = [c for c in _fact_candidates(story) if _faithful(story, c)]
    divs = [c for c in _divergence_candidates(story, s.summary_confident_divergence) if _faithful(story, c)]
    uniques = [c for c in _unique_candidates(story) if _faithful(story, c)]
    # A fact told only by one outlet (twice) is not confirmed across sources: it does not lead the summary.
    one_outlet = [c for c in facts if _single_outlet(story, c)]
    facts = [c for c in facts if c not in one_outlet]
    uniques += [replace(c, kind="unique", relevance=0.45 * c.relevance) for c in one_outlet]
    pool = facts + divs + uniques
    if not pool:
        return replace(story, summary=())
    titles = _headlines(story)
    sim, method = similarity_matrix([c.text for c in pool] + titles, models)
    own_title = {a.id: len(pool) + titles.index(h) for a in story.articles if (h := _headline(a))}
    sim, title_sim = sim[:len(pool), :len(pool)], sim[:len(pool)]
    index = {id(c): i for i, c in enumerate(pool)}
    redundant = s.summary_redundant_minilm if method == "minilm" else s.summary_redundant_tokens
    tells = s.summary_headline_minilm if method == "minilm" else s.summary_headline_tokens

    def tells_headline(c: _Candidate) -> bool:
        """The sentence reads like the headline of a report it cites: the event the report is about, not an
        excerpt that starts mid-article, a blurb or a feature's scene-setting (untitled reports: taken as it is)."""
        cols = sorted({own_title[e.article_id] for e in c.evidence if e.article_id in own_title})
        return not cols or float(title_sim[index[id(c)], cols].max()) >= tells

    # a copy's lead stands in for its original's only where the original, as printed, does not open on its
    # headline's event (the excerpt lost its lead) and the copy's shows it does: else it is the text said again
    telling = {id(u) for u in uniques if tells_headline(u)}
    told = {u.evidence[0].article_id for u in uniques if id(u) in telling}
    copy_of = {a.id: a.copy_of for a in story.articles}
    uniques = [u for u in uniques if copy_of[u.evidence[0].article_id] is None
               or (u.evidence[0].article_id in own_title and id(u) in telling
                   and copy_of[u.evidence[0].article_id] not in told)]
    # the leads of the largest origin first (as built), those that tell their headline before those that do not
    size = _origin_sizes(story)
    uniques.sort(key=lambda u: (-size.get(u.evidence[0].article_id, 1), id(u) not in telling))

    div_slots = min(len(divs), max(1, n // 2)) if n > 1 else (1 if divs and not facts else 0)
    # Conflicts are chosen first (they are few and each needs its slot), so that a fact which is only one side
    # of a chosen conflict is not said twice; they are still printed after the facts.
    chosen_divs = _mmr(divs, [], div_slots, sim, index, redundant, s.summary_mmr_lambda)
    said = [e for d in chosen_divs for e in d.evidence]
    fresh = [f for f in facts if not any(e.overlaps(x) for e in f.evidence for x in said)]
    lead_facts = _mmr(fresh, chosen_divs, n - len(chosen_divs), sim, index, redundant, s.summary_mmr_lambda)
    # what two independent reports open with is the story as its sources tell it: said even where details more
    # cited fill the places (in place of the last of them), unless a chosen sentence already says it
    opened = next((c for c in fresh if c.ledes >= 2), None)
    if opened is not None and opened not in lead_facts and lead_facts and max(
            (float(sim[index[id(opened)], index[id(c)]]) for c in lead_facts + chosen_divs), default=0.0) < redundant:
        lead_facts = [opened] + lead_facts[:max(0, n - len(chosen_divs) - 1)]
    chosen = lead_facts + chosen_divs
    fill: list[_Candidate] = []
    if len(chosen) < n:
        fresh_uniques = [u for u in uniques if not any(e.overlaps(x) for e in u.evidence for x in said)]
        fill = _mmr(fresh_uniques, chosen, n - len(chosen), sim, index, redundant, s.summary_mmr_lambda)
        chosen += fill
    if len(chosen) < n:  # still room: more conflicts
        chosen_divs += _mmr([d for d in divs if d not in chosen_divs], chosen, n - len(chosen), sim, index, redundant,
                            s.summary_mmr_lambda)
    ordered = (lead_facts + chosen_divs + fill) if lead_facts else (fill + chosen_divs)
    # news tells its main event first, so does the summary: an agreement a lead tells as its report's event, in a
    # reporter's words before a remark quoted (a news lead states the event; the quotes come after it)
    # (an article's first sentence before its second: "The ship was escorting five merchant vessels …" follows
    # "Warship INS Sukanya on Thursday foiled a piracy attempt …")
    telling_leads = sorted((c for c in lead_facts if c.lead and tells_headline(c)),
                           key=lambda c: (c.ledes < 2, not c.lede))
    told_first = next((c for c in telling_leads if not _OPENS_QUOTE.match(c.text)), None) or \
        next(iter(telling_leads), None)
    if told_first is not None:
        ordered = [told_first] + [c for c in ordered if c is not told_first]
    elif lead_facts and fill:
        # the agreements chosen are all details: a lead opens the summary, one already chosen if any, else that of
        # the largest origin in the place of a single-source sentence (never of an agreement)
        opener = next((u for u in uniques if u.lead and u in fill), None) or \
            next((u for u in uniques if u.lead and not any(e.overlaps(x) for e in u.evidence for x in said)
                  and max((float(sim[index[id(u)], index[id(c)]]) for c in chosen if c is not fill[-1]),
                          default=0.0) < redundant), None)
        if opener is not None:
            rest = [c for c in ordered if c is not opener]
            if opener not in fill:
                rest.remove(fill[-1])
            ordered = [opener] + rest
    out = tuple(SummarySentence(text=c.text, evidence=c.evidence,
                                kind="divergence" if c.kind == "divergence" else "fact") for c in ordered[:n])
    return replace(story, summary=out)

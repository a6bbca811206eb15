"""Consolidation: claims -> alignment -> independence -> agreements and divergences, for one story.

Steps, in order (each its own module):

1. claims: frames of every story sentence of every article (``claims.extract_frames``);
2. alignment: MiniLM vectors of the claims (one batched pass), blocking, pair relations (``align.align``);
3. independence: reworded copies marked on the articles, copies mapped to their originals, wire and speaker
   links (``independence``);
4. agreements: connected components of "same fact" pairs backed by two or more independent sources;
5. divergences: typed conflicts grouped with their positions, plus what only one source carries (``compare``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np

from ..model import Agreement, SourceLink, Story
from .align import Pair, align
from ..extract.claims import Frame, extract_frames
from .compare import find_conflicts, group_conflicts, unique_items
from .independence import origin_map, reworded_copies, speaker_links, wire_links

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MAX_AGREEMENTS = 50
AGREE_LINK = 0.6  # two groups of "same" claims merge only when every cross pair is at least this similar
SAME_ARTICLE_LINK = 0.82
VERBATIM_WORDS = 6  # a sentence this long, word for word the same in two articles, was copied (one witness)


def _normal(text: str) -> str:
    import re

    return " ".join(re.findall(r"\w+", text.lower()))


def verbatim_witnesses(frames: Sequence[Frame], members: Sequence[int], origins: dict[int, int]) -> dict[int, int]:
    """Map each article of one fact to the article it copied the sentence from, where two carry it word for
    word (two wire updates, an outlet reprinting an agency): such a pair is one witness, not two."""
    first: dict[str, int] = {}
    witness: dict[int, int] = {}
    for n in sorted(members, key=lambda n: frames[n].article_id):
        aid = origins.get(frames[n].article_id, frames[n].article_id)
        key = _normal(frames[n].text)
        if len(key.split()) >= VERBATIM_WORDS and first.setdefault(key, aid) != aid:
            witness.setdefault(aid, witness.get(first[key], first[key]))
        else:
            witness.setdefault(aid, aid)
    return witness


def story_frames(story: Story, models: Any, docs: Mapping[int, "Doc"] | None = None) -> list[Frame]:
    """Frames of every article; parses an article again when its ``Doc`` is not given."""
    from ..extract.sentences import parse_article

    frames: list[Frame] = []
    for facts in story.facts:
        doc = docs.get(facts.article.id) if docs else None
        if doc is None:
            _, doc = parse_article(facts.article, models)
        frames.extend(extract_frames(facts, doc))
    return frames


def resolve_speakers(frames: list[Frame], story: Story) -> list[Frame]:
    """Give a speaker its story entity where the quotes stage did not: the entity one of whose names or stated
    roles the speaker text contains ("the terminal operator Baltic Gate" -> Baltic Gate)."""
    import re

    keys: list[tuple[re.Pattern[str], str]] = []
    for e in story.entities:
        for name in {e.name, *e.aliases, *e.roles}:
            if name and len(name) >= 4:
                keys.append((re.compile(r"\b" + re.escape(name.lower()) + r"\b"), e.id))
    if not keys:
        return frames
    out = []
    for f in frames:
        c = f.claim
        if c.speaker and not c.speaker_entity:
            low = c.speaker.lower()
            ids = {eid for pat, eid in keys if pat.search(low)}
            if len(ids) == 1:
                f = replace(f, claim=replace(c, speaker_entity=ids.pop()))
        out.append(f)
    return out


def agreements(frames: Sequence[Frame], vectors: np.ndarray, pairs: Sequence[Pair], origins: dict[int, int],
               conflicted: set[tuple[int, int]]) -> list[Agreement]:
    """Facts that two or more independent sources state: components of "same" pairs, ranked by support."""
    parent = list(range(len(frames)))
    members_of: dict[int, set[int]] = {n: {n} for n in range(len(frames))}
    cannot: dict[int, set[int]] = defaultdict(set)
    for i, j in conflicted:
        cannot[i].add(j)
        cannot[j].add(i)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # strongest edges first; two groups never merge when a member of one conflicts with a member of the other
    for p in sorted(pairs, key=lambda p: -p.similarity):
        a, b = frames[p.i], frames[p.j]
        if p.relation != "same" or a.article_id == b.article_id or a.claim.polarity != b.claim.polarity:
            continue
        ra, rb = find(p.i), find(p.j)
        if ra == rb or any(cannot[n] & members_of[rb] for n in members_of[ra]):
            continue
        # no chains: A~B and B~C do not make C the same fact as A unless A and C are close too
        xa, xb = sorted(members_of[ra]), sorted(members_of[rb])
        if len(xa) + len(xb) > 2:
            sims = vectors[xa] @ vectors[xb].T
            same_article = np.array([[frames[x].article_id == frames[y].article_id for y in xb] for x in xa])
            # two sentences of one article join one fact only when they say it again (near-paraphrase)
            if float(sims.min()) < AGREE_LINK or (same_article & (sims < SAME_ARTICLE_LINK)).any():
                continue
        parent[ra] = rb
        members_of[rb] |= members_of.pop(ra)
    comps: dict[int, list[int]] = defaultdict(list)
    for n in range(len(frames)):
        comps[find(n)].append(n)
    out: list[Agreement] = []
    for members in comps.values():
        if len(members) < 2 or all(frames[n].claim.predicate is None for n in members):
            continue  # no verb anywhere: a dateline or a caption ("HAVANA (AP)"), no statement of fact
        arts = {frames[n].article_id for n in members}
        witness = verbatim_witnesses(frames, members, origins)
        sources = tuple(sorted(set(witness.values())))
        if len(sources) < 2:
            continue
        copies = tuple(sorted(a for a in arts if witness.get(origins.get(a, a), a) != a))
        sub = vectors[members]
        centrality = (sub @ sub.T).sum(axis=1)
        # the statement: an original's claim that reads as a sentence on its own (not a clause cut after "said"),
        # the most central of those
        ranked = sorted(range(len(members)), key=lambda k: (frames[members[k]].article_id in copies,
                                                             not _reads_as_sentence(frames[members[k]].text),
                                                             -centrality[k]))
        statement = frames[members[ranked[0]]].claim.span
        mean_sim = float((centrality.sum() - len(members)) / max(1, len(members) * (len(members) - 1)))
        out.append(Agreement(statement=statement, sources=sources, copies=copies,
                             evidence=tuple(sorted(frames[n].claim.span for n in members)),
                             claims=tuple(frames[n].claim.id for n in sorted(members)),
                             score=round(len(sources) + mean_sim, 4)))
    out.sort(key=lambda g: (-len(g.sources), -g.score, g.statement))
    return out[:MAX_AGREEMENTS]


def mark_copies(story: Story, findings: Sequence[Any]) -> Story:
    """Set copy_of / copy_kind "reworded" on the articles (in ``articles`` and in ``facts``)."""
    if not findings:
        return story
    by_copy = {f.copy: f for f in findings}

    def fix(a):
        f = by_copy.get(a.id)
        return replace(a, copy_of=f.original, copy_kind="reworded", copy_similarity=round(f.share, 4)) if f else a

    articles = tuple(fix(a) for a in story.articles)
    facts = tuple(replace(fa, article=fix(fa.article)) for fa in story.facts)
    return replace(story, articles=articles, facts=facts)


def consolidate_with(story: Story, models: Any, docs: Mapping[int, "Doc"] | None = None,
                     timings: dict[str, float] | None = None) -> Story:
    """``consolidate`` with the articles' spaCy ``Doc``s when the caller kept them (saves a second parse).

    ``timings``, when given, receives the seconds spent per step (claims, embed, align, compare) for the bench.
    """
    import time

    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        if timings is not None:
            now = time.perf_counter()
            timings[name] = timings.get(name, 0.0) + now - clock
            clock = now

    frames = resolve_speakers(story_frames(story, models, docs), story)
    lap("claims")
    if not frames:
        return replace(story, claims=())
    vectors = models.embedder.embed([f.content_text for f in frames])
    lap("embed")
    pairs = align(frames, vectors)
    lap("align")
    if timings is not None:
        timings["frames"] = len(frames)
        timings["pairs"] = len(pairs)
    # independence before counting: reworded copies join the copies marked at ingest
    story = mark_copies(story, reworded_copies(frames, pairs, story.articles))
    origins = origin_map(story.articles)
    conflicts = find_conflicts(frames, pairs, origins)
    conflicted = {(min(c.i, c.j), max(c.i, c.j)) for c in conflicts}
    agreed = agreements(frames, vectors, pairs, origins, conflicted)
    divergences = group_conflicts(frames, conflicts)
    in_conflict = {n for c in conflicts for n in (c.i, c.j)}
    divergences += unique_items(frames, pairs, origins, in_conflict)
    links: list[SourceLink] = [SourceLink("copy", f"copy of article {a.copy_of}", (a.copy_of, a.id))
                               for a in story.articles if a.copy_of is not None]
    links += wire_links(story.articles) + speaker_links(frames, origins, {e.id: e.type for e in story.entities})
    lap("compare")
    return replace(story, claims=tuple(f.claim for f in frames), agreements=tuple(agreed),
                   divergences=tuple(divergences), source_links=tuple(links))


def _reads_as_sentence(text: str) -> bool:
    """A claim that opens like a sentence: its first letter is a capital (after any opening quotation mark)."""
    first = next((c for c in text if c.isalpha()), "")
    return first.isupper()


def consolidate(story: Story, models: Any) -> Story:
    """The story stage: fill claims, agreements, divergences and source links; mark reworded copies.

    Args:
        story: a story whose per-article facts are extracted (and entities canonicalised).
        models: the loaded models (spaCy for the parse, MiniLM for the vectors).

    Returns:
        A new ``Story``; articles found to be reworded copies carry ``copy_of``/``copy_kind="reworded"``.
    """
    return consolidate_with(story, models)

"""Consolidation: claims -> alignment -> independence -> aspects and positions -> agreements and divergences.

Steps, in order (each its own module):

1. claims: frames of every story sentence (and of every heading line that states something) of every article, each
   marked a statement or not (``claims.extract_frames``: questions, repeated headlines, boilerplate, fragments,
   unresolved pronouns are kept out), plus the parts told inside them (``Frame.inner``): descriptions of
   participants ("Musk, Twitter's largest shareholder, said") and aims of acts ("ordered checks to curb
   smuggling"), compared in aspects and positions, never counted for an agreement, a conflict, a unique fact or a
   reworded copy;
2. alignment: MiniLM vectors of the claims (one batched pass), blocking, pair relations (``align.align``),
   used to find reworded copies;
3. independence: reworded copies marked on the articles; articles that are versions of one text (a copy, one
   wire credit, many near-identical sentences) grouped into independent origins (``independence``);
4. aspects: on-story statements grouped by what they are about, and inside each aspect by what they say
   (``aspects``);
5. agreements: inside a position, the statements that pairwise state the same fact (``aspects.table_facts``: a
   position may hold a paraphrase that reads alike with most of its members only, an agreement counts no origin
   through another), held by two or more independent origins (descriptions and aims do not count); every aspect is
   listed with its positions, also one that a single origin speaks to (report version 3);
6. divergences: facts of one aspect that conflict for a named reason (numeric, temporal, claim,
   attribution), plus salient facts about the main entities that only one origin carries (``compare``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, AbstractSet, Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from ..extract.claims import ANY_QUOTE_MARK, direct_quote, extract_frames, fewer_words, in_first_person, reads_alone
from ..extract.frame import Frame, same_speaker
from ..lexicon.function_words import SUBJECT_PRONOUNS
from ..lexicon.places import PLACE_LABELS
from ..model import Agreement, Aspect, AspectPosition, Divergence, Entity, SourceLink, Span, Story
from ..settings import Settings
from .align import align
from .aspects import (AspectParams, aim_actors, group_aspects, on_story, pair_table, place_within, subject_matcher,
                      table_facts, table_positions)
from .compare import (conflicting_pairs, find_conflicts, group_conflicts, lower_first, numbered_conflicts,
                      quantity_conflicts, speaker_roles, unique_items)
from .dated_acts import date_conflicts
from .records import tally_conflicts, tally_holders
from .independence import (Credit, author_wire, direct_quote_spans, origin_of, origins_by_settings,
                           outlet_credits_in, reworded_copies, sentence_copies, shared_sentences, speaker_links,
                           wire_links)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

MAX_AGREEMENTS = 50
AGREED_REMARK_WORDS = 6  # a quoted remark shorter than this is no agreement (`agreement_of`)
VERBATIM_WORDS = 6  # a sentence this long, word for word the same in two articles, was copied (one witness)


def _normal(text: str) -> str:
    import re

    return " ".join(re.findall(r"\w+", text.lower()))


def verbatim_witnesses(frames: Sequence[Frame], members: Sequence[int], origins: dict[int, int],
                       copied: Mapping[int, int] | None = None, credited: Mapping[int, int] | None = None
                       ) -> dict[int, int]:
    """Map each article of one fact to the article it copied the sentence from, where two carry it word for
    word, or their sentences are one text printed near word for word (``copied``: frame index -> the number of its
    sentence's copied text, ``independence.sentence_copies``; one agency sentence each outlet trimmed or edited):
    such a pair is one witness, not two. So is a statement that credits another article's outlet for it
    (``credited``: frame index -> that article; "… trade magazine The Hollywood Reporter wrote") and that
    article's own statements."""
    first: dict[object, int] = {}
    witness: dict[int, int] = {}
    outlet_articles = set((credited or {}).values())
    for n in sorted(members, key=lambda n: frames[n].article_id):
        aid = origins.get(frames[n].article_id, frames[n].article_id)
        text = _normal(frames[n].text)
        keys = ([text] if len(text.split()) >= VERBATIM_WORDS else []) + \
            ([("copied", copied[n])] if copied and n in copied else []) + \
            ([("outlet", credited[n])] if credited and n in credited else []) + \
            ([("outlet", frames[n].article_id)] if frames[n].article_id in outlet_articles else [])
        source = next((first[k] for k in keys if first.get(k, aid) != aid), None)
        witness.setdefault(aid, witness.get(source, source) if source is not None else aid)
        for k in keys:
            first.setdefault(k, aid)
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


def _clearest(frames: Sequence[Frame], members: Sequence[int], vectors: np.ndarray, copies: set[int]) -> int:
    """The member that states a position best: an original's statement that reads as a sentence on its own (not a
    clause cut after "said", not opening on a pronoun), the most central of those."""
    sub = vectors[list(members)]
    centrality = sub @ sub.sum(axis=0)  # the row sums of sub @ sub.T, without the square matrix
    said = _said_elsewhere(frames, members)
    alone = _details_alone(frames, members)
    credited = _credited_alone(frames, members)
    ranked = sorted(range(len(members)), key=lambda k: (frames[members[k]].inner,
                                                         frames[members[k]].article_id in copies,
                                                         not _reads_as_sentence(frames[members[k]].text),
                                                         _opens_on_pronoun(frames[members[k]].text),
                                                         alone[k],
                                                         credited[k],
                                                         said[k] < SAID_ELSEWHERE,
                                                         -centrality[k]))
    return members[ranked[0]]


def _credited_alone(frames: Sequence[Frame], members: Sequence[int]) -> list[bool]:
    """For each member, whether it credits what it says to a speaker no other article's member credits ("Stephen A.
    Smith has reported that the 76ers parted ways with Cheeks" beside "Cheeks is out"): shown as the agreement, it
    would make every source report that speaker's report."""
    def alone(n: int) -> bool:
        f = frames[n]
        return bool(f.claim.speaker) and not any(frames[m].article_id != f.article_id and same_speaker(f, frames[m])
                                                 for m in members)
    return [alone(n) for n in members]


_COUNTED = ("count", "percent", "measure", "money")  # how many, how much: what a reader takes a figure for


def _details_alone(frames: Sequence[Frame], members: Sequence[int]) -> list[bool]:
    """For each member, whether it states a count or amount no other article's member states ("the officers fired
    11 shots" beside "the officers fired"): shown as the agreement, and cited for every source, it would credit
    them with a figure only its own source gives. (Ages, days and times are the colour each report adds.)"""
    def details(f: Frame) -> set:
        return {x.value for x in f.claim.figures if x.kind in _COUNTED}

    by_article = _pooled(frames, members, details)
    return [any(not any(d in ds for aid, ds in by_article.items() if aid != frames[n].article_id)
                for d in details(frames[n])) for n in members]


def _pooled(frames: Sequence[Frame], members: Sequence[int], read: Callable[[Frame], Iterable]) -> dict[int, set]:
    """What each article's members say together (``read`` of each member, pooled by article)."""
    out: dict[int, set] = defaultdict(set)
    for n in members:
        out[frames[n].article_id] |= set(read(frames[n]))
    return out


SAID_ELSEWHERE = 0.5  # share of a statement's content words that every other article of its group says too


def _said_elsewhere(frames: Sequence[Frame], members: Sequence[int]) -> list[float]:
    """For each member, the least share of its content words found in another article's members: a statement
    that tells more than the others do ("between 1991 and 1998 he was in and out of prison … until he returned in
    June 1999 …" beside "he was in prison after a conviction") says what only its own source says."""
    pooled = list(_pooled(frames, members, lambda f: f.lemmas).values())
    # the member's own article holds all its words, so the least share over every article is the least over the
    # others (1.0 when there is none); copies print one sentence in many articles: each is counted once
    least: dict[frozenset[str], float] = {}
    for n in members:
        own = frames[n].lemmas
        if own and own not in least:
            least[own] = min(len(own & words) for words in pooled) / len(own)
    return [least[frames[n].lemmas] if frames[n].lemmas else 1.0 for n in members]


def agreement_of(frames: Sequence[Frame], members: Sequence[int], vectors: np.ndarray, origins: dict[int, int],
                 copied: Mapping[int, int] | None = None, credited: Mapping[int, int] | None = None,
                 people: Mapping[str, str] | None = None, central: np.ndarray | None = None,
                 remarks: AbstractSet[int] = frozenset()) -> Agreement | None:
    """A position held by two or more independent origins, or None (``copied``, ``credited``: see
    ``verbatim_witnesses``; ``people``: `stands_for`; ``remarks``: `short_remarks`). Its score is its independent
    origins plus how close it is: the mean of its cohesion (the mean similarity of its statements: a remark every
    outlet prints alike is surely one, a paraphrase less so) and its centrality (``central``: `lead_centrality` of
    its most central statement), so that among agreements of as many origins the story's main event comes before a
    remark quoted alike."""
    # a description ("Musk, Twitter's largest shareholder, …") shows how an origin describes a participant, an aim
    # why it acted ("… to curb smuggling"); neither states the fact, so it counts no origin for an agreement
    members = sorted(n for n in members if not frames[n].inner)
    if not members or all(frames[n].claim.predicate is None for n in members):
        return None  # no verb anywhere: a dateline or a caption ("HAVANA (AP)"), no statement of fact
    if any(n in remarks for n in members) and all(n in remarks or fewer_words(frames[n].text, AGREED_REMARK_WORDS)
                                                  for n in members):
        return None  # a remark of a few words, quoted ("Right now, things are tense."; another outlet may print
        # the tweet as a line of its own): two outlets show it was said, but alone it states no fact a reader can
        # use; it stays a position of its aspect
    witness = verbatim_witnesses(frames, members, origins, copied, credited)
    sources = tuple(sorted(set(witness.values())))
    if len(sources) < 2:
        return None
    arts = {frames[n].article_id for n in members}
    copies = tuple(sorted(a for a in arts if a not in sources))
    best = _clearest(frames, members, vectors, set(copies))
    if not _reads_as_sentence(frames[best].text):
        return None  # every member is a clause cut out of its sentence ("that people were following her"): shown
        # alone it would assert what its sentence only reports someone believing
    speakers = shown_speakers(frames, best, [n for n in members if direct_quote(frames[n])])
    if not speakers and in_first_person(frames[best].text):
        return None  # "I dated a million guys" with no one shown saying it: a reader cannot tell who "I" is; it
        # stays a position of its aspect
    sub = vectors[members]
    cohesion = float(((sub @ sub.T).sum() - len(members)) / max(1, len(members) * (len(members) - 1)))
    closeness = cohesion if central is None else (cohesion + float(central[members].max())) / 2
    return Agreement(statement=frames[best].claim.span, sources=sources, copies=copies,
                     evidence=tuple(sorted(frames[n].claim.span for n in members)),
                     claims=tuple(frames[n].claim.id for n in members),
                     score=round(len(sources) + closeness, 4), cohesion=round(cohesion, 4),
                     speakers=speakers,
                     refers_to=stands_for(frames[best], people or {}, [frames[n] for n in members if n != best]),
                     unnamed_speaker=bool(speakers) and not names_its_speaker(frames[best]))


def names_its_speaker(f: Frame) -> bool:
    """The statement's own words name who says it: its speaker as written is a name or a noun phrase the
    statement contains ("police said", "MOH said"), not a pronoun ("he wrote") nor a speaker resolved from another
    sentence (a quote printed alone)."""
    sp = (f.claim.speaker or "").strip()
    return bool(sp) and sp.lower() not in SUBJECT_PRONOUNS and sp.lower() in f.text.lower()


_OPENING_PRONOUN = re.compile(r"\s*(he|she|they)\b", re.I)


def stands_for(f: Frame, people: Mapping[str, str], others: Sequence[Frame]) -> str | None:
    """Who a statement's opening pronoun stands for: the person (``people``: the story's PERSON entities, id ->
    name) its content's subject was resolved to where the pronoun opens the content ("He is survived by his wife
    …"), else the person its speaker was ("He said that …"), and only where another statement of the agreement
    (``others``) names that person in the same place ("Ortiz is survived by …"): a pronoun resolved wrong would put
    a wrong name beside the statement. A statement shown alone opens on a "he" the reader cannot place; None where
    it opens otherwise or no other statement confirms who."""
    m = _OPENING_PRONOUN.match(f.text)
    if m is None:
        return None
    at = f.claim.span.start + m.start(1)
    in_content = f.content.start <= at < f.content.end
    key = f.subject if in_content else f.claim.speaker_entity
    named = {o.subject if in_content else o.claim.speaker_entity for o in others
             if not _OPENING_PRONOUN.match(o.text)}
    return people.get(key) if key and key in named else None


def shown_speakers(frames: Sequence[Frame], best: int, quoted: Sequence[int]) -> tuple[str, ...]:
    """Who says an agreement shown by statement ``best``: the speakers of its quoted members (the quotes stage names
    them well; a reported fact's credits are read from the clause and can be a phrase of it). Only where the
    statement shown is itself a quote or credits one of them: another member's quote does not say who told the
    fact shown ("said by the D. A.'s release" beside a police account of the chase)."""
    def keys(g: Frame) -> set[str]:
        return {k for k in (g.claim.speaker_entity, g.speaker_key) if k}

    f = frames[best]
    if not (direct_quote(f) or ANY_QUOTE_MARK.search(f.text)) and \
            not keys(f) & {k for n in quoted for k in keys(frames[n])}:
        return ()
    return speakers_of(frames, quoted)


def speakers_of(frames: Sequence[Frame], members: Iterable[int]) -> tuple[str, ...]:
    """Who the members' statements credit, as first named, in member order: one name per speaker however outlets
    spell it ("Oleksii" / "Oleksiy Reznikov"); "he" names no one to a reader."""
    named: dict[str, str] = {}
    for n in members:
        f = frames[n]
        if (sp := f.claim.speaker) and sp.lower() not in SUBJECT_PRONOUNS:
            named.setdefault(f.claim.speaker_entity or f.speaker_key or sp.lower(), sp)
    return tuple(named.values())


def agreements(frames: Sequence[Frame], vectors: np.ndarray, groups: Sequence[Sequence[int]],
               origins: dict[int, int], limit: int = MAX_AGREEMENTS, copied: Mapping[int, int] | None = None,
               credited: Mapping[int, int] | None = None, people: Mapping[str, str] | None = None,
               central: np.ndarray | None = None, remarks: AbstractSet[int] = frozenset()) -> list[Agreement]:
    """Agreements of the given positions, ranked by independent origins, then score: how central each is to the
    story (``central``; see `agreement_of`; ``copied``, ``credited``: see ``verbatim_witnesses``; ``people``:
    `stands_for`)."""
    out = [g for g in (agreement_of(frames, m, vectors, origins, copied, credited, people, central, remarks)
                       for m in groups) if g is not None]
    out.sort(key=lambda g: (-len(g.sources), -g.score, g.statement))
    return out[:limit]


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

    settings = getattr(models, "settings", None) or Settings()
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
        return replace(story, claims=(), origins=origins_by_settings(story.facts, settings))
    vectors = models.embedder.embed([f.content_text for f in frames])
    lap("embed")
    pairs = align(frames, vectors, settings=settings)
    lap("align")
    if timings is not None:
        timings["frames"] = len(frames)
        timings["pairs"] = len(pairs)
    # 1. independence before counting: reworded copies join the copies marked at ingest; then versions of one
    #    text (wire credit, shared sentences) become one origin
    story = mark_copies(story, reworded_copies(frames, pairs, story.articles, settings))
    shared = shared_sentences(story.facts, settings.origin_sentence_jaccard,
                              min_words=settings.origin_min_sentence_words)
    # the story's credits of each other's outlets: for origins (whole re-reports) and per statement (``credited``)
    outlets = outlet_credits_in(story.articles, {a.id: author_wire(a) for a in story.articles})
    origin_records = origins_by_settings(story.facts, settings, shared, outlets)
    origins = origin_of(origin_records)
    # 2. what may be compared: statements, on the story
    params = aspect_params(settings)
    stmts = [n for n, f in enumerate(frames) if f.statement]
    central = on_story(frames_at(frames, stmts), vectors[stmts], origins, params) if stmts else np.zeros(0)
    keep = [n for n, c in zip(stmts, central) if c > 0]
    centrality = {n: float(c) for n, c in zip(stmts, central)}
    # 3. aspects (lenient, average linkage) and positions inside each (average linkage over strict slot checks)
    sub_frames = frames_at(frames, keep)
    actors = aim_actors(sub_frames, story.entities)
    aspect_groups = [[keep[k] for k in g] for g in group_aspects(sub_frames, vectors[keep], params, actors)
                     ] if keep else []
    close = subject_matcher(sub_frames, models.embedder.embed, entities=story.entities)
    within = place_within(story.entities)
    tables = [pair_table(g, frames, vectors, params, close, within) for g in aspect_groups]
    aspect_positions = [table_positions(t, params) for t in tables]
    # 4. agreements: inside each position, the statements that pairwise state the same fact (no chaining), held
    #    by two or more independent origins
    frame_origin = {n: origins.get(frames[n].article_id, frames[n].article_id) for g in aspect_groups for n in g}
    aspect_facts = [[f for p in ps for f in table_facts(t, p, frame_origin)] for t, ps in zip(tables, aspect_positions)]
    sentences = frame_sentences(frames, story)
    copied, credited = copied_frames(sentences, shared), credited_frames(sentences, outlets[0])
    agreed = agreements(frames, vectors, [f for fs in aspect_facts for f in fs], origins, settings.max_agreements,
                        copied, credited, {e.id: e.name for e in story.entities if e.type == "PERSON"},
                        lead_centrality(frames, vectors, sentences, story, origins), short_remarks(frames, story))
    # 5. divergences: facts of one aspect that cannot both hold, for a named reason
    # descriptions and aims are compared as positions, never as conflicts
    stated = [[[n for n in f if not frames[n].inner] for f in fs] for fs in aspect_facts]
    conflicts = find_conflicts(frames, vectors, [[p for p in ps if p] for ps in stated], origins, settings,
                               speaker_roles(story.entities))
    # one count, one participant's record, one act's date, wherever the statements stand: numbered past the aspects
    known = conflicting_pairs(conflicts)
    by_key = quantity_conflicts(frames, keep, origins, known, surnames(story.entities),
                                home_places(frames, origins, story.entities))
    known |= conflicting_pairs(c for found in by_key for c in found)
    by_key += tally_conflicts(frames, keep, origins, known, tally_holders(story.facts),
                              {e.id: e.name for e in story.entities})
    known |= conflicting_pairs(c for found in by_key for c in found)
    by_key += date_conflicts(frames, keep, origins, known, (e.id for e in story.entities))
    conflicts += numbered_conflicts(by_key, len(aspect_groups))
    grouped = group_conflicts(frames, conflicts, origins)
    divergences = [d for _, d in grouped]
    divergence_of = {}
    for k, (aspect, _) in enumerate(grouped):
        divergence_of.setdefault(aspect, k)
    in_conflict = {n for c in conflicts for n in (c.i, c.j)}
    # a statement of a fact two origins hold is shared, never unique (the agreement shows it)
    shared = {n for fs in aspect_facts for f in fs
              if len({origins.get(frames[m].article_id, frames[m].article_id) for m in f}) >= 2 for n in f}
    main = main_entities(sub_frames, origins)
    divergences += unique_items(frames, pairs, origins, in_conflict | shared,
                                allowed={n for n in keep if not frames[n].inner}, main=main,
                                limit=settings.max_unique, settings=settings)
    aspects = build_aspects(frames, vectors, aspect_groups, aspect_positions, origins, centrality, divergences,
                            divergence_of, settings.max_aspects, copied, credited)
    links: list[SourceLink] = [SourceLink("copy", f"copy of article {a.copy_of}", (a.copy_of, a.id))
                               for a in story.articles if a.copy_of is not None]
    links += wire_links(story.articles) + speaker_links(frames, origins, {e.id: e.type for e in story.entities})
    lap("compare")
    return replace(story, claims=tuple(f.claim for f in frames), agreements=tuple(agreed),
                   divergences=tuple(divergences), aspects=tuple(aspects), origins=origin_records,
                   source_links=tuple(links))


def short_remarks(frames: Sequence[Frame], story: Story, words: int = AGREED_REMARK_WORDS) -> set[int]:
    """The frames that are a speaker's words quoted, of fewer than ``words`` words: quoted as the frame's text shows
    (``direct_quote``) or inside a direct quote the quotes stage found (one that runs over several sentences puts
    no marks around each: "… in my district. Right now, things are tense," Williams said)."""
    quoted = {fa.article.id: direct_quote_spans(fa) for fa in story.facts}
    return {n for n, f in enumerate(frames) if fewer_words(f.content_text, words)
            and (direct_quote(f) or any(q.covers(f.content) for q in quoted.get(f.article_id, ())))}


def lead_centrality(frames: Sequence[Frame], vectors: np.ndarray, sentences: Sequence[Span | None], story: Story,
                    origins: dict[int, int]) -> np.ndarray:
    """How close each frame reads to what the other reports lead with: per other independent origin, the cosine of
    the frame to the closest statement of that origin's leads (``ArticleFacts.lead_sentences``), averaged over
    those origins. News puts its main event first, so the fact most leads tell is the story's own; a remark quoted
    alike by two outlets, or a detail told far down, reads close to no lead. A frame's own origin is left out: its
    own lead is not evidence that the story is about it. ``sentences``: `frame_sentences`."""
    lead = {s.span for fa in story.facts for s in fa.lead_sentences()}
    by_origin: dict[int, list[int]] = defaultdict(list)
    for n, (f, at) in enumerate(zip(frames, sentences)):
        if at in lead and f.statement and not f.inner:
            by_origin[origins.get(f.article_id, f.article_id)].append(n)
    others = len(set(origins.values())) - 1
    if not by_origin or others < 1:
        return np.zeros(len(frames), dtype=np.float32)
    own = np.array([origins.get(f.article_id, f.article_id) for f in frames])
    cols = [n for rows in by_origin.values() for n in rows]
    starts = np.cumsum([0] + [len(rows) for rows in by_origin.values()])[:-1]
    closest = np.maximum.reduceat(vectors @ vectors[cols].T, starts, axis=1)  # frames x origins with a lead
    closest[own[:, None] == np.array(list(by_origin))[None, :]] = 0.0
    return (closest.sum(axis=1) / others).astype(np.float32)


def frame_sentences(frames: Sequence[Frame], story: Story) -> list[Span | None]:
    """The span of each frame's sentence."""
    sentence = {(fa.article.id, s.index): s.span for fa in story.facts for s in fa.sentences}
    return [sentence.get((f.article_id, f.claim.sentence_index)) for f in frames]


def copied_frames(sentences: Sequence[Span | None], shared: dict) -> dict[int, int]:
    """Frame index -> the number of the copied text its sentence is a version of (``sentence_copies`` of the
    story's near-identical sentence pairs), for the frames whose sentence (``frame_sentences``) another article
    prints near alike."""
    copies = sentence_copies(shared)
    return {n: copies[at] for n, at in enumerate(sentences) if at is not None and at in copies}


def credited_frames(sentences: Sequence[Span | None], credits: Sequence[Credit]) -> dict[int, int]:
    """Frame index -> the story's article whose outlet the frame's sentence (``frame_sentences``) credits for what
    it tells (the credits of ``independence.outlet_credits_in``)."""
    by_article: dict[int, list[Credit]] = defaultdict(list)
    for c in credits:
        by_article[c.article].append(c)
    out = {}
    for n, at in enumerate(sentences):
        hit = next((c for c in by_article.get(at.article_id, ()) if at.covers(c.span)), None) if at else None
        if hit is not None:
            out[n] = hit.outlet_article
    return out


def frames_at(frames: Sequence[Frame], idx: Sequence[int]) -> list[Frame]:
    return [frames[n] for n in idx]


def aspect_params(settings: Settings) -> AspectParams:
    return AspectParams(aspect_link=settings.aspect_link, position_sim=settings.position_similarity,
                        position_sim_anchored=settings.position_similarity_anchored,
                        position_link=settings.position_link)


def surnames(entities: Sequence[Entity]) -> dict[str, str]:
    """The last word of each spelling of the story's people (lower-cased) -> the person, where only one has it, or
    where one person is also spelt by that word alone (entity resolution gave the bare surname to that person)."""
    named: dict[str, set[str]] = defaultdict(set)
    alone: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        if e.type == "PERSON":
            for name in {e.name, *e.aliases}:
                if name.split():
                    named[name.split()[-1].lower()].add(e.id)
                    if len(name.split()) == 1:
                        alone[name.lower()].add(e.id)
    return {w: next(iter(alone[w] if len(alone.get(w, ())) == 1 else ids)) for w, ids in named.items()
            if len(ids) == 1 or len(alone.get(w, ())) == 1}


def home_places(frames: Sequence[Frame], origins: dict[int, int], entities: Sequence[Entity]) -> frozenset[str]:
    """The places at least half of the story's independent origins (two or more) name: where its event happens."""
    places = {e.id for e in entities if e.type in PLACE_LABELS}
    by: dict[str, set[int]] = defaultdict(set)
    for f in frames:
        for e in f.claim.entities:
            if e in places:
                by[e].add(origins.get(f.article_id, f.article_id))
    n = len({origins.get(f.article_id, f.article_id) for f in frames})
    return frozenset(e for e, o in by.items() if len(o) >= 2 and 2 * len(o) >= n)


def main_entities(frames: Sequence[Frame], origins: dict[int, int]) -> set[str]:
    """Entities (and resolved subjects) that two or more independent origins name: what the story is about."""
    by: dict[str, set[int]] = defaultdict(set)
    for f in frames:
        for e in set(f.claim.entities) | ({f.subject} if f.subject else set()):
            by[e].add(origins.get(f.article_id, f.article_id))
    if len({origins.get(f.article_id, f.article_id) for f in frames}) < 2:
        return set(by)
    return {e for e, o in by.items() if len(o) >= 2}


def build_aspects(frames: Sequence[Frame], vectors: np.ndarray, groups: Sequence[Sequence[int]],
                  group_positions: Sequence[Sequence[Sequence[int]]], origins: dict[int, int],
                  centrality: dict[int, float], divergences: Sequence[Divergence], divergence_of: dict[int, int],
                  limit: int, copied: Mapping[int, int] | None = None, credited: Mapping[int, int] | None = None
                  ) -> list[Aspect]:
    """Every aspect with the positions its origins take, ranked by independent origins, then centrality: an aspect
    only one origin speaks to is that source's answer, shown as such (its position is no agreement). Origins are
    counted as witnesses, as for agreements (``copied``, ``credited``: see ``verbatim_witnesses``)."""
    def witnesses(ns: Sequence[int]) -> tuple[int, ...]:
        return tuple(sorted(set(verbatim_witnesses(frames, ns, origins, copied, credited).values())))

    out: list[tuple[tuple, Aspect]] = []
    for a_id, (members, poss) in enumerate(zip(groups, group_positions)):
        o = witnesses(members)
        held = {tuple(ps): witnesses(ps) for ps in poss}
        records = []
        for ps in sorted(poss, key=lambda ps: (-len(held[tuple(ps)]), ps[0])):
            best = _clearest(frames, ps, vectors, {frames[n].article_id for n in ps
                                                  if origins.get(frames[n].article_id) != frames[n].article_id})
            records.append(AspectPosition(
                statement=frames[best].claim.span,
                origins=held[tuple(ps)],
                articles=tuple(sorted({frames[n].article_id for n in ps})),
                evidence=tuple(sorted(frames[n].claim.span for n in ps)),
                speakers=speakers_of(frames, ps)))
        div = divergence_of.get(a_id)
        head = frames[_clearest(frames, list(members), vectors, set())]
        cen = sum(centrality.get(n, 0.0) for n in members) / len(members)
        question = divergences[div].question if div is not None else aspect_question(head)
        out.append(((-len(o), -cen, members[0]), Aspect(question, tuple(records), tuple(o), round(cen, 4), div)))
    out.sort(key=lambda x: x[0])
    return [a for _, a in out[:limit]]


def aspect_question(f: Frame) -> str:
    """The aspect's question in plain words, from its clearest statement's subject and predicate."""
    subject = lower_first(" ".join((f.subject_text or "").split()).strip(" ,;:")) or "it"
    return f"What do the sources say about {subject}?"


def _opens_on_pronoun(text: str) -> bool:
    m = re.match(r"[\"“‘']?(\w+)", text)
    return bool(m) and m.group(1).lower() in {"he", "she", "they", "it", "this", "these", "those", "we", "i"}


def _reads_as_sentence(text: str) -> bool:
    """A claim a reader can take alone (``claims.reads_alone``): it opens like a sentence, its quotes are whole
    and credited to someone named."""
    return reads_alone(text)


def consolidate(story: Story, models: Any) -> Story:
    """The story stage: fill claims, agreements, divergences and source links; mark reworded copies.

    Args:
        story: a story whose per-article facts are extracted (and entities canonicalised).
        models: the loaded models (spaCy for the parse, MiniLM for the vectors).

    Returns:
        A new ``Story``; articles found to be reworded copies carry ``copy_of``/``copy_kind="reworded"``.
    """
    return consolidate_with(story, models)

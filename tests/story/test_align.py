"""Alignment: blocking finds the right candidates, relations follow slots and similarity."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.model import Article
from newsprism.pipeline import extract
from newsprism.story.align import align, nearest_neighbours, relate
from newsprism.extract.claims import extract_frames


def test_align_nearest_neighbours_exact():
    v = np.eye(4, dtype=np.float32)
    v[1] = [0.9, 0.1, 0, 0]
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    nn = nearest_neighbours(v, 1)
    assert (0, 1) in {(i, j) for i, j, _ in nn} and (1, 0) in {(i, j) for i, j, _ in nn}
    assert all(i != j for i, j, _ in nn)


@pytest.fixture(scope="module")
def story_frames(models):
    texts = {
        1: "Reznikov said Russia still had 40,000 troops in the region. The city council met on Monday.",
        2: "Russia had 40,000 troops in the region, the minister told Reuters. Firefighters put out a blaze.",
        3: "The troops finished withdrawing from the city at dawn.",
        4: "It will take at least a week for the troops to withdraw from the city, the minister said.",
    }
    frames = []
    for aid, text in texts.items():
        facts, doc = extract(Article(id=aid, text=text, source="-"), models)
        frames += extract_frames(facts, doc)
    vectors = models.embedder.embed([f.content_text for f in frames])
    return frames, vectors


def test_align_pairs_are_cross_article_and_find_the_same_figure(story_frames):
    frames, vectors = story_frames
    pairs = align(frames, vectors, k=3)
    assert all(frames[p.i].article_id != frames[p.j].article_id for p in pairs)
    same = {(frames[p.i].claim.id, frames[p.j].claim.id) for p in pairs if p.relation == "same"}
    assert ("a1-c1", "a2-c1") in same
    assert not any("a1-c2" in s or "a2-c2" in s for s in same)


def test_align_similar_is_not_same(story_frames):
    frames, vectors = story_frames
    done = next(f for f in frames if f.article_id == 3)
    fore = next(f for f in frames if f.article_id == 4)
    sim = float(vectors[frames.index(done)] @ vectors[frames.index(fore)])
    assert relate(done, fore, sim) in ("related", None)  # never an agreement: one finished, one forecast


def test_align_checks_arguments(story_frames):
    frames, vectors = story_frames
    with pytest.raises(ValueError):
        align(frames, vectors, k=0)
    with pytest.raises(ValueError):
        align(frames, vectors[:-1])


def test_align_array_relations_are_relate_pair_for_pair(models, kherson_articles):
    """``_relations`` (the candidates judged on arrays) gives ``relate``'s answer for every cross-article pair of
    the example story's claims, at the same cosine."""
    from newsprism.settings import Settings
    from newsprism.story.align import _relations

    frames = []
    for article in kherson_articles:
        facts, doc = extract(article, models)
        frames += extract_frames(facts, doc)
    vectors = models.embedder.embed([f.content_text for f in frames])
    pairs = [(i, j) for i in range(len(frames)) for j in range(i + 1, len(frames))
             if frames[i].article_id != frames[j].article_id]
    first = np.array([i for i, _ in pairs])
    second = np.array([j for _, j in pairs])
    sim = np.array([float(vectors[i] @ vectors[j]) for i, j in pairs])
    settings = Settings()
    got = _relations(frames, first, second, sim, settings)
    want = [relate(frames[i], frames[j], s, settings) for (i, j), s in zip(pairs, sim.tolist())]
    assert got == want
    assert {"same", "related", None} <= set(want)  # every outcome is exercised

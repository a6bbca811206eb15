"""PolNeAR dev quotes on a small subset, against pinned floors (skipped where the shared data is absent)."""

from __future__ import annotations

import pytest

from newsprism.evaluation.polnear import (annotation_file, article_names, char_map, default_data_dir, evaluate,
                                         read_ann)

DATA = default_data_dir()
needs_data = pytest.mark.skipif(not (DATA / "text").is_dir(), reason=f"PolNeAR data not found at {DATA}")


def test_polnear_char_map_follows_normalisation():
    raw = "A  line\r\n\n\n  “Quote”  here"
    from newsprism.text import normalise

    norm = normalise(raw)
    m = char_map(raw, norm)
    i = raw.index("“Quote”")
    assert norm[m[i]:m[i + 7]] == "“Quote”"


def test_polnear_sample_is_an_even_spread_by_name(tmp_path):
    """``--sample K`` scores every K-th article by name over the whole split, the same ones on every run."""
    (tmp_path / "text").mkdir()
    for i in reversed(range(10)):  # created out of order: the order is by name, not by the file system
        (tmp_path / "text" / f"a{i:02d}.txt").write_text("x", "utf-8")
    assert article_names(tmp_path, sample=3) == ["a00", "a03", "a06", "a09"]
    assert article_names(tmp_path, sample=3, limit=2) == ["a00", "a03"]
    assert article_names(tmp_path) == [f"a{i:02d}" for i in range(10)]
    with pytest.raises(ValueError):
        article_names(tmp_path, sample=0)


@needs_data
def test_polnear_reads_first_annotator_file():
    name = sorted(p.stem for p in (DATA / "text").glob("*.txt"))[0]
    ann = annotation_file(DATA, name)
    assert ann is not None and ann == sorted((DATA / "attributions").glob(f"{name}_*.ann"))[0]
    gold = read_ann(ann)
    assert gold and all(g.content for g in gold)


@pytest.mark.slow
@needs_data
def test_polnear_subset_above_floor(models):
    """First ten articles by name; floors pinned a little under the figures of 22 Nov 2026 (P .93 R .54 content,
    token F1 .75, speaker .89)."""
    scores = {s.feature: s for s in evaluate(DATA, models, limit=10)}
    assert scores["polnear/content"].precision >= 0.88
    assert scores["polnear/content"].recall >= 0.50
    assert scores["polnear/content-tokens"].f1 >= 0.70
    assert scores["polnear/speaker"].precision >= 0.84

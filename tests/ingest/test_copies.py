"""Copy detection: exact copies, near duplicates (lightly edited), different articles not flagged, the index."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from newsprism.ingest import copies
from newsprism.ingest.textfile import parse_text
from newsprism.settings import Settings
from newsprism.storage import Store

KHERSON = Path(__file__).resolve().parents[2] / "examples" / "kherson"


@pytest.fixture(scope="module")
def drafts():
    return [parse_text(p.read_text("utf-8"), str(p)) for p in sorted(KHERSON.glob("*.txt"))]


@pytest.fixture
def store(tmp_path):
    with Store(Settings(db_url=f"sqlite:///{tmp_path / 'c.db'}")) as s:
        yield s


def _light_edit(text: str) -> str:
    """What a site does to a wire story: a new first line, a word changed here and there, a credit at the end."""
    body = text.replace(" said ", " stated ", 1)
    return f"UPDATED: live coverage of the story.\n\n{body}\n\n(Reporting by staff; editing.)"


def test_copies_exact_copy_from_another_source_is_linked(store, drafts):
    for d in drafts:
        store.add_draft(d)
    copy, created = store.add_draft(dataclasses.replace(drafts[1], source="/elsewhere/mirror.txt"))
    assert created and copy.id == 5
    assert (copy.copy_of, copy.copy_kind, copy.copy_similarity) == (2, "exact", 1.0)
    assert all(a.copy_of is None for a in store.list()[:4])


def test_copies_exact_copy_ignores_case_and_spacing(store, drafts):
    store.add_draft(drafts[0])
    shouted = dataclasses.replace(drafts[0], source="b.txt", text=drafts[0].text.upper().replace(" ", "  "))
    copy, _ = store.add_draft(shouted)
    assert (copy.copy_of, copy.copy_kind) == (1, "exact")


def test_copies_lightly_edited_copy_is_a_near_duplicate(store, drafts):
    for d in drafts:
        store.add_draft(d)
    edited = dataclasses.replace(drafts[0], source="edited.txt", text=_light_edit(drafts[0].text))
    copy, _ = store.add_draft(edited)
    assert copy.copy_of == 1 and copy.copy_kind == "near"
    assert 0.8 <= copy.copy_similarity < 1.0


def test_copies_different_articles_of_the_same_story_are_not_flagged(store, drafts):
    # Four reports of one event share names, places and phrases, yet none copies another.
    for d in drafts:
        article, _ = store.add_draft(d)
        assert article.copy_of is None
    assert store.copies() == []


def test_copies_heavily_rewritten_text_is_not_a_near_copy(store, drafts):
    store.add_draft(drafts[0])
    paragraphs = drafts[0].text.split("\n\n")
    half = dataclasses.replace(drafts[0], source="half.txt", text="\n\n".join(paragraphs[: len(paragraphs) // 2]))
    article, _ = store.add_draft(half)
    assert article.copy_of is None  # half an article shares < 80% of its shingles with the whole


def test_copies_link_to_the_earliest_published_original(store, drafts):
    later = dataclasses.replace(drafts[0], source="later.txt", published=dt.date(2022, 11, 13))
    store.add_draft(later)
    earlier = dataclasses.replace(drafts[0], source="earlier.txt", published=dt.date(2022, 11, 10))
    first, _ = store.add_draft(earlier)
    assert first.copy_of is None
    assert store.get(1).copy_of == 2  # the group is re-rooted on the article provably published first
    third, _ = store.add_draft(dataclasses.replace(drafts[0], source="third.txt", published=None))
    assert third.copy_of == 2


def test_copies_copy_of_a_copy_links_to_the_original(store, drafts):
    store.add_draft(drafts[0])
    store.add_draft(dataclasses.replace(drafts[0], source="c1.txt"))
    second, _ = store.add_draft(dataclasses.replace(drafts[0], source="c2.txt", text=_light_edit(drafts[0].text)))
    assert second.copy_of == 1


def test_copies_index_is_persisted_inspectable_and_rebuildable(store, drafts):
    for d in drafts:
        store.add_draft(d)
    store.add_draft(dataclasses.replace(drafts[2], source="copy.txt", text=_light_edit(drafts[2].text)))
    stats = store.index_stats()
    assert (stats.signatures, stats.articles) == (5, 5)
    assert stats.band_rows == 5 * stats.params.bands
    assert stats.params.bands * stats.params.rows <= stats.params.num_perm
    assert stats.buckets_shared >= 1  # the copy shares buckets with its original
    db = store.engine.url.database
    con = sqlite3.connect(db)
    con.execute("DELETE FROM minhash_bands")
    con.execute("DELETE FROM minhash_signatures")
    con.commit()
    con.close()
    assert store.rebuild_duplicate_index() == 5
    assert store.index_stats() == stats
    assert [(c.copy.id, c.original.id) for c in store.copies()] == [(5, 3)]


def test_copies_relink_with_a_stricter_threshold_drops_near_links(tmp_path, drafts):
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'r.db'}")
    with Store(settings) as s:
        s.add_draft(drafts[0])
        edited = drafts[0].text.replace(" said ", " stated ").replace(" the ", " a ", 3)  # similarity about 0.9
        s.add_draft(dataclasses.replace(drafts[0], source="e.txt", text=edited))
        s.add_draft(dataclasses.replace(drafts[0], source="x.txt"))
        assert s.get(2).copy_kind == "near"
    # Opening with other parameters rebuilds the index itself; --relink re-detects the links.
    with Store(settings.with_(near_duplicate_threshold=0.98)) as s:
        assert s.index_stats().params.threshold == 0.98
        assert s.rebuild_duplicate_index(relink=True) == 3
        assert [(a.id, a.copy_of, a.copy_kind) for a in s.list()] == [(1, None, None), (2, None, None),
                                                                       (3, 1, "exact")]


def test_copies_threshold_too_high_for_the_permutations_is_a_config_error():
    from newsprism.errors import ConfigError

    with pytest.raises(ConfigError, match="too few LSH bands"):
        copies.index_params(Settings(near_duplicate_threshold=0.995))


def test_copies_shingles_and_signature_basics():
    params = copies.index_params(Settings())
    assert copies.shingles("One two three", 5) == {b"one two three"}
    assert copies.shingles("", 5) == set()
    a = copies.signature("the quick brown fox jumps over the lazy dog again", params)
    b = copies.signature("The quick brown fox jumps over the lazy dog again", params)
    assert a.similarity(b) == 1.0
    restored = copies.Signature.from_bytes(a.to_bytes(), a.shingles)
    assert restored.similarity(a) == 1.0
    assert copies.band_keys(copies.signature("", params), params) == []


# -- the MinHash and the banding, against datasketch itself ----------------------------------------------------


def test_copies_signature_is_datasketchs_affine32_minhash():
    """Our signature is value for value datasketch's MinHash (affine32, seed 1), so stored indexes stay valid."""
    from datasketch import MinHash

    from newsprism.ingest.copies import SCHEME, SEED, IndexParams, shingles, signature

    texts = ["The dam was breached early on Tuesday, officials said, and thousands left their homes.",
             "Ein Text auf Deutsch, mit Umlauten: Größe, Übung, Äpfel und Öl.", "short", ""]
    for num_perm in (16, 128):
        params = IndexParams(0.8, num_perm, 3, 4, num_perm // 4)
        for text in texts:
            ours = signature(text, params)
            ref = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
            grams = shingles(text, 3)
            if grams:
                ref.update_batch(sorted(grams))
            assert list(ours.hashvalues) == list(ref.hashvalues), (num_perm, text)
            assert ours.shingles == len(grams)
    a, b = (signature(t, IndexParams(0.8, 128, 3, 9, 13)) for t in texts[:2])
    ref_a, ref_b = (MinHash(num_perm=128, seed=SEED, scheme=SCHEME, hashvalues=s.hashvalues) for s in (a, b))
    assert a.similarity(b) == ref_a.jaccard(ref_b) and a.similarity(a) == 1.0


def test_copies_known_banding_is_what_datasketch_chooses(tmp_path):
    from datasketch import MinHashLSH

    from newsprism.ingest import copies

    for (threshold, num_perm), (bands, rows) in copies.KNOWN_BANDING.items():
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert (lsh.b, lsh.r) == (bands, rows), (threshold, num_perm)
    # a pair outside the table is computed once, then read from the cache folder
    got = copies._banding(0.75, 100, tmp_path)
    lsh = MinHashLSH(threshold=0.75, num_perm=100)
    assert got == (lsh.b, lsh.r)
    assert (tmp_path / copies.BANDING_FILE).exists()
    copies._banding.cache_clear()
    assert copies._banding(0.75, 100, tmp_path) == got

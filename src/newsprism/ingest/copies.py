"""Copy detection at ingest: exact copies (same content hash) and near duplicates (MinHash LSH over word shingles).

A copy is kept and linked to its original (``copy_of``) so that later stages never count it as an independent
source. Reworded copies (the same story rewritten) are not found here; consolidation finds them later.

How the near-duplicate index works, and why it lives in the database:

1. Each article's text is cut into overlapping shingles of ``settings.shingle_words`` words (case-folded), and a
   MinHash with ``settings.minhash_perm`` permutations summarises that shingle set: datasketch's ``affine32``
   scheme, computed here by the same formula (a test pins it value for value to datasketch's), because importing
   datasketch loads its LSH module and with it ``scipy.integrate`` (about 0.6 s on every run).
2. datasketch's ``MinHashLSH`` picks the banding (``b`` bands of ``r`` rows) that best separates pairs above and
   below ``settings.near_duplicate_threshold``; the choice depends only on (threshold, permutations), so it is
   computed once per pair and kept (a shipped table for the defaults, else a file in the cache folder). We keep its parameters but store each band's bucket key as a row
   (``minhash_bands``), so the index is written in the same transaction as its article, survives restarts, can be
   queried with plain SQL on any database, and can be inspected or rebuilt from the stored signatures.
3. Articles that share a bucket in any band are candidates; a candidate is a near copy only if the MinHash estimate
   of the Jaccard similarity of the two shingle sets reaches the threshold.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from ..settings import Settings
from ..text import fold_invisible

_WORD = re.compile(r"\w+", re.UNICODE)
SEED = 1  # fixed so signatures stored by one process compare with those of another
SCHEME = "affine32"  # datasketch's permutation scheme; stored signatures only compare within one scheme


@dataclass(frozen=True, slots=True)
class IndexParams:
    """The parameters a duplicate index is built with; an index built with others must be rebuilt."""

    threshold: float
    num_perm: int
    shingle_words: int
    bands: int
    rows: int

    def as_meta(self) -> dict[str, str]:
        return {"threshold": repr(self.threshold), "num_perm": str(self.num_perm),
                "shingle_words": str(self.shingle_words), "scheme": SCHEME, "bands": str(self.bands),
                "rows": str(self.rows)}


def key_params(settings: Settings) -> dict[str, str]:
    """The settings an index depends on (bands and rows follow from them), as stored in ``index_meta``."""
    return {"threshold": repr(settings.near_duplicate_threshold), "num_perm": str(settings.minhash_perm),
            "shingle_words": str(settings.shingle_words), "scheme": SCHEME}


# (threshold, permutations) -> (bands, rows), as datasketch's MinHashLSH chooses them (tests check each entry).
KNOWN_BANDING = {(0.8, 128): (9, 13), (0.9, 128): (5, 25), (0.7, 128): (14, 9), (0.5, 128): (25, 5),
                 (0.8, 256): (17, 15), (0.8, 64): (5, 11)}
BANDING_FILE = "lsh-banding.json"


@cache
def _banding(threshold: float, num_perm: int, cache_dir: Path | None = None) -> tuple[int, int]:
    """LSH bands and rows for (threshold, permutations): the shipped table, the cache file, else datasketch."""
    if (threshold, num_perm) in KNOWN_BANDING:
        return KNOWN_BANDING[(threshold, num_perm)]
    path = Path(cache_dir) / BANDING_FILE if cache_dir is not None else None
    key = f"{threshold!r}/{num_perm}"
    try:
        stored = json.loads(path.read_text("utf-8")) if path is not None else {}
    except (OSError, ValueError):
        stored = {}
    if key in stored:
        return tuple(stored[key])  # type: ignore[return-value]
    from datasketch import MinHashLSH  # imported only here: datasketch pulls in scipy (about a second)

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(json.dumps(stored | {key: [lsh.b, lsh.r]}), "utf-8")
            os.replace(tmp, path)  # atomic: a concurrent process reads the old file or the new one
        except OSError:
            pass  # a read-only cache costs the computation next time, nothing else
    return lsh.b, lsh.r


def index_params(settings: Settings) -> IndexParams:
    """The LSH parameters for the settings' threshold, permutations and shingle size."""
    try:
        bands, rows = _banding(settings.near_duplicate_threshold, settings.minhash_perm, settings.cache_dir)
    except ValueError as exc:  # datasketch needs at least two bands
        raise ConfigError(f"near_duplicate_threshold {settings.near_duplicate_threshold} with minhash_perm "
                          f"{settings.minhash_perm} leaves too few LSH bands ({exc}); lower the threshold or "
                          "raise minhash_perm", code="config.invalid") from exc
    return IndexParams(settings.near_duplicate_threshold, settings.minhash_perm, settings.shingle_words, bands, rows)


def shingles(text: str, k: int) -> set[bytes]:
    """Distinct k-word shingles of ``text``, case-folded and without invisible format characters (a soft hyphen or
    joiner inside a word must not split it); a text shorter than k words is one shingle."""
    words = _WORD.findall(fold_invisible(text).casefold())
    if not words:
        return set()
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


# datasketch's affine32 scheme: the input hash (first 4 bytes of SHA-1, little-endian) is pre-mixed with the
# MurmurHash3 32-bit finalizer, then permuted as a*h + b mod 2**32 with odd a, drawn from RandomState(seed).
_MAX32 = np.uint32(0xFFFFFFFF)
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@dataclass(frozen=True, slots=True)
class Signature:
    """A MinHash signature (``num_perm`` values) and the number of shingles it summarises."""

    hashvalues: "np.ndarray"
    shingles: int

    def to_bytes(self) -> bytes:
        return np.asarray(self.hashvalues, dtype="<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> "Signature":
        return cls(np.frombuffer(data, dtype="<u8").astype(np.uint32), shingles)

    def similarity(self, other: "Signature") -> float:
        """MinHash estimate of the Jaccard similarity of the two shingle sets."""
        if len(self.hashvalues) != len(other.hashvalues):
            raise ValueError("signatures with different numbers of permutations do not compare")
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / float(len(self.hashvalues))


@cache
def _permutations(num_perm: int) -> tuple["np.ndarray", "np.ndarray"]:
    """The seeded permutations (a, b), drawn once per process rather than once per article."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: "np.ndarray") -> "np.ndarray":
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


def signature(text: str, params: IndexParams) -> Signature:
    """The MinHash signature of one article's text."""
    grams = shingles(text, params.shingle_words)
    values = np.full(params.num_perm, _MAX32, dtype=np.uint32)
    if grams:
        a, b = _permutations(params.num_perm)
        hv = np.array([struct.unpack("<I", hashlib.sha1(g).digest()[:4])[0] for g in sorted(grams)], np.uint32)
        with np.errstate(over="ignore"):  # the wrap-around is the modulo 2**32 of the scheme
            values = np.minimum(values, (_fmix32(hv).reshape(-1, 1) * a + b).min(axis=0))
    return Signature(values, len(grams))


def band_keys(sig: Signature, params: IndexParams) -> list[tuple[int, str]]:
    """``(band, bucket)`` pairs of the signature: the keys under which the LSH index files it."""
    if sig.shingles == 0:
        return []  # an empty text must not collide with every other empty text
    values = np.asarray(sig.hashvalues, dtype="<u8")
    out = []
    for band in range(params.bands):
        chunk = values[band * params.rows : (band + 1) * params.rows].tobytes()
        out.append((band, hashlib.blake2b(chunk, digest_size=12).hexdigest()))
    return out

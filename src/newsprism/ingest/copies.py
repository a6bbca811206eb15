"""Copy detection at ingest: exact copies (same content hash) and near duplicates (MinHash LSH over word shingles).

A copy is kept and linked to its original (``copy_of``) so that later stages never count it as an independent
source. Reworded copies (the same story rewritten) are not found here; consolidation finds them later.

How the near-duplicate index works, and why it lives in the database:

1. Each article's text is cut into overlapping shingles of ``settings.shingle_words`` words (case-folded), and a
   datasketch ``MinHash`` with ``settings.minhash_perm`` permutations summarises that shingle set.
2. datasketch's ``MinHashLSH`` picks the banding (``b`` bands of ``r`` rows) that best separates pairs above and
   below ``settings.near_duplicate_threshold``. We keep its parameters but store each band's bucket key as a row
   (``minhash_bands``), so the index is written in the same transaction as its article, survives restarts, can be
   queried with plain SQL on any database, and can be inspected or rebuilt from the stored signatures.
3. Articles that share a bucket in any band are candidates; a candidate is a near copy only if the MinHash estimate
   of the Jaccard similarity of the two shingle sets reaches the threshold.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ConfigError
from ..settings import Settings
from ..text import fold_invisible

if TYPE_CHECKING:  # pragma: no cover
    from datasketch import MinHash

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


@cache
def _banding(threshold: float, num_perm: int) -> tuple[int, int]:
    from datasketch import MinHashLSH  # imported on first use: datasketch pulls in scipy (about a second)

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def index_params(settings: Settings) -> IndexParams:
    """The LSH parameters for the settings' threshold, permutations and shingle size."""
    try:
        bands, rows = _banding(settings.near_duplicate_threshold, settings.minhash_perm)
    except ValueError as exc:  # datasketch needs at least two bands
        raise ConfigError(f"near_duplicate_threshold {settings.near_duplicate_threshold} with minhash_perm "
                          f"{settings.minhash_perm} leaves too few LSH bands ({exc}); lower the threshold or "
                          "raise minhash_perm") from exc
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


@dataclass(frozen=True, slots=True)
class Signature:
    """A MinHash signature and the number of shingles it summarises."""

    minhash: "MinHash"
    shingles: int

    def to_bytes(self) -> bytes:
        return np.asarray(self.minhash.hashvalues, dtype="<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> "Signature":
        from datasketch import MinHash

        values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
        return cls(MinHash(num_perm=len(values), seed=SEED, hashvalues=values, scheme=SCHEME), shingles)

    def similarity(self, other: "Signature") -> float:
        """MinHash estimate of the Jaccard similarity of the two shingle sets."""
        return float(self.minhash.jaccard(other.minhash))


@cache
def _permutations(num_perm: int) -> "np.ndarray":
    """The seeded permutations, drawn once per process rather than once per article."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME).permutations


def signature(text: str, params: IndexParams) -> Signature:
    """The MinHash signature of one article's text."""
    from datasketch import MinHash

    grams = shingles(text, params.shingle_words)
    mh = MinHash(num_perm=params.num_perm, seed=SEED, scheme=SCHEME, permutations=_permutations(params.num_perm))
    if grams:
        mh.update_batch(sorted(grams))
    return Signature(mh, len(grams))


def band_keys(sig: Signature, params: IndexParams) -> list[tuple[int, str]]:
    """``(band, bucket)`` pairs of the signature: the keys under which the LSH index files it."""
    if sig.shingles == 0:
        return []  # an empty text must not collide with every other empty text
    values = np.asarray(sig.minhash.hashvalues, dtype="<u8")
    out = []
    for band in range(params.bands):
        chunk = values[band * params.rows : (band + 1) * params.rows].tobytes()
        out.append((band, hashlib.blake2b(chunk, digest_size=12).hexdigest()))
    return out

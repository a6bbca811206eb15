"""Independence: which articles are copies of others, and which share an origin (a wire agency, a speaker).

Count witnesses, not articles. Exact and near copies come marked from ingest; a *reworded* copy is found here:
most of an article's claims align, in order, to the claims of one other article (the longest common
subsequence over aligned claims, computed as the longest increasing run of matched positions).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..model import Article, SourceLink, Span
from .align import Pair
from ..extract.claims import Frame, same_speaker, speaker_words  # noqa: F401 - re-exported

REWORDED_SHARE = 0.6  # share of an article's claims aligned in order to one other article
REWORDED_MIN_CLAIMS = 3
REWORDED_SIM = 0.72  # a claim "matches" at this similarity or as a "same" pair

# Wire agencies by their spellings; a general list of international news agencies, not tuned to any story.
WIRES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "Bloomberg": ("Bloomberg",),
    "UPI": ("UPI", "United Press International"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Xinhua": ("Xinhua",),
    "Interfax": ("Interfax",),
    "TASS": ("TASS",),
    "PA": ("PA Media", "Press Association"),
    "Kyodo": ("Kyodo",),
    "Yonhap": ("Yonhap",),
}
_WIRE_NAME = "|".join(sorted((re.escape(s) for v in WIRES.values() for s in v), key=len, reverse=True))
_WIRE_OF = {s.lower(): k for k, v in WIRES.items() for s in v}
# The ways a report credits an agency: "told Reuters", "according to AP", "(AFP) -", "With reporting by AP, Reuters",
# "Reuters confirmed", "accessed by Reuters", "contributed to this report".
_CREDIT = re.compile(
    rf"\b(?:told|to|by|with|from|via|according to)\s+(?:the\s+)?(?P<a>{_WIRE_NAME})\b"
    rf"|\((?P<b>{_WIRE_NAME})\)"
    rf"|\b(?P<c>{_WIRE_NAME})\s+(?:confirmed|reported|said|contributed|verified|news agency)\b")
_REPORTING_BY = re.compile(r"(?:with\s+)?(?:additional\s+)?reporting\s+(?:by|from)\s+(?P<list>[^\n.]+)", re.I)


@dataclass(frozen=True, slots=True)
class CopyFinding:
    copy: int
    original: int
    share: float  # aligned-in-order claims / claims of the copy


def _lis_length(seq: Sequence[int]) -> int:
    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def reworded_copies(frames: Sequence[Frame], pairs: Iterable[Pair], articles: Sequence[Article]) -> list[CopyFinding]:
    """Articles most of whose claims align, in order, to one other article.

    Of two articles that mirror each other, the copy is the later one (by stated or inferred date), else the
    shorter, else the one with the higher id: originals are written first and copies trim.
    """
    by_article: dict[int, list[int]] = defaultdict(list)
    for n, f in enumerate(frames):
        by_article[f.article_id].append(n)
    pos = {n: k for ids in by_article.values() for k, n in enumerate(ids)}
    # best match of each claim in each other article
    best: dict[tuple[int, int], dict[int, tuple[float, int]]] = defaultdict(dict)
    for p in pairs:
        a, b = frames[p.i], frames[p.j]
        if a.article_id == b.article_id or not (p.relation == "same" or p.similarity >= REWORDED_SIM):
            continue
        for x, y in ((p.i, p.j), (p.j, p.i)):
            key = (frames[x].article_id, frames[y].article_id)
            if p.similarity > best[key].get(x, (-1.0, 0))[0]:
                best[key][x] = (p.similarity, pos[y])
    by_id = {a.id: a for a in articles}
    found: dict[int, CopyFinding] = {}
    for (x_art, y_art), matches in best.items():
        n_claims = len(by_article[x_art])
        if n_claims < REWORDED_MIN_CLAIMS or by_id[x_art].copy_of is not None or by_id[y_art].copy_of is not None:
            continue
        seq = [matches[n][1] for n in by_article[x_art] if n in matches]
        share = _lis_length(seq) / n_claims
        if share < REWORDED_SHARE:
            continue
        # both directions may pass: keep the earlier/longer one as the original
        reverse = best.get((y_art, x_art), {})
        rev_share = _lis_length([reverse[n][1] for n in by_article[y_art] if n in reverse]) / max(1, len(by_article[y_art]))
        if rev_share >= REWORDED_SHARE and _original_first(by_id[x_art], by_id[y_art], len(by_article[x_art]),
                                                           len(by_article[y_art])):
            continue  # x is the original of the pair
        if x_art not in found or found[x_art].share < share:
            found[x_art] = CopyFinding(x_art, y_art, share)
    # no chains: an original never is itself a copy here
    return [f for f in found.values() if f.original not in found]


def _original_first(x: Article, y: Article, x_claims: int, y_claims: int) -> bool:
    """True when x rather than y should be taken as the original."""
    dx, dy = x.reference_date, y.reference_date
    if dx and dy and dx != dy:
        return dx < dy
    if x_claims != y_claims:
        return x_claims > y_claims
    return x.id < y.id


def origin_map(articles: Sequence[Article]) -> dict[int, int]:
    """Article id -> the id of the original it copies (itself for originals); chains are followed."""
    copy_of = {a.id: a.copy_of for a in articles}
    out: dict[int, int] = {}
    for a in articles:
        cur, seen = a.id, set()
        while copy_of.get(cur) is not None and cur not in seen and copy_of[cur] in copy_of:
            seen.add(cur)
            cur = copy_of[cur]  # type: ignore[assignment]
        out[a.id] = cur
    return out


def wire_credits(article: Article) -> dict[str, list[Span]]:
    """Agencies an article credits, with the spans of the credits."""
    out: dict[str, list[Span]] = defaultdict(list)
    text = article.text
    for m in _CREDIT.finditer(text):
        g = next(k for k in ("a", "b", "c") if m.group(k))
        out[_WIRE_OF[m.group(g).lower()]].append(Span(article.id, m.start(g), m.end(g)))
    for m in _REPORTING_BY.finditer(text):
        base = m.start("list")
        for w in re.finditer(_WIRE_NAME, m.group("list")):
            out[_WIRE_OF[w.group(0).lower()]].append(Span(article.id, base + w.start(), base + w.end()))
    return out


def wire_links(articles: Sequence[Article]) -> list[SourceLink]:
    """One link per agency credited by two or more articles: they may share an origin."""
    by_wire: dict[str, dict[int, list[Span]]] = defaultdict(dict)
    for a in articles:
        for wire, spans in wire_credits(a).items():
            by_wire[wire][a.id] = spans
    return [SourceLink("wire", wire, tuple(sorted(arts)), tuple(s for aid in sorted(arts) for s in arts[aid]))
            for wire, arts in sorted(by_wire.items()) if len(arts) >= 2]


def speaker_links(frames: Sequence[Frame], origins: dict[int, int],
                  entity_types: dict[str, str] | None = None) -> list[SourceLink]:
    """Named people or organisations quoted by two or more independent articles: a shared original speaker.

    Only speakers resolved to a story entity of type PERSON or ORG count (a description like "residents of the
    district" is no one source)."""
    types = entity_types or {}
    groups: dict[str, dict[int, list[Span]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    for f in frames:
        c = f.claim
        key = c.speaker_entity
        if not key or types.get(key) not in ("PERSON", "ORG"):
            continue
        groups[key][c.span.article_id].append(c.span)
        if len(c.speaker or "") > len(names.get(key, "")):
            names[key] = c.speaker or key
    out = []
    for key, arts in sorted(groups.items()):
        if len({origins.get(a, a) for a in arts}) >= 2:
            out.append(SourceLink("speaker", names[key], tuple(sorted(arts)),
                                  tuple(s for aid in sorted(arts) for s in arts[aid][:2])))
    return out

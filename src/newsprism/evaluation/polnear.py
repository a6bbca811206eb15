"""Quotes with speakers measured on PolNeAR (brat standoff attributions of US political news, 2016).

Data: ``<data>/text/<name>.txt`` and ``<data>/attributions/<name>_<annotator>.ann``; several annotators annotated
some articles, and we always take the annotator file that sorts first by name, for every article alike. Each
``E`` line links a Content span (possibly discontinuous) with its Cue and, mostly, its Source span.

Articles are built with the text normalised exactly as at ingest (``newsprism.text.normalise``) and gold offsets
are mapped onto it through a character alignment, so the stage runs as it does in the product.

Figures (``evaluate``):

- ``polnear/content`` — attribution P/R/F1 with an **overlap** match: a system quote (attributed ones only:
  unattributed quotes are by design scare quotes, which PolNeAR does not annotate) matches a gold attribution when
  one of its parts overlaps one gold content piece by at least half the shorter; one-to-one, greedy by overlap.
- ``polnear/content-tokens`` — token-level P/R/F1 of content: word tokens inside system contents against word
  tokens inside gold contents (quote marks and a leading "that" do not count on either side).
- ``polnear/content-exact`` — P/R of pairs whose contents are equal after folding case, quotation marks, commas,
  spacing and a leading "that".
- ``polnear/speaker`` and ``polnear/speaker-direct`` — speaker accuracy on matched quotes whose gold has a Source:
  ``correct`` counts pairs whose speaker mention overlaps the gold Source span, or whose resolved speaker contains
  the gold source's words; precision = recall = accuracy there.
- ``polnear/content-direct`` — the overlap P/R restricted to the system's direct quotes (recall against all gold
  attributions whose content holds a quotation mark).

The direct-quote figures (issue 11) count **every** direct quote the stage reports, attributed or not (the report
shows both), so a scare quote, a title or a slogan reported as a quote costs precision, and a quote left without a
speaker costs speaker accuracy:

- ``polnear/direct`` — content P/R/F1 of direct quotes. A gold attribution is *direct* when at least half of its
  content's word tokens stand inside quotation marks (a reported clause with a quoted fragment is indirect speech).
  System direct quotes are matched one-to-one to any gold attribution by the overlap rule above (a quoted fragment
  of a longer gold content is still a real quote); precision = matched / system direct quotes, recall = gold direct
  attributions matched / gold direct attributions.
- ``polnear/direct-speaker`` — speaker accuracy over matched direct quotes whose gold Source is a name or a
  description, not a pronoun ("he", "who", …): right when the speaker mention overlaps the gold Source or the
  resolved speaker holds the gold source's words; a quote without speaker is wrong. P = R = accuracy.
- ``polnear/direct-e2e`` — end-to-end P/R/F1: a system direct quote counts when its content is matched and its
  speaker is right (for a gold attribution without Source, when the system leaves the speaker empty too).

Selecting a split: ``polnear-dev`` (default) or ``polnear-train`` (``split="train"``); ``sample=k`` scores every
k-th article by name, a deterministic sample for the larger split.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import Score, data_root, normalise_key, prf

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Quote
    from ..nlp.models import Models

_WORD = re.compile(r"\w+(?:['’]\w+)*")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]
    source: tuple[int, int] | None
    source_text: str
    cue: tuple[int, int] | None


SPLITS = ("dev", "train")
# Sources that are pronouns: speaker accuracy is measured on names and descriptions only.
PRONOUN_SOURCES = frozenset("i me we us you he him she her they them it who whom which that this these those one "
                            "someone somebody".split())
_QMARK_OPEN = "“„«"
_QMARK_CLOSE = "”»"


def default_data_dir(split: str = "dev") -> Path:
    if split not in SPLITS:
        raise ValueError(f"PolNeAR split must be one of {', '.join(SPLITS)}, not {split!r}")
    return data_root() / f"polnear-{split}"


def annotation_file(data_dir: Path, name: str) -> Path | None:
    """The first annotator's file (by name) for one article, or None."""
    files = sorted((data_dir / "attributions").glob(f"{name}_*.ann"))
    return files[0] if files else None


def article_names(data_dir: Path, *, sample: int = 1, limit: int | None = None) -> list[str]:
    """The articles scored: every ``sample``-th by name, spread over the whole split (names 0, k, 2k, …), not the
    first ones; then the first ``limit`` of those.

    Raises:
        ValueError: ``sample`` or ``limit`` below 1.
    """
    if sample < 1:
        raise ValueError("sample must be 1 or more")
    if limit is not None and limit < 1:
        raise ValueError("limit must be 1 or more")
    names = sorted(p.stem for p in (data_dir / "text").glob("*.txt"))[::sample]
    return names[:limit] if limit is not None else names


def read_ann(path: Path) -> list[GoldAttribution]:
    """Attribution relations of one brat file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offs = parts[1].partition(" ")
            pieces = tuple(tuple(int(x) for x in p.split()) for p in offs.split(";"))
            spans[parts[0]] = (label, pieces, parts[2] if len(parts) > 2 else "")  # type: ignore[assignment]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
    out = []
    for e in events:
        content = spans.get(e.get("Content", ""))
        if content is None:
            continue
        source = spans.get(e.get("Source", ""))
        cue = spans.get(e.get("Cue", ""))
        out.append(GoldAttribution(
            content=content[1],
            source=(source[1][0][0], source[1][-1][1]) if source else None,
            source_text=source[2] if source else "",
            cue=(cue[1][0][0], cue[1][-1][1]) if cue else None))
    return out


def char_map(raw: str, norm: str) -> list[int]:
    """For every offset of ``raw`` (0..len), the corresponding offset in ``norm``.

    Normalising only folds whitespace and control characters in practice, so a greedy walk aligns them; other
    changes (NFC) fall back to difflib.
    """
    out = [0] * (len(raw) + 1)
    i = j = 0
    while i < len(raw):
        out[i] = j
        if j < len(norm) and raw[i] == norm[j]:
            i += 1
            j += 1
        elif raw[i].isspace() or not raw[i].isprintable() or raw[i] == "\ufeff":
            i += 1
        elif j < len(norm) and norm[j].isspace():
            j += 1
        else:
            return _difflib_map(raw, norm)
    out[len(raw)] = j
    return out


def _difflib_map(raw: str, norm: str) -> list[int]:
    out = [0] * (len(raw) + 1)
    last = 0
    matcher = difflib.SequenceMatcher(None, raw, norm, autojunk=False)
    blocks = matcher.get_matching_blocks()
    k = 0
    for i in range(len(raw) + 1):
        while k < len(blocks) and blocks[k].a + blocks[k].size <= i and blocks[k].size:
            k += 1
        if k < len(blocks) and blocks[k].a <= i < blocks[k].a + blocks[k].size:
            last = blocks[k].b + (i - blocks[k].a)
        out[i] = last
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match_amount(sys_pieces: list[tuple[int, int]], gold_pieces: tuple[tuple[int, int], ...]) -> int:
    """Overlap of the best piece pair, if it is at least half the shorter piece; else 0."""
    best = 0
    for s in sys_pieces:
        for g in gold_pieces:
            inter = _overlap(s, g)
            if inter > 0 and inter >= 0.5 * min(s[1] - s[0], g[1] - g[0]):
                best = max(best, inter)
    return best


def _tokens(text: str, pieces: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> set[int]:
    """Start offsets of word tokens in the pieces, without a leading complementiser "that"."""
    out: set[int] = set()
    for a, b in pieces:
        words = [(m.start() + a, m.group()) for m in _WORD.finditer(text[a:b])]
        if words and words[0][1].lower() == "that":
            words = words[1:]
        out.update(w[0] for w in words)
    return out


def _fold(text: str, pieces) -> str:
    """Content compared without quotation marks, commas and a leading "that"."""
    key = normalise_key(" ".join(text[a:b] for a, b in pieces))
    key = re.sub(r"[\"',]", " ", key)
    return re.sub(r"^that ", "", re.sub(r"\s+", " ", key).strip(" ."))


def evaluate(data_dir: Path | None = None, models: "Models | None" = None, *, limit: int | None = None,
             sample: int = 1) -> list[Score]:
    """Run the quotes stage on every PolNeAR text and score it (see the module docstring).

    Args:
        data_dir: the ``polnear-dev`` or ``polnear-train`` folder (default: ``default_data_dir()``).
        models: loaded models (built with default settings when None).
        limit: score only the first ``limit`` articles by name (for quick tests).
        sample: score every ``sample``-th article by name (a deterministic sample; 1 = all).
    """
    from ..model import Article
    from ..extract.sentences import parse_article as parse
    from ..extract.quotes import find_quotes
    from ..text import normalise

    data_dir = data_dir or default_data_dir()
    if models is None:
        from ..nlp.models import Models
        from ..settings import Settings

        models = Models(Settings())
    names = article_names(data_dir, sample=sample, limit=limit)

    counts = {k: [0, 0, 0, 0] for k in ("content", "content-direct", "content-exact", "speaker", "speaker-direct",
                                        "direct", "direct-speaker", "direct-e2e")}
    tok = [0, 0, 0]  # system tokens, gold tokens, shared
    for n, name in enumerate(names, 1):
        ann = annotation_file(data_dir, name)
        if ann is None:
            continue
        raw = (data_dir / "text" / f"{name}.txt").read_text("utf-8")
        text = normalise(raw)
        cmap = char_map(raw, text) if text != raw else None

        def m(off: int) -> int:
            return cmap[min(off, len(raw))] if cmap is not None else off

        gold = [GoldAttribution(tuple((m(a), m(b)) for a, b in g.content),
                                (m(g.source[0]), m(g.source[1])) if g.source else None, g.source_text,
                                (m(g.cue[0]), m(g.cue[1])) if g.cue else None) for g in read_ann(ann)]
        facts, doc = parse(Article(id=n, text=text, source=str(data_dir / "text" / f"{name}.txt")), models)
        found = find_quotes(facts, doc, models).quotes
        _score_article(text, [q for q in found if q.speaker is not None], gold, counts, tok)
        score_direct(text, [q for q in found if q.direct], gold, counts)

    def c(k: str, feature: str) -> Score:
        return prf(feature, *counts[k])

    return [
        c("content", "polnear/content"),
        prf("polnear/content-tokens", tok[2], tok[0], tok[2], tok[1]),
        c("content-exact", "polnear/content-exact"),
        c("content-direct", "polnear/content-direct"),
        c("speaker", "polnear/speaker"),
        c("speaker-direct", "polnear/speaker-direct"),
        c("direct", "polnear/direct"),
        c("direct-speaker", "polnear/direct-speaker"),
        c("direct-e2e", "polnear/direct-e2e"),
    ]


def quoted_share(text: str, pieces: tuple[tuple[int, int], ...]) -> float:
    """The share of the word tokens of ``pieces`` that stand inside quotation marks. Marks are paired within the
    content: curly and guillemet marks by their direction, straight marks (and '') by turns; a mark left open runs to the
    end of its piece (a quote continued into the next paragraph)."""
    inside = total = 0
    for a, b in pieces:
        seg = text[a:b].replace("''", '" ')  # two apostrophes are one straight double mark (NYT archive texts)
        flags = [False] * len(seg)
        state = False
        for i, ch in enumerate(seg):
            if ch in _QMARK_OPEN:
                state = True
            elif ch in _QMARK_CLOSE:
                state = False
            elif ch == '"':
                state = not state
            else:
                flags[i] = state
        if not any(ch in _QMARK_OPEN + _QMARK_CLOSE + '"' for ch in seg):
            flags = [False] * len(seg)
        for m in _WORD.finditer(seg):
            total += 1
            inside += flags[m.start()]
    return inside / total if total else 0.0


def is_pronoun_source(g: GoldAttribution) -> bool:
    words = normalise_key(g.source_text).split()
    return len(words) == 1 and words[0] in PRONOUN_SOURCES


def _greedy_one_to_one(scored: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one matching greedy by amount: (amount, a, b) triples, best first; each a and each b used once."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched: list[tuple[int, int]] = []
    for amount, a, b in sorted(scored, reverse=True):
        if amount <= 0:
            break
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        matched.append((a, b))
    return matched


def _add(counts: dict[str, list[int]], key: str, correct_p: int, found: int, correct_r: int, n_gold: int) -> None:
    c = counts[key]
    c[0] += correct_p
    c[1] += found
    c[2] += correct_r
    c[3] += n_gold


def score_direct(text: str, quotes: list["Quote"], gold: list[GoldAttribution], counts: dict[str, list[int]]) -> None:
    """Add one article's direct-quote figures (``direct``, ``direct-speaker``, ``direct-e2e``) to ``counts``.

    ``quotes`` are all the system's direct quotes, attributed or not; see the module docstring for the rules.
    """
    gold_direct = {j for j, g in enumerate(gold) if quoted_share(text, g.content) >= 0.5}
    matched = _greedy_one_to_one((max(_match_amount([p], g.content) for p in _pieces(q)), i, j)
                                 for i, q in enumerate(quotes) for j, g in enumerate(gold))
    add = partial(_add, counts)

    add("direct", len(matched), len(quotes), sum(1 for _, j in matched if j in gold_direct), len(gold_direct))
    named = [(i, j) for i, j in matched if gold[j].source is not None and not is_pronoun_source(gold[j])]
    right = sum(1 for i, j in named if quotes[i].speaker is not None and _speaker_right(text, quotes[i], gold[j]))
    add("direct-speaker", right, len(named), right, len(named))

    def e2e(i: int, j: int) -> bool:
        if gold[j].source is None:
            return quotes[i].speaker is None
        return quotes[i].speaker is not None and _speaker_right(text, quotes[i], gold[j])

    good = [(i, j) for i, j in matched if e2e(i, j)]
    add("direct-e2e", len(good), len(quotes), sum(1 for _, j in good if j in gold_direct), len(gold_direct))


def _pieces(q: "Quote") -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in (q.parts or (q.span,))]


def _speaker_right(text: str, q: "Quote", g: GoldAttribution) -> bool:
    if g.source is None:
        return False
    if q.speaker_span is not None and _overlap((q.speaker_span.start, q.speaker_span.end), g.source) > 0:
        return True
    gold_words = normalise_key(text[g.source[0]:g.source[1]]).split()
    said = normalise_key(q.speaker or "").split()
    return bool(gold_words) and all(w in said for w in gold_words if w not in ("the", "a", "an"))


def _score_article(text: str, quotes: list["Quote"], gold: list[GoldAttribution], counts: dict[str, list[int]],
                   tok: list[int]) -> None:
    # one-to-one matching of quote parts to gold attributions, greedy by overlap: a quote split around its
    # attribution may be one or two attributions in the gold, and either way each part is matched once
    units = [(i, p) for i, q in enumerate(quotes) for p in _pieces(q)]
    unit_pairs = _greedy_one_to_one((_match_amount([p], g.content), u, j) for u, (_, p) in enumerate(units)
                                    for j, g in enumerate(gold))
    used_q: set[int] = set()
    matched: list[tuple["Quote", GoldAttribution]] = []
    for u, j in unit_pairs:
        i = units[u][0]
        if i not in used_q:  # a quote counts once for precision and speaker accuracy
            used_q.add(i)
            matched.append((quotes[i], gold[j]))
    n_matched_gold = len(unit_pairs)
    add = partial(_add, counts)

    add("content", len(matched), len(quotes), n_matched_gold, len(gold))
    direct_gold = [g for g in gold if any(ch in text[a:b] for a, b in g.content for ch in "\"“”«»")]
    direct_q = [q for q in quotes if q.direct]
    dm = [(q, g) for q, g in matched if q.direct]
    add("content-direct", len(dm), len(direct_q), sum(1 for _, g in matched if g in direct_gold), len(direct_gold))
    exact = sum(1 for q, g in matched if _fold(text, _pieces(q)) == _fold(text, g.content))
    add("content-exact", exact, len(quotes), exact, len(gold))
    with_source = [(q, g) for q, g in matched if g.source is not None]
    right = sum(1 for q, g in with_source if _speaker_right(text, q, g))
    add("speaker", right, len(with_source), right, len(with_source))
    ws_direct = [(q, g) for q, g in with_source if q.direct]
    right_d = sum(1 for q, g in ws_direct if _speaker_right(text, q, g))
    add("speaker-direct", right_d, len(ws_direct), right_d, len(ws_direct))
    sys_tok = set().union(*(_tokens(text, _pieces(q)) for q in quotes)) if quotes else set()
    gold_tok = set().union(*(_tokens(text, g.content) for g in gold)) if gold else set()
    tok[0] += len(sys_tok)
    tok[1] += len(gold_tok)
    tok[2] += len(sys_tok & gold_tok)


def main(argv: list[str] | None = None) -> int:
    """``python -m newsprism.evaluation.polnear [DATA_DIR]``: print the figures."""
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else default_data_dir()
    sample = int(argv[1]) if len(argv) > 1 else 1
    if not (data_dir / "text").is_dir():
        print(f"no PolNeAR data at {data_dir} (give the polnear-dev folder, or set NEWSPRISM_DATA)", file=sys.stderr)
        return 2
    for s in evaluate(data_dir, sample=sample):
        d = s.as_dict()
        print(f"{d['feature']:<26} P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}  "
              f"(found {d['found']}, gold {d['gold']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

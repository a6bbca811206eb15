"""Cross-document event coreference of ECB+ as "same event" sentence pairs: does the report's aspect grouping put
together the sentences of different articles that tell the same event?

Data: ``<data>/<topic>/<topic>_<n>ecb.xml`` and ``..._<n>ecbplus.xml`` (CROMER XML: tokens with sentence numbers,
mentions anchored to tokens, ``CROSS_DOC_COREF`` relations from mentions to an instance with a corpus-wide
``instance_id``) and ``ECBplus_coreference_sentences.csv`` (the sentences validated for coreference).

Method: one **story** = one topic with one suffix (``ecb`` or ``ecbplus``: the gold story of a document). Each
document becomes one article, its sentences detokenised and joined by spaces (a sentence without closing punctuation,
a headline or a dateline, ends its line; an ``ecbplus`` file's first line, the page URL, is the article's URL and its
host the outlet, as ingest records a fetched page), run through the product's own path (``stories.report_of``).
**Gold pair**: two validated sentences of different documents that hold mentions of one event instance (an
``ACTION_*`` / ``NEG_ACTION_*`` instance other than a reporting act: "said" co-refers across many sentences that tell
different events).
**System pair**: two validated sentences of different documents both placed in one aspect (``aspects[]``, report
schema 2; in reports without aspects, one agreement or one divergence), a sentence being placed in a group when one
of the group's evidence spans lies mostly inside it (overlap over half the shorter of span and sentence).

Figures: ``ecbplus-events/pairs`` precision and recall over all stories (pairs pooled), and ``ecbplus-events/placed``
(share of validated sentences placed in some group) with the counts behind it.
"""

from __future__ import annotations

import csv
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import Figure, Score, data_root, prf
from .stories import front_matter, host_of, report_of, spans_in

if TYPE_CHECKING:  # pragma: no cover
    from ..nlp.models import Models

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "'"}
_NO_SPACE_AFTER = {"(", "[", "{", "$"}


def default_data_dir() -> Path:
    return data_root() / "ecbplus-dev"


def validated(data_dir: Path) -> set[tuple[str, int]]:
    """``(document name without .xml, sentence number)`` of the sentences validated for coreference."""
    with open(data_dir / "ECBplus_coreference_sentences.csv", encoding="latin-1", newline="") as f:
        return {(f"{r['Topic']}_{r['File']}", int(r["Sentence Number"])) for r in csv.DictReader(f)}


class Document(NamedTuple):
    """One corpus file, read once."""

    text: str
    where: dict[int, tuple[int, int]]  # each sentence's ``(start, end)`` in the text
    events: dict[int, set[str]]  # each sentence's event instance ids
    url: str | None  # the page URL an ``ecbplus`` file opens with (its first line, tokenised)


def read_document(path: Path) -> Document:
    """The document's text, its sentences' places and event instance ids, and its page URL."""
    root = ET.parse(path).getroot()
    tokens: dict[str, tuple[int, str]] = {}
    for t in root.iter("token"):
        tokens[t.get("t_id")] = (int(t.get("sentence")), t.text or "")
    sentences: dict[int, list[str]] = defaultdict(list)
    for s, word in tokens.values():
        sentences[s].append(word)
    text, where, url = "", {}, None
    for s in sorted(sentences):
        words = sentences[s]
        if s == 0 and path.stem.endswith("ecbplus") and words and words[0].lower().startswith("http"):
            url = "".join(words)
            continue  # the page URL, not text
        piece = _detokenise(words)
        if not piece:
            continue
        start = len(text) + (1 if text else 0)
        # a line with no closing punctuation (a headline, a dateline) ends there: one character either way, so the
        # offsets are those of the corpus's sentences joined by spaces
        text = f"{text}{' ' if _CLOSED.search(text) else chr(10)}{piece}" if text else piece
        where[s] = (start, len(text))
    sentence_of: dict[str, int] = {}  # mention id -> sentence
    instance: dict[str, str] = {}  # instance markable id -> instance id (events only)
    markables = root.find("Markables")
    for m in list(markables) if markables is not None else []:
        anchors = [a.get("t_id") for a in m.findall("token_anchor")]
        if anchors:
            sentence_of[m.get("m_id")] = tokens[anchors[0]][0]
        elif m.get("instance_id") and re.match(r"(NEG_)?ACTION_", m.tag) and "REPORTING" not in m.tag:
            instance[m.get("m_id")] = m.get("instance_id")
    events: dict[int, set[str]] = defaultdict(set)
    relations = root.find("Relations")
    for rel in relations.iter("CROSS_DOC_COREF") if relations is not None else []:
        target = rel.find("target")
        iid = instance.get(target.get("m_id")) if target is not None else None
        if iid is None:
            continue
        for src in rel.findall("source"):
            s = sentence_of.get(src.get("m_id"))
            if s is not None:
                events[s].add(iid)
    return Document(text, where, dict(events), url)


_CLOSED = re.compile(r"(?:[.!?:;,]|[.!?,][\"'”’]+)\s*$")  # a closing quote closes only after its punctuation


def source_text(doc: Document) -> str:
    """The document's text as the product reads it: behind its page URL and outlet (the URL's host), as ingest
    records a page it fetched."""
    return front_matter(doc.text, url=doc.url, outlet=host_of(doc.url))


def _detokenise(words: list[str]) -> str:
    """Tokens back to running text (PTB quotes `` and '' to straight quotes, no space before punctuation)."""
    out, glue_next = "", True
    for w in words:
        if w == "``":
            out += ('' if glue_next else ' ') + '"'
            glue_next = True
            continue
        if w == "''":
            out += '"'
            glue_next = False
            continue
        out += w if glue_next or w in _NO_SPACE_BEFORE else " " + w
        glue_next = w in _NO_SPACE_AFTER
    return _join_numbers(out.strip())


# The corpus tokenises "20,000", "5.4", "8:13" and "8/2/2013" into digits and punctuation; inside one sentence
# these are one number again (a thousands group after one to three digits, a decimal, a clock time, a date); a
# number closing a hyphenated measure is no thousands group ("5 - foot - 8, 135 pounds": five foot eight, 135 pounds)
_THOUSANDS = re.compile(r"(?<!- )(?<!-)\b(\d{1,3}(?:,\d{3})*), (\d{3})\b")
_IN_NUMBER = re.compile(r"(?<=\d)(?:([.:]) | ?(/) ?)(?=\d)")


def _join_numbers(text: str) -> str:
    while (joined := _THOUSANDS.sub(r"\1,\2", text)) != text:
        text = joined  # again: "1, 000, 000"
    return _IN_NUMBER.sub(lambda m: m.group(1) or m.group(2), text)


def stories(data_dir: Path) -> list[tuple[str, list[Path]]]:
    """``(story id, its documents)``: every topic folder by number, ``ecb`` before ``ecbplus``."""
    out = []
    topics = sorted((p for p in data_dir.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))
    for topic in topics:
        for suffix in ("ecb", "ecbplus"):
            docs = sorted(topic.glob(f"{topic.name}_*{suffix}.xml"),
                          key=lambda p: int(re.search(r"_(\d+)", p.name).group(1)))
            docs = [d for d in docs if re.fullmatch(rf"{topic.name}_\d+{suffix}", d.stem)]
            if len(docs) >= 2:
                out.append((f"{topic.name}{suffix}", docs))
    return out


def _groups(report: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The evidence spans of each aspect, or of each agreement and divergence in reports without aspects."""
    aspects = report.get("aspects")
    items = aspects if aspects is not None else (report.get("agreements") or []) + (report.get("divergences") or [])
    return [list(spans_in(item)) for item in items]


def story_pairs(docs: list[Path], checked: set[tuple[str, int]], models: "Models"
                ) -> tuple[set[tuple], set[tuple], int, int, int]:
    """Gold pairs, system pairs, validated sentences placed in a group, validated sentences, and sentence pairs
    across documents: for one story."""
    documents = [read_document(d) for d in docs]
    read = [(d.stem, doc.text, doc.where, doc.events) for d, doc in zip(docs, documents)]
    report = report_of([(f"ecbplus:{d.stem}", source_text(doc)) for d, doc in zip(docs, documents)],
                       models.settings, models)
    return pairs_of(read, checked, report)


def pairs_of(read: list[tuple[str, str, dict[int, tuple[int, int]], dict[int, set[str]]]],
             checked: set[tuple[str, int]], report: dict[str, Any]) -> tuple[set[tuple], set[tuple], int, int, int]:
    """``story_pairs`` for documents already read (``(name, text, where, events)`` of ``read_document``) and their
    report, whose articles' ``source`` is ``ecbplus:<name>``."""
    article = {a["source"].split(":", 1)[1]: a for a in report["articles"]}
    units = []  # (doc, sentence, article id, start, end, events)
    for name, text, where, events in read:
        a = article[name]
        shift = 0 if a["text"] == text else None
        for s, (start, end) in where.items():
            if (name, s) not in checked:
                continue
            if shift is None:  # ingest changed the text: find the sentence again
                at = a["text"].find(text[start:end])
                if at < 0:
                    continue
                start, end = at, at + (end - start)
            units.append((name, s, a["id"], start, end, events.get(s, set())))
    groups = _groups(report)
    placed: list[set[int]] = []
    for _, _, art, start, end, _ in units:
        hs = set()
        for g, spans in enumerate(groups):
            for sp in spans:
                inter = min(end, sp["end"]) - max(start, sp["start"])
                if sp["article"] == art and inter > 0.5 * min(end - start, sp["end"] - sp["start"]):
                    hs.add(g)
                    break
        placed.append(hs)
    gold, system = set(), set()
    cross = 0
    for i, j in combinations(range(len(units)), 2):
        if units[i][0] == units[j][0]:
            continue
        cross += 1
        key = (units[i][:2], units[j][:2])
        if units[i][5] & units[j][5]:
            gold.add(key)
        if placed[i] & placed[j]:
            system.add(key)
    return gold, system, sum(1 for h in placed if h), len(units), cross


def evaluate(data_dir: Path | None = None, models: "Models | None" = None, *, limit: int | None = None
             ) -> list[Score | Figure]:
    """Score the first ``limit`` stories (all by default) as the module docstring says."""
    data_dir = data_dir or default_data_dir()
    if models is None:
        from ..nlp.models import Models
        from ..settings import Settings

        models = Models(Settings())
    checked = validated(data_dir)
    n_gold = n_sys = n_both = n_placed = n_units = n_pairs = 0
    chosen = stories(data_dir)[:limit]
    for _, docs in chosen:
        gold, system, placed, units, cross = story_pairs(docs, checked, models)
        n_pairs += cross
        n_gold += len(gold)
        n_sys += len(system)
        n_both += len(gold & system)
        n_placed += placed
        n_units += units
    return [prf("ecbplus-events/pairs", n_both, n_sys, n_both, n_gold),
            Figure("ecbplus-events/placed", n_placed / n_units if n_units else 0.0,
                   {"stories": len(chosen), "sentences": n_units, "placed": n_placed, "cross_document_pairs": n_pairs})]


def main(argv: list[str] | None = None) -> int:
    """``python -m newsprism.evaluation.ecbplus_events [DATA_DIR]``: print the figures."""
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else default_data_dir()
    if not (data_dir / "ECBplus_coreference_sentences.csv").is_file():
        print(f"no ECB+ data at {data_dir} (give the ecbplus-dev folder, or set NEWSPRISM_DATA)", file=sys.stderr)
        return 2
    for s in evaluate(data_dir):
        print(s.as_dict())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Answer consolidation measured on NAnCo ("Discord Questions", Laban et al. 2022): do the report's groups put
together the answers that annotators grouped as saying the same thing?

Data: ``<data>/nanco_val.json``, one item per question; each answer has its article ``Paragraph``, the answering
span ``Answer`` inside it, the ``Article URL`` and the adjudicated ``cluster_global`` (equal = same meaning).

Method: each question's answer paragraphs are one story, one article per paragraph (front-matter ``outlet`` = the
URL's host, ``url``), run through the product's own path (``stories.report_of``). A report **group** is a position
of an aspect (``aspects[].positions[]``, report schema 2 and later) or an agreement. A group
**holds** an answer when one evidence span of the group in the answer's article covers more than half of the
answer's characters. The system says two answers are "same" when one group holds both.

Figures (``evaluate``):

- ``nanco/balanced-accuracy``: over all answer pairs of a question (answers of one paragraph included), balanced
  accuracy ((TPR + TNR) / 2, gold "same" = equal ``cluster_global``), averaged over questions as the paper does;
  saying "different" everywhere scores 0.5. Per question too (``nanco/<qid>/balanced-accuracy``).
- ``nanco/coverage``: share of answers (all questions pooled) held by at least one group, i.e. that the report
  places somewhere; an answer no group holds is "different" from every other answer by default.
- ``nanco/grouped``: share of answers held by a group that also holds another answer.
- ``nanco/same-pairs``: precision and recall of the "same" pairs, pooled over questions.
"""

from __future__ import annotations

import json
import re
import sys
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from . import Figure, Score, data_root, prf
from .stories import front_matter, groups, report_of, spans_in

if TYPE_CHECKING:  # pragma: no cover
    from ..nlp.models import Models
    from ..settings import Settings

COVER = 0.5  # a span holds an answer when it covers more than this share of the answer's characters


def default_data_dir() -> Path:
    return data_root() / "nanco-val"


def read_questions(data_dir: Path) -> list[dict[str, Any]]:
    """The questions of the ``nanco_*.json`` file in ``data_dir`` (the first by name)."""
    files = sorted(data_dir.glob("nanco*.json"))
    if not files:
        raise FileNotFoundError(f"no nanco*.json in {data_dir}")
    return json.loads(files[0].read_text("utf-8"))


def outlet_of(url: str) -> str | None:
    host = urlparse(url).hostname or ""
    return re.sub(r"^www\d*\.", "", host) or None


def _locate(text: str, answer: str) -> tuple[int, int] | None:
    """The answer's span in the (normalised) article text: exact, then ignoring case and spacing."""
    from ..text import normalise

    for needle in (answer, normalise(answer).strip()):
        at = text.find(needle)
        if at >= 0 and needle:
            return at, at + len(needle)
    words = [re.escape(w) for w in answer.split()]
    if words:
        m = re.search(r"\s+".join(words), text, re.I)
        if m:
            return m.start(), m.end()
    # the answer drawn across punctuation the paragraph has ('... to consider not signing the agreement" with')
    words = re.findall(r"\w+", answer)
    if words:
        m = re.search(r"\W+".join(map(re.escape, words)), text, re.I)
        if m:
            return m.start(), m.end()
    return None


def question_pairs(question: dict[str, Any], report: dict[str, Any], article_of: dict[str, int]
                   ) -> tuple[list[tuple[bool, bool]], list[bool], list[bool]]:
    """For one analysed question: ``(gold same, system same)`` per answer pair, and per answer whether some group
    holds it and whether a group holds it with another answer."""
    texts = {a["id"]: a["text"] for a in report["articles"]}
    held: list[set[int]] = []  # per answer, the indices of the groups that hold it
    found = groups(report)
    for ans in question["answers"]:
        art = article_of[ans["Paragraph Id"]]
        where = _locate(texts[art], ans["Answer"])
        hs: set[int] = set()
        if where is not None:
            a, b = where
            for g, (_, item) in enumerate(found):
                if any(s["article"] == art and min(b, s["end"]) - max(a, s["start"]) > COVER * (b - a)
                       for s in spans_in(item)):
                    hs.add(g)
        held.append(hs)
    answers = question["answers"]
    pairs = [(answers[i]["cluster_global"] == answers[j]["cluster_global"], bool(held[i] & held[j]))
             for i, j in combinations(range(len(answers)), 2)]
    grouped = [any(held[i] & held[j] for j in range(len(answers)) if j != i) for i in range(len(answers))]
    return pairs, [bool(h) for h in held], grouped


def balanced_accuracy(pairs: list[tuple[bool, bool]]) -> float:
    pos = [s for g, s in pairs if g]
    neg = [s for g, s in pairs if not g]
    tpr = sum(pos) / len(pos) if pos else 1.0
    tnr = sum(1 for s in neg if not s) / len(neg) if neg else 1.0
    return (tpr + tnr) / 2


def analyse_question(question: dict[str, Any], settings: "Settings", models: "Models"
                     ) -> tuple[dict[str, Any], dict[str, int]]:
    """The report of one question's paragraphs, and the article id of each paragraph id."""
    texts, order = [], []
    for ans in question["answers"]:
        pid = ans["Paragraph Id"]
        if pid in order:
            continue
        order.append(pid)
        url = ans.get("Article URL") or ""
        texts.append((f"nanco:{pid}", front_matter(ans["Paragraph"], outlet=outlet_of(url), url=url)))
    report = report_of(texts, settings, models)
    by_source = {a["source"]: a["id"] for a in report["articles"]}
    return report, {pid: by_source[f"nanco:{pid}"] for pid in order}


def evaluate(data_dir: Path | None = None, models: "Models | None" = None, *, limit: int | None = None,
             settings: "Settings | None" = None) -> list[Score | Figure]:
    """Analyse every question (the first ``limit`` with a limit) and score the grouping (module docstring)."""
    from ..settings import Settings

    settings = settings or (models.settings if models is not None else Settings())
    if models is None:
        from ..nlp.models import Models

        models = Models(settings)
    questions = read_questions(data_dir or default_data_dir())[:limit]
    out: list[Score | Figure] = []
    bas, held_all, grouped_all, pairs_all = [], [], [], []
    for q in questions:
        report, article_of = analyse_question(q, settings, models)
        pairs, held, grouped = question_pairs(q, report, article_of)
        qid = q["answers"][0].get("qid") or q["question"]
        ba = balanced_accuracy(pairs)
        bas.append(ba)
        held_all += held
        grouped_all += grouped
        pairs_all += pairs
        out.append(Figure(f"nanco/{qid}/balanced-accuracy", ba,
                          {"answers": len(held), "pairs": len(pairs), "gold_same": sum(g for g, _ in pairs),
                           "system_same": sum(s for _, s in pairs),
                           "coverage": round(sum(held) / len(held), 4) if held else 0.0}))
    same_right = sum(1 for g, s in pairs_all if g and s)
    summary = [
        Figure("nanco/balanced-accuracy", sum(bas) / len(bas) if bas else 0.0, {"questions": len(bas)}),
        Figure("nanco/coverage", sum(held_all) / len(held_all) if held_all else 0.0, {"answers": len(held_all)}),
        Figure("nanco/grouped", sum(grouped_all) / len(grouped_all) if grouped_all else 0.0,
               {"answers": len(grouped_all)}),
    ]
    return summary + out + [prf("nanco/same-pairs", same_right, sum(s for _, s in pairs_all), same_right,
                                sum(g for g, _ in pairs_all))]


def main(argv: list[str] | None = None) -> int:
    """``python -m newsprism.evaluation.nanco [DATA_DIR]``: print the figures."""
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else default_data_dir()
    if not list(data_dir.glob("nanco*.json")):
        print(f"no NAnCo data at {data_dir} (give the nanco-val folder, or set NEWSPRISM_DATA)", file=sys.stderr)
        return 2
    for s in evaluate(data_dir):
        print(json.dumps(s.as_dict()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Does a sentence read like its report's headline? The ``summary_headline_minilm`` cut measured on annotated data.

Clust-McMs dev (``clustmcms-dev/mds_ac_dev_final.json``) marks, per article, the sentence that states the main event
(``event_annotation == "main"``). For every English article with a title and such a sentence, the MiniLM cosine of
its first eight sentences to the title is compared with the cut: the share of main-event sentences at or above it,
of the other sentences, and the same for first sentences only (the summary asks it of leads). Balanced accuracy
((main share + 1 - other share) / 2) is printed per cut.

Usage: ``NEWSPRISM_DATA=... PYTHONPATH=src python bench/headline_leads.py [--cuts 0.35 0.4 0.45 0.5 0.55]``
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rows(models) -> list[tuple[int, bool, float]]:
    """(position in the article, states the main event, cosine to the title) of each sentence measured."""
    from newsprism.evaluation.clustmcms import default_data_dir, read_json

    articles = read_json(default_data_dir() / "mds_ac_dev_final.json")["articles"]
    out = []
    for doc in articles:
        title, sents = doc.get("title") or "", (doc.get("sentences") or [])[:8]
        if not re.search(r"[a-z]{3}", title) or not any(s.get("event_annotation") == "main" for s in sents):
            continue  # untitled, not in a Latin script, or no main-event sentence marked in its opening
        vecs = models.embedder.embed([title] + [s["content"] for s in sents])
        out += [(i, s.get("event_annotation") == "main", float(v @ vecs[0])) for i, (s, v) in
                enumerate(zip(sents, vecs[1:]))]
    return out


def main(argv: list[str] | None = None) -> None:
    from newsprism.nlp.models import Models
    from newsprism.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cuts", type=float, nargs="+", default=[0.35, 0.4, 0.45, 0.5, 0.55])
    args = ap.parse_args(argv)
    measured = rows(Models(Settings()))
    print(f"sentences {len(measured)}, main-event sentences {sum(m for _, m, _ in measured)}, "
          f"first sentences {sum(i == 0 for i, _, _ in measured)}")
    for cut in args.cuts:
        line = [f"cut {cut:.2f}"]
        for name, keep in (("all", lambda i: True), ("first", lambda i: i == 0)):
            main_ = [c >= cut for i, m, c in measured if keep(i) and m]
            other = [c >= cut for i, m, c in measured if keep(i) and not m]
            hit, false = sum(main_) / max(1, len(main_)), sum(other) / max(1, len(other))
            line.append(f"{name}: main {hit:.3f} (n={len(main_)}) other {false:.3f} (n={len(other)}) "
                        f"BA {(hit + 1 - false) / 2:.3f}")
        print("  ".join(line))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()

"""What a grouper that cannot link across languages can score on Clust-McMs dev, at best.

Clust-McMs stories are told in English, Malay and Chinese. newsprism's grouping features (TF-IDF terms, capitalised
names, the English MiniLM) barely link an article to a story told in another language. This prints the B³ of
perfect groupings that keep languages apart: gold story x language (every language apart), and gold story x
(Chinese or not) (English and Malay linked, Chinese apart). The language is told by script (CJK characters: zh)
and by Malay function words (ms); else en.

    python bench/grouping_ceiling.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsprism.evaluation import clustmcms  # noqa: E402
from newsprism.evaluation.grouping import score_variant  # noqa: E402

_CJK = re.compile(r"[\u3400-\u9fff]")
_MALAY = re.compile(r"\b(yang|dan|untuk|dengan|ini|itu|kepada|telah)\b")


def language(title: str, text: str) -> str:
    head = title + " " + text[:300]
    return "zh" if _CJK.search(head) else "ms" if _MALAY.search(head) else "en"


def main() -> None:
    docs = clustmcms.load(clustmcms.default_data_dir())
    lang = {d.id: language(d.title, d.text) for d in docs}
    print("articles by language:", dict(Counter(lang.values())))
    for name, key in (("every language apart", lambda d: lang[d.id]), ("Chinese apart", lambda d: lang[d.id] == "zh")):
        pred = {d.id: (d.gold, key(d)) if d.gold is not None else ("other", d.id) for d in docs}
        for variant in clustmcms.VARIANTS:
            s = score_variant(pred, docs, variant)
            print(f"{name}, {variant}: P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}")


if __name__ == "__main__":
    main()

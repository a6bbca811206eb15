"""Grouping through the store: what a new article costs to place in a fresh process (the stored partition is
replayed first, from the grouping features stored per article: no text is read again) and in a long-lived one
(the API, watch), and what regroup costs, on generated articles.

    python bench/store_grouping.py [N]      # N generated articles (default 2000) in a new SQLite file in /tmp
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import stream  # noqa: E402 - the stream benchmark's article generator

from newsprism.model import ArticleDraft  # noqa: E402
from newsprism.settings import Settings  # noqa: E402
from newsprism.storage import Store  # noqa: E402
from newsprism.stories.stored import StoreGrouping, stored_stories  # noqa: E402


def _draft(d: tuple) -> ArticleDraft:
    return ArticleDraft(text=d[2], source=f"gen-{d[0]}", title=d[1], published=d[3])


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    path = Path(tempfile.mkdtemp(prefix="np-bench-")) / "store.db"
    docs = stream.generate(n + 2, seed=3)
    with Store(Settings(db_url=f"sqlite:///{path}")) as store:
        t = time.perf_counter()
        for d in docs[:n]:
            store.add_draft(_draft(d))
        stored = time.perf_counter() - t
        t = time.perf_counter()
        StoreGrouping(store).update()
        all_at_once = time.perf_counter() - t
        store.add_draft(_draft(docs[n]))
        grouping = StoreGrouping(store)  # as a new process: nothing in memory yet
        t = time.perf_counter()
        grouping.update()
        fresh = time.perf_counter() - t
        store.add_draft(_draft(docs[n + 1]))
        t = time.perf_counter()
        grouping.update()
        warm = time.perf_counter() - t
        t = time.perf_counter()
        StoreGrouping(store).regroup()
        regroup = time.perf_counter() - t
        print(json.dumps({"articles": n, "store_s": round(stored, 1), "group_all_s": round(all_at_once, 2),
                          "one_more_fresh_process_s": round(fresh, 2), "one_more_same_process_s": round(warm, 3),
                          "regroup_s": round(regroup, 2), "stories": len(stored_stories(store)),
                          "load_average_1m": round(os.getloadavg()[0], 2)}))


if __name__ == "__main__":
    main()

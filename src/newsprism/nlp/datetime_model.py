"""The Recognizers-Text English date-time model, built once per installed version and kept in the cache folder.

Why: building it compiles about 3,000 regular expressions (0.3-0.7 s, on every run that resolves a time);
unpickling the built model takes a fraction of that. The file is keyed by the package and Python versions, written
atomically, and rebuilt when missing or unreadable, so a stale or broken cache costs one build, never a wrong model.
The file is read only from the user's own cache folder, the same trust as the built MiniLM graph beside it.
"""

from __future__ import annotations

import os
import pickle
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

# The model holds objects of all three packages: a new version of any of them is a new file.
PACKAGES = ("recognizers-text-date-time", "recognizers-text-number", "recognizers-text")


def cache_path(cache_dir: Path | str) -> Path:
    """The model's file in ``cache_dir``, named by the package and Python versions it was built with."""
    versions = "-".join(metadata.version(p) for p in PACKAGES)
    py = f"{sys.version_info[0]}{sys.version_info[1]}"
    return Path(cache_dir).expanduser() / f"recognizers-datetime-en-{versions}-py{py}.pickle"


def build_datetime_model() -> Any:
    """A fresh English ``DateTimeModel`` (the slow way)."""
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_text import Culture

    return DateTimeRecognizer(Culture.English).get_datetime_model()


def load_datetime_model(cache_dir: Path | str | None) -> Any:
    """The cached model when its file loads, else a fresh one, written to the cache for the next run."""
    if cache_dir is None:
        return build_datetime_model()
    path = cache_path(cache_dir)
    try:
        with path.open("rb") as fh:
            model = pickle.load(fh)
        if type(model).__name__ == "DateTimeModel":
            return model
    except Exception:  # noqa: BLE001 - missing, truncated or from another build: rebuild below
        pass
    model = build_datetime_model()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)  # atomic: a concurrent process reads the old file or the new one
    except OSError:
        pass  # a read-only cache costs the build next time, nothing else
    return model

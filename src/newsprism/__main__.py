"""``python -m newsprism``: the same command line as ``newsprism``."""

from .cli import run

run()

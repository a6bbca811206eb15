"""``python -m newsprism``: the same command line as ``newsprism``."""

import sys

from .cli import main

sys.exit(main())

"""
Run the command line: ``python -m govdisclosure``.
"""

import os
import sys

from govdisclosure._cli import main

try:
    status = main()
    sys.stdout.flush()
except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    status = 0
sys.exit(status)

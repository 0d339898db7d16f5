"""
Run the command line: ``python -m govdisclosure``.
"""

import sys

from govdisclosure._cli import main

sys.exit(main())

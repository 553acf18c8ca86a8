"""``python -m tinyyes``: the command line (see tinyyes.cli)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())

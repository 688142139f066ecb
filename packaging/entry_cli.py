"""The bundle's ``dlplanner`` executable: the whole command line (a console program on every platform)."""

import sys

from dlplanner.cli import main

if __name__ == "__main__":
    sys.exit(main())

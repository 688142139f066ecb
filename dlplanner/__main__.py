"""``python -m dlplanner``: the same as the ``dlplanner`` command."""

import sys

from dlplanner.cli import main

sys.exit(main())

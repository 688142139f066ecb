"""The bundle's ``dlplanner-gui`` executable: the desktop app, with no console window on Windows.

File associations run it with the project's path: ``dlplanner-gui PATH.dlp``.
"""

import sys

from dlplanner.cli import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())

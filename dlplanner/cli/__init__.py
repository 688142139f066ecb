"""The `dlplanner` command: the desktop app with no arguments, project tools as sub-commands.

The top layer beside the Qt app: it talks to ``dlplanner.services`` (and the FET wing's service),
never to storage, io or the solver directly. One module per area: ``core`` (the root group and the
project commands), ``reports`` (export, compare, import), ``db`` (database, backup), ``fet``.
"""

from dlplanner.cli.core import cli, gui_main, main

__all__ = ["cli", "gui_main", "main"]

"""Loading on first use, so that ``dlplanner --version`` and ``--help`` start in a fraction of a second.

OR-Tools (with pandas), SQLAlchemy, Alembic, reportlab, matplotlib and openpyxl together take seconds
to import. The command modules and the services behind them are imported when a command runs, not when
the ``dlplanner`` command starts: :func:`lazy_module` for a module the root commands name at the top,
:class:`LazyGroup` for commands that live in their own modules.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType

import click


def lazy_module(name: str) -> ModuleType:
    """``name`` as a module object that runs its code on the first attribute access (stdlib LazyLoader)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module


class LazyGroup(click.Group):
    """A click group whose listed commands are imported when asked for (``name -> "module:attribute"``)."""

    def __init__(self, *args: object, lazy_commands: dict[str, str] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            module_name, attribute = self.lazy_commands[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{self.lazy_commands[cmd_name]} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

"""The `camwalk` entry point.

Most commands need the Flask app, and loading it (Flask, SQLAlchemy, every blueprint) is most
of their start-up time. A command that only reads files runs without it: `camwalk exif` loads
the EXIF reader alone. Everything else goes to the full command group in `server/commands.py`.
"""

import importlib
import sys

# Commands that need no app: name → (module, click command in it).
STANDALONE = {"exif": ("server.photos.exif_cli", "exif_command")}


def main(argv: list[str] | None = None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in STANDALONE:
        module, name = STANDALONE[argv[0]]
        command = getattr(importlib.import_module(module), name)
        return command.main(args=argv[1:], prog_name=f"camwalk {argv[0]}")
    from server.commands import cli

    return cli.main(args=argv, prog_name="camwalk")


def __getattr__(name: str):
    # `from server.cli import cli`: the full group, as tests and scripts have always named it.
    if name == "cli":
        from server.commands import cli

        return cli
    raise AttributeError(f"module 'server.cli' has no attribute {name!r}")

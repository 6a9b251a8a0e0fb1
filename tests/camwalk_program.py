"""The `camwalk` program in a process of its own, as a user runs it, on a test app's settings.

In-process CLI tests hand the command group the test's app; the program builds its own from
the settings in its environment (the core app or the whole one, server/commands.py), and that
is what these runs check. Its last line of standard error lists which of `WHOLE_APP_ONLY` it
had loaded when it ended: none for a command that ran on the core app. The line before says
whether the cycle collector was on and how many objects the start-up froze out of its view.
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What only the whole app loads: the API and its schemas, Flask-Migrate (Alembic), the rate
# limiter and its storage library, and a heavy import of a blueprint (the signage PDFs).
WHOLE_APP_ONLY = (
    "flask_smorest",
    "flask_migrate",
    "flask_limiter",
    "limits",
    "fpdf",
    "server.reports",
)
_PROGRAM = (
    "import sys\n"
    "from server.cli import main\n"
    "try:\n"
    "    code = main()\n"
    "finally:\n"
    "    import gc\n"
    "    print('COLLECTOR', gc.isenabled(), gc.get_freeze_count(), file=sys.stderr)\n"
    f"    heavy = {WHOLE_APP_ONLY!r}\n"
    "    print('LOADED', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def run_camwalk(app, *args: str) -> subprocess.CompletedProcess:
    """`camwalk ARGS` with `app`'s database, folders and secret key."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CAMWALK_DATABASE_URL": app.config["DATABASE_URL"],
        "CAMWALK_INSTANCE_PATH": app.instance_path,
        "CAMWALK_PHOTO_DIR": app.config["PHOTO_DIR"],
        "CAMWALK_SECRET_KEY": app.config["SECRET_KEY"],
    }
    return subprocess.run(
        [sys.executable, "-c", _PROGRAM, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
    )


def loaded(done: subprocess.CompletedProcess) -> list[str]:
    """Which of WHOLE_APP_ONLY the program had loaded (its last line), sorted."""
    last = done.stderr.splitlines()[-1]
    assert last.startswith("LOADED "), done.stderr
    return ast.literal_eval(last.removeprefix("LOADED "))


def collector(done: subprocess.CompletedProcess) -> tuple[bool, int]:
    """Whether the program ended with the cycle collector on, and how many objects were
    frozen out of its view."""
    _, enabled, frozen = done.stderr.splitlines()[-2].split()
    return enabled == "True", int(frozen)

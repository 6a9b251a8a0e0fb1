"""camwalk server. The Flask app factory lives in `server/factory.py`.

Importing a part of the server does not build Flask: `camwalk exif` and the pure helpers load
only what they use, so they start in a fraction of the time the whole app takes.
`from server import create_app` still works; it loads the factory on first use.
"""

from pathlib import Path

__version__ = "0.1.0"

REPO_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = REPO_ROOT / "migrations"


def __getattr__(name: str):
    if name == "create_app":
        from server.factory import create_app

        return create_app
    raise AttributeError(f"module 'server' has no attribute {name!r}")

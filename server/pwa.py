"""Serve the phone app from the same origin as the API.

The built app lives in pwa/dist (`make run` builds it). Without a build, a short page says how
to make one, rather than serving the sources. Any other path that is not under /api/ gets
index.html, so that links such as /join/<code> open the app, which routes on the path itself.
"""

from pathlib import Path

from flask import Blueprint, current_app, send_from_directory
from werkzeug.routing import PathConverter

from server import REPO_ROOT

blp = Blueprint("pwa", __name__)


class AppPath(PathConverter):
    """A path of the app's, never one under /api/: an API path no route takes stays the API's
    404, and a method an API route does not take its 405. A catch-all that took /api/ paths
    too answered a GET of the sync URL 404 and a POST to no route at all 405."""

    regex = "(?!api/)" + PathConverter.regex


# Before the routes below are added: their rule names it.
blp.record_once(lambda state: state.app.url_map.converters.setdefault("app_path", AppPath))


def pwa_dir() -> Path:
    configured = current_app.config.get("PWA_DIR")
    if configured:
        return Path(configured)
    return REPO_ROOT / "pwa" / "dist"


NOT_BUILT = (
    "<!doctype html><meta charset=utf-8><title>camwalk</title>"
    "<p>The camwalk app is not built yet. Run <code>make run</code> (or "
    "<code>cd pwa &amp;&amp; npm ci &amp;&amp; npm run build</code>). The API is at "
    "<a href=/api/v1/health>/api/v1/health</a>.</p>"
)


@blp.route("/", defaults={"path": ""})
@blp.route("/<app_path:path>")
def app_shell(path: str):
    root = pwa_dir()
    if path and _built_file(root, path):
        response = send_from_directory(root, path)
        if path in ("sw.js", "index.html", "manifest.webmanifest"):
            # These name the current version of everything else: always revalidate them.
            response.headers["Cache-Control"] = "no-cache"
        return response
    if not (root / "index.html").exists():
        return NOT_BUILT, 200, {"Content-Type": "text/html; charset=utf-8"}
    response = send_from_directory(root, "index.html")
    response.headers["Cache-Control"] = "no-cache"
    return response


def _built_file(root: Path, path: str) -> bool:
    """Whether `path` names a file of the build. A path the file system cannot look up (a
    name past its 255 bytes, a garbled link) names none: the app opens and says what it
    makes of the link, where asking the disk was a 500."""
    try:
        target = (root / path).resolve()
        return target.is_file() and target.is_relative_to(root.resolve())
    except OSError:
        return False

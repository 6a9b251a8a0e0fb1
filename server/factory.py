"""The Flask app factory (`from server import create_app` loads this module).

The app comes in two sizes. The whole app, which the web server, `camwalk routes`, `openapi`,
`shell` and the tests use, has everything. The core app (`core_only=True`) has the settings,
the database and the models, and none of what serves HTTP or migrates the schema: no
blueprints and API spec, rate limiter, security headers, request guards, error pages, nor
Flask-Migrate (`install_migrations` adds it: `camwalk db` runs on that). The project's own
commands (`camwalk export`, `osm`, `group`, `worker` ...) run on the core app: building the
whole app, and importing what its blueprints import (PDF fonts, graph and HTTP libraries, the
API schemas), took about a second of their start-up (bench/cli_start_bench.py). The modules
only the whole app needs are imported in its branch.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask
from werkzeug.routing import IntegerConverter

from server import MIGRATIONS_DIR, REPO_ROOT
from server.config import load_config
from server.database import (
    engine_options,
    install_sqlite_pragmas,
    is_sqlite,
    prepare_sqlite_file,
    prepare_url,
)
from server.extensions import db
from server.validation import MAX_DB_INTEGER

if TYPE_CHECKING:
    from flask_smorest import Api


def create_app(config: dict | None = None, *, core_only: bool = False) -> Flask:
    """Build the app. `config` overrides defaults and `CAMWALK_*` environment variables.

    `core_only`: settings, database and models only (see the module's docstring)."""
    # Named after the package, as before the factory had its own module (loggers, root path).
    app = Flask("server", instance_path=_instance_path(config))
    settings = load_config(Path(app.instance_path), config)
    app.config.update(settings)
    app.config.update(
        SQLALCHEMY_DATABASE_URI=prepare_url(settings["DATABASE_URL"]),
        SQLALCHEMY_ENGINE_OPTIONS=engine_options(settings["DATABASE_URL"]),
        API_TITLE="camwalk",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        # Every operation needs a member's token unless its view says `security=[]`: said once
        # here, so a new endpoint is documented as protected by default.
        API_SPEC_OPTIONS={"security": [{"bearer": []}]},
        JSON_SORT_KEYS=False,
    )

    import server.models  # noqa: F401 - every table must be known before the first query

    db.init_app(app)
    if is_sqlite(settings["DATABASE_URL"]):
        prepare_sqlite_file(settings["DATABASE_URL"])
        with app.app_context():
            install_sqlite_pragmas(db.engine, settings["SQLITE_BUSY_TIMEOUT_MS"])
    app.url_map.converters["int"] = DatabaseIdConverter
    if not core_only:
        install_migrations(app)
        _install_web(app)
    return app


def install_migrations(app: Flask) -> None:
    """Flask-Migrate, which adds the `db` command to the app's."""
    from flask_migrate import Migrate

    # One per app, like the Api: it holds the app's settings for Alembic.
    Migrate(app, db, directory=str(MIGRATIONS_DIR), compare_type=True)


def _install_web(app: Flask) -> None:
    from flask_smorest import Api

    from server.errors import ErrorSchema, register_error_handlers
    from server.json_answer import install_json_gzip
    from server.request_guards import install_request_guards
    from server.security import install_security

    # One Api per app: flask-smorest keeps the app and the spec on the Api object, so a
    # module-level instance would mix the specs of the apps that tests create.
    class CamwalkApi(Api):
        ERROR_SCHEMA = ErrorSchema  # the body server/errors.py sends, not flask-smorest's

    api = CamwalkApi(app)
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    _register_blueprints(app, api)
    install_security(app)
    install_request_guards(app)
    install_json_gzip(app)
    # After api.init_app: flask-smorest registers its own HTTP error handler, ours replaces it.
    register_error_handlers(app)


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` path ids beyond the id columns' width do not match (404) instead of
    overflowing the database driver (500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_DB_INTEGER)
        super().__init__(map, *args, **kwargs)


def _instance_path(config: dict | None) -> str:
    import os

    path = (config or {}).get("INSTANCE_PATH") or os.environ.get("CAMWALK_INSTANCE_PATH")
    return str(Path(path).resolve()) if path else str(REPO_ROOT / "instance")


def _register_blueprints(app: Flask, api: "Api") -> None:
    from server.auth.routes import blp as auth
    from server.basemap.routes import blp as basemap
    from server.coverage.routes import blp as coverage
    from server.exports.routes import blp as osm_exports
    from server.groups.routes import blp as groups
    from server.health.routes import blp as health
    from server.observations.organise_routes import blp as organise
    from server.observations.routes import blp as sync
    from server.observations.walker_file_routes import blp as walker_files
    from server.osm.account_routes import blp as osm_account
    from server.osm.routes import blp as osm
    from server.photos.routes import blp as photos
    from server.pwa import blp as pwa
    from server.reports.routes import blp as reports

    for blueprint in (
        health,
        auth,
        groups,
        sync,
        organise,
        photos,
        osm,
        osm_exports,
        osm_account,
        reports,
        walker_files,
        coverage,
        basemap,
    ):
        api.register_blueprint(blueprint)
    # Outside the API: an organiser's own tiles (server/basemap/tiles.py), then, last, the app
    # shell, which answers every path the others do not.
    from server.basemap.tiles import blp as own_tiles
    from server.basemap.tiles import check_tiles_file

    app.register_blueprint(own_tiles)
    check_tiles_file(app)  # a broken file is said at start; the server starts all the same
    app.register_blueprint(pwa)

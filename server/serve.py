"""`camwalk serve`: the production server (gunicorn) in front of the app factory."""

import runpy
from pathlib import Path

from gunicorn.app.base import BaseApplication

CONFIG_FILE = Path(__file__).with_name("gunicorn_conf.py")


class CamwalkServer(BaseApplication):
    def __init__(self, overrides: dict):
        self.overrides = overrides
        super().__init__()

    def load_config(self):
        settings = {
            key: value
            for key, value in runpy.run_path(str(CONFIG_FILE)).items()
            if key in self.cfg.settings and value is not None
        }
        settings.update({k: v for k, v in self.overrides.items() if v is not None})
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self):
        from server import address, create_app
        from server.in_use import hold_while_running

        app = create_app()
        # Each worker process marks the instance as served, so that `camwalk restore` refuses.
        hold_while_running(app.instance_path)
        address.record(app.instance_path, address.from_bind(self.cfg.bind[0]))
        return app


def serve(host: str | None, port: int | None, workers: int | None) -> None:
    bind = None
    if host or port:
        defaults = runpy.run_path(str(CONFIG_FILE))["bind"].rsplit(":", 1)
        bind = f"{host or defaults[0]}:{port or defaults[1]}"
    CamwalkServer({"bind": bind, "workers": workers}).run()

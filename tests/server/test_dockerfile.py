"""The image is built the way `make run` installs: no Docker engine runs on these machines, so
the Dockerfile, compose.yaml and the shared install script are checked by reading and running
what can run here."""

import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
INSTALL_SCRIPT = "scripts/install-system.sh"
RUN_PACKAGES = ["libsqlite3-mod-spatialite", "python3-venv"]
NODE_PACKAGES = ["nodejs", "npm"]


def dockerfile_stages() -> list[list[tuple[str, str]]]:
    """The Dockerfile as stages of (INSTRUCTION, arguments), continuations joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    stages: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, arguments = line.partition(" ")
        if instruction.upper() == "FROM":
            stages.append([])
        stages[-1].append((instruction.upper(), arguments.strip()))
    return stages


def final_stage() -> list[tuple[str, str]]:
    return dockerfile_stages()[-1]


def install_calls(text: str) -> list[str]:
    return re.findall(rf"{re.escape(INSTALL_SCRIPT)}\s+(\w+)", text)


def script_packages() -> set[str]:
    """Every package the install script can ask for (its `packages=(...)` lists)."""
    text = (ROOT / INSTALL_SCRIPT).read_text()
    found = set()
    for group in re.findall(r"packages\+?=\(([^)]*)\)", text):
        found.update(group.split())
    return found


def apt_installed_by_dockerfile() -> set[str]:
    found = set()
    for instruction, arguments in final_stage():
        if instruction != "RUN":
            continue
        for command in re.split(r"&&|;", arguments):
            words = shlex.split(command)
            if words[:2] == ["apt-get", "install"]:
                found.update(w for w in words[2:] if not w.startswith("-"))
    return found


def test_the_dockerfile_and_make_run_install_system_packages_with_the_same_script_call():
    makefile_calls = install_calls((ROOT / "Makefile").read_text())
    image_calls = [
        call
        for instruction, arguments in final_stage()
        if instruction == "RUN"
        for call in install_calls(arguments)
    ]

    assert "run" in makefile_calls
    assert image_calls == ["run"]


def test_the_dockerfile_does_not_repeat_a_package_of_the_install_script():
    assert "libsqlite3-mod-spatialite" in script_packages()  # the parsing found the lists

    assert apt_installed_by_dockerfile() & script_packages() == set()


def test_the_image_runs_on_a_slim_debian_12_base_whose_python_loads_spatialite():
    # Debian's python3 (from python3-venv) is what `make install` uses: its sqlite3 loads
    # extensions. The official python images would bring a second Python next to it.
    image = final_stage()[0][1].split()[0]

    assert re.fullmatch(r"debian:bookworm-slim(@sha256:[0-9a-f]{64})?", image), image


def test_a_non_root_user_is_set_before_the_server_command():
    instructions = [instruction for instruction, _ in final_stage()]
    users = [arguments for instruction, arguments in final_stage() if instruction == "USER"]
    start = max(i for i, name in enumerate(instructions) if name in ("CMD", "ENTRYPOINT"))

    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert instructions.index("USER") < start


def test_the_image_serves_with_gunicorn_and_migrates_first():
    commands = [arguments for instruction, arguments in final_stage() if instruction == "CMD"]

    assert commands[-1].startswith("["), "exec form, so that gunicorn gets SIGTERM"
    command = json.loads(commands[-1])
    assert command[:2] == [".venv/bin/camwalk", "serve"]
    assert "--migrate" in command


def test_the_healthcheck_asks_the_health_endpoint():
    checks = [
        arguments for instruction, arguments in final_stage() if instruction == "HEALTHCHECK"
    ]

    assert len(checks) == 1
    assert re.search(r"curl -fsS http://127\.0\.0\.1:\$\{PORT\}/api/v1/health", checks[0])


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def _expand_defaults(value: str) -> str:
    """Compose's `${NAME:-default}` as the default, which is what an empty .env gives."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", value)


def test_compose_runs_postgis_and_points_the_app_at_it(compose):
    services = compose["services"]
    databases = [n for n, s in services.items() if s.get("image", "").startswith("postgis/")]
    app = next(s for s in services.values() if s.get("build"))

    url = make_url(_expand_defaults(app["environment"]["CAMWALK_DATABASE_URL"]))
    assert databases == ["db"]
    assert url.get_backend_name() == "postgresql"
    assert url.host == "db"
    assert url.database == services["db"]["environment"]["POSTGRES_DB"]
    assert app["depends_on"]["db"]["condition"] == "service_healthy"


def test_compose_keeps_the_photos_in_a_named_volume_on_the_instance_folder(compose):
    app = next(s for s in compose["services"].values() if s.get("build"))
    mounts = dict(volume.split(":", 1) for volume in app["volumes"])

    assert "photos" in compose["volumes"]
    assert mounts["photos"] == app["environment"]["CAMWALK_INSTANCE_PATH"]


def test_compose_runs_the_photo_worker_on_the_apps_database_and_photos(compose):
    services = compose["services"]
    app = services["camwalk"]
    worker = next(s for s in services.values() if "worker" in s.get("command", []))

    assert worker["command"] == [".venv/bin/camwalk", "worker"]
    assert worker["build"] == app["build"]
    for name in ("CAMWALK_DATABASE_URL", "CAMWALK_INSTANCE_PATH", "CAMWALK_SECRET_KEY"):
        assert worker["environment"][name] == app["environment"][name]
    assert worker["volumes"] == app["volumes"]
    # After the web service's migrations, and without the web server's health check.
    assert worker["depends_on"]["camwalk"]["condition"] == "service_healthy"
    assert worker["healthcheck"]["disable"] is True


def _installed(package: str) -> bool:
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    ).stdout
    return status == "install ok installed"


def _run_unprivileged(hide_node: bool) -> subprocess.CompletedProcess:
    """The install script as a user who is not root; with hide_node, on a PATH without Node."""
    # Not under tmp_path: pytest's base folder is private to root, nobody could not enter it.
    with tempfile.TemporaryDirectory() as tools:
        Path(tools).chmod(0o755)
        for tool in ("bash", "dpkg-query", "apt-get", "id"):
            (Path(tools) / tool).symlink_to(shutil.which(tool))
        path = tools if hide_node else f"{tools}:/usr/bin:/bin"
        as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        with open(ROOT / INSTALL_SCRIPT) as script:  # opened by us, read by the other user
            return subprocess.run(
                [*as_user, "/usr/bin/env", f"PATH={path}", "/bin/bash", "-s", "run"],
                stdin=script,
                capture_output=True,
                text=True,
                timeout=60,
            )


@pytest.mark.parametrize("hide_node", [False, True], ids=["node on PATH", "no node on PATH"])
def test_the_install_script_names_the_missing_packages_when_not_root(hide_node):
    if shutil.which("dpkg-query") is None:
        pytest.skip("needs Debian's dpkg-query")
    wanted = RUN_PACKAGES + (NODE_PACKAGES if hide_node else [])
    missing = [p for p in wanted if not _installed(p)]

    result = _run_unprivileged(hide_node)

    if not missing:
        assert (result.returncode, result.stderr) == (0, "")
    else:
        assert result.returncode == 1
        assert f"Missing system packages: {' '.join(missing)}\n" in result.stderr
        assert f"apt-get install --no-install-recommends {' '.join(missing)}" in result.stderr


def test_compose_puts_nginx_in_front_with_the_proxy_settings_under_test(compose):
    services = compose["services"]
    proxy = next(s for s in services.values() if s.get("image", "").startswith("nginx"))
    site = (ROOT / "deploy" / "nginx-compose.conf").read_text()

    # The files tests/e2e/proxy.py runs in front of the servers under test are the ones the
    # site includes: deploy/nginx-X.conf as camwalk-X.conf beside nginx.conf, in both.
    assert "./deploy/nginx-compose.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    shipped = sorted(p.name for p in (ROOT / "deploy").glob("nginx-*.conf"))
    assert len(shipped) == 4, shipped
    for name in shipped:
        if name != "nginx-compose.conf":
            mounted = name.replace("nginx-", "camwalk-", 1)
            assert f"./deploy/{name}:/etc/nginx/{mounted}:ro" in proxy["volumes"]
    assert "include camwalk-locations.conf;" in site
    assert "server camwalk:8000;" in site
    # The zone the public documents' cache names (deploy/nginx-public-cache.conf).
    assert re.search(r"^proxy_cache_path \S+ keys_zone=camwalk_public:", site, re.MULTILINE)
    # Only the proxy is reachable from outside, so the address it adds can be trusted.
    assert "ports" not in services["camwalk"]
    assert _expand_defaults(services["camwalk"]["environment"]["CAMWALK_PROXY_COUNT"]) == "1"

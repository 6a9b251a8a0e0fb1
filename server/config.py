"""Configuration: defaults, then `CAMWALK_*` environment variables, then an explicit mapping.

Every setting is read once, in the app factory; nothing reads the environment at import time.
"""

import os
import secrets
from pathlib import Path

PREFIX = "CAMWALK"
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")

DEFAULTS = {
    # None means "camwalk.db in the instance folder" (SpatiaLite, the embedded default).
    "DATABASE_URL": None,
    # None means "photos/ in the instance folder".
    "PHOTO_DIR": None,
    "SECRET_KEY": None,
    # Largest photo accepted, in bytes.
    "MAX_PHOTO_BYTES": 15 * 1024 * 1024,
    # Most pixels decoded into memory for one photo. Every format but JPEG (decoded at 1/8
    # scale when large) is decoded whole, at up to 4 bytes a pixel: a 10 KB PNG may declare
    # 80 megapixels. 50 MP lets through phones' largest HEIC and PNG (48 MP, 8064 x 6048).
    "MAX_DECODED_PIXELS": 50_000_000,
    # What one member may have stored in photos: a count and bytes (the upload sizes). A day's
    # walk is a few hundred photos; this bounds what a lost or abused token can pile up.
    "MAX_PHOTOS_PER_WALKER": 3000,
    "MAX_PHOTO_BYTES_PER_WALKER": 10 * 1024**3,
    # Largest request body of any kind, in bytes (a photo plus headroom).
    "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
    # Basemap shown by the PWA. The OSM tile policy allows viewing, not bulk pre-download.
    "TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "TILE_ATTRIBUTION": "© OpenStreetMap contributors",
    # An MBTiles file of the organiser's own tiles, served at /tiles/{z}/{x}/{y}.<ext>
    # (server/basemap/tiles.py); set TILE_URL to that template to use it. None: not served.
    "TILES_FILE": None,
    # Where the built PWA lives; None means pwa/dist, falling back to the pwa/ shell.
    "PWA_DIR": None,
    # SQLite waits this long (milliseconds) for a writer before failing with "database locked".
    # SQLite has one writer at a time, so under a burst of syncs and photo uploads a write
    # queues behind the others: at 10 s, writes failed (500) while the phone still waited for
    # the answer (30 s for a sync in pwa/src/api/client.js). Past a minute something is stuck.
    "SQLITE_BUSY_TIMEOUT_MS": 60_000,
    # Two observations of compatible kind closer than this are flagged as possible duplicates.
    "DUPLICATE_DISTANCE_M": 8.0,
    # Most photos one observation may hold; a further attach_photo is rejected too_many_photos.
    "MAX_PHOTOS_PER_OBSERVATION": 10,
    # Joining and logging in, per client address (Flask-Limiter syntax).
    "AUTH_RATE_LIMIT": "10 per minute;100 per hour",
    # Reading a published map's cameras or coverage, per client address: anyone may, without a
    # token, and one read of a day of action's 5,000 cameras took a worker 0.5 to 1.9 s.
    "PUBLIC_RATE_LIMIT": "60 per minute;1000 per hour",
    # Asking again for a public photo held (If-None-Match naming it, answered 304), per client
    # address: its own allowance, so a map showing its photos again does not use up the one
    # above. Not unlimited: a 304 finds the photo its name stands for as a 200 does, and costs
    # as much (docs/security.md); it only saves sending the photo.
    "PUBLIC_REVALIDATION_RATE_LIMIT": "300 per minute;5000 per hour",
    # Reverse proxies in front of camwalk whose X-Forwarded-* headers are trusted.
    "PROXY_COUNT": 0,
    # The host names camwalk answers under ("camwalk.example.org,www.camwalk.example.org"):
    # a request naming another (its Host, or the X-Forwarded-Host a trusted proxy passed on)
    # is answered 400 before any view runs. camwalk writes absolute URLs (invite links, the
    # public map's photos) on the host a request names. None: any host (development).
    "TRUSTED_HOSTS": None,
    "OVERPASS_URL": "https://overpass-api.de/api",
    "OSM_API_URL": "https://api.openstreetmap.org",
    # Where the photo worker's queue lives (server/photos/queue.py). None means the database
    # itself when it is PostgreSQL, else a file beside the SQLite database (default_queue_url).
    "PHOTO_QUEUE_URL": None,
    # Run photo jobs inside the upload request instead of in `camwalk worker` (tests only:
    # a receipt then waits for the copies, as before the worker existed).
    "PHOTO_QUEUE_IMMEDIATE": False,
    # A photo whose job started (or was queued) longer ago than this, in seconds, and is still
    # not prepared is queued again by the worker's sweep: its worker died or its job was lost.
    "PHOTO_PREPARE_LEASE_S": 600,
    # Jobs started on one photo before it is marked failed: a photo that kills the worker
    # (out of memory, say) must not kill it forever.
    "PHOTO_PREPARE_MAX_ATTEMPTS": 3,
    # Look for faces and number plates in each photo, to propose boxes in the blur editor
    # (server/photos/detection.py): about 1 s of CPU and 650 MB while a 1600-px photo is
    # looked at. A server too small for that turns it off; boxes are then drawn by hand.
    "BLUR_PROPOSALS": True,
}


def load_config(instance_path: Path, overrides: dict | None = None) -> dict:
    """Merge defaults, environment variables and overrides into one settings mapping."""
    config = dict(DEFAULTS)
    config.update(_from_environment())
    config.update(overrides or {})
    if not config["DATABASE_URL"]:
        config["DATABASE_URL"] = f"sqlite:///{instance_path / 'camwalk.db'}"
    if not config["PHOTO_DIR"]:
        config["PHOTO_DIR"] = str(instance_path / "photos")
    if not config["PHOTO_QUEUE_URL"]:
        config["PHOTO_QUEUE_URL"] = default_queue_url(config["DATABASE_URL"], instance_path)
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = instance_secret_key(instance_path)
    if isinstance(config["TRUSTED_HOSTS"], str):  # from the environment: a list, Flask's form
        hosts = [host.strip() for host in config["TRUSTED_HOSTS"].split(",")]
        hosts = [host for host in hosts if host]
        # And the machine's own names: a health check from inside the container asks
        # 127.0.0.1, and a URL written on them leads nowhere but to the machine itself.
        config["TRUSTED_HOSTS"] = [*hosts, *LOOPBACK_HOSTS] if hosts else None
    return config


def default_queue_url(database_url: str, instance_path: Path) -> str:
    """PostgreSQL holds its own queue. SQLite's goes in a file of its own beside the database
    file (camwalk.db -> camwalk-photo-queue.db), so that queueing a job never waits behind the
    one writer of camwalk.db, and so that a queue always belongs to one database: a job names
    a photo by its row id, which means another photo in another database."""
    if database_url.startswith("postgresql"):
        return database_url
    database = Path(database_url.removeprefix("sqlite:///").split("?")[0])
    if not database.name or database.name == ":memory:":
        database = instance_path / "camwalk.db"
    return f"sqlite:///{database.with_name(database.stem + '-photo-queue.db')}"


def _from_environment() -> dict:
    found = {}
    for name, value in os.environ.items():
        if not name.startswith(PREFIX + "_"):
            continue
        key = name[len(PREFIX) + 1 :]
        default = DEFAULTS.get(key)
        if isinstance(default, bool):
            value = value.strip().lower() in ("1", "true", "yes", "on")
        elif isinstance(default, int | float):
            kind = type(default)
            try:
                value = kind(value)
            except ValueError as error:
                raise ValueError(f"{name} must be a number, not {value!r}") from error
        found[key] = value
    return found


def instance_secret_key(instance_path: Path) -> str:
    """Return the key kept in the instance folder, creating it on first run (mode 0600)."""
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: two processes starting at once must not write two different keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key

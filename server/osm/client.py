"""The one place camwalk talks HTTP to OpenStreetMap and Overpass.

Rules kept here once: an honest User-Agent, timeouts on every call, at most two connections to
a host (osm.md), retries with exponential backoff on 5xx and network failures, and 429 answered
by waiting what `Retry-After` says. Only reads and the Overpass query (also a read) are retried
after a 5xx or a timeout: a changeset write that timed out may have been applied, and sending it
again could duplicate it. Replacing a changeset's tags is the one write retried: sent twice, it
leaves the same tags. A 429 is retried for every call, because the server refused the work.

URL rule: `OSM_API_URL` is the site root (`https://api.openstreetmap.org`), calls go to
`{OSM_API_URL}/api/0.6/...`; `OVERPASS_URL` is the Overpass API root including its `/api`
(`https://overpass-api.de/api`), queries go to `{OVERPASS_URL}/interpreter`.
"""

import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime

import requests
from requests.adapters import HTTPAdapter

from server import __version__

USER_AGENT = f"camwalk/{__version__} (+https://github.com/camwalk/camwalk)"
MAX_CONNECTIONS = 2
# (connect, read) seconds; Overpass may take its own 25 s query timeout plus transfer.
TIMEOUT = (10, 90)
RETRIES = 3
BACKOFF_S = 1.0
# A Retry-After longer than this is not waited out: the caller gets the 429.
MAX_WAIT_S = 120.0


class OsmHttpError(Exception):
    """OSM or Overpass answered with an error status (after retries), or could not be reached."""

    def __init__(self, status: int | None, body: str, url: str):
        self.status = status
        self.body = body
        self.url = url
        super().__init__(f"{status or 'no answer'} from {url}: {body[:300]}")


class OsmClient:
    """HTTP to one OSM API and one Overpass server; `token` is an OAuth 2.0 bearer token."""

    def __init__(
        self,
        api_url: str = "https://api.openstreetmap.org",
        overpass_url: str = "https://overpass-api.de/api",
        *,
        token: str | None = None,
        retries: int = RETRIES,
        backoff_s: float = BACKOFF_S,
        timeout=TIMEOUT,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.api_url = api_url.rstrip("/")
        self.overpass_url = overpass_url.rstrip("/")
        self.retries = retries
        self.backoff_s = backoff_s
        self.timeout = timeout
        self._sleep = sleep
        self.session = requests.Session()
        # pool_block: a third concurrent request waits for a free connection, never opens one.
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=MAX_CONNECTIONS, pool_block=True)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["User-Agent"] = USER_AGENT
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    @classmethod
    def from_config(cls, config, token: str | None = None, api_url: str | None = None):
        return cls(
            api_url or config["OSM_API_URL"],
            config["OVERPASS_URL"],
            token=token or config.get("OSM_TOKEN"),
        )

    def close(self) -> None:
        self.session.close()

    # Reads -----------------------------------------------------------------------------------

    def overpass(self, query: str) -> bytes:
        """The raw answer of an Overpass QL query."""
        url = f"{self.overpass_url}/interpreter"
        return self._send("POST", url, data={"data": query}, idempotent=True).content

    def map_xml(self, west: float, south: float, east: float, north: float) -> bytes:
        """OSM XML of a box from the API's `map` call (the API refuses above 0.25 sq deg)."""
        bbox = ",".join(f"{v:.7f}" for v in (west, south, east, north))
        url = f"{self.api_url}/api/0.6/map"
        return self._send("GET", url, params={"bbox": bbox}, idempotent=True).content

    def node_xml(self, node_id: int) -> bytes:
        """OSM XML of one node at its current version."""
        return self._send("GET", f"{self.api_url}/api/0.6/node/{int(node_id)}").content

    def ways_of_node(self, node_id: int) -> bytes:
        """OSM XML of the ways using a node (to know whether it is a vertex)."""
        return self._send("GET", f"{self.api_url}/api/0.6/node/{int(node_id)}/ways").content

    def relations_of_node(self, node_id: int) -> bytes:
        """OSM XML of the relations listing a node (whether one would point at nothing)."""
        return self._send("GET", f"{self.api_url}/api/0.6/node/{int(node_id)}/relations").content

    def changeset_download(self, changeset_id: int) -> bytes:
        """The osmChange of what a changeset did (its elements at the versions it made)."""
        url = f"{self.api_url}/api/0.6/changeset/{int(changeset_id)}/download"
        return self._send("GET", url).content

    def open_changesets(self, user_id: int) -> bytes:
        """OSM XML of the user's changesets still open (the API lists at most 100, the newest
        first)."""
        url = f"{self.api_url}/api/0.6/changesets"
        return self._send("GET", url, params={"user": int(user_id), "open": "true"}).content

    # Writes ----------------------------------------------------------------------------------

    def create_changeset(self, body: bytes) -> int:
        url = f"{self.api_url}/api/0.6/changeset/create"
        answer = self._send("PUT", url, data=body, headers=_XML, idempotent=False)
        return int(answer.text.strip())

    def update_changeset(self, changeset_id: int, body: bytes) -> None:
        """Replace the tags of an open changeset (`body` as for create: every tag, kept ones
        too). Retried like a read: sending the same tags twice leaves the same changeset."""
        url = f"{self.api_url}/api/0.6/changeset/{int(changeset_id)}"
        self._send("PUT", url, data=body, headers=_XML, idempotent=True)

    def upload(self, changeset_id: int, osmchange: bytes) -> bytes:
        """POST the osmChange; the answer is the diffResult."""
        url = f"{self.api_url}/api/0.6/changeset/{int(changeset_id)}/upload"
        return self._send("POST", url, data=osmchange, headers=_XML, idempotent=False).content

    def close_changeset(self, changeset_id: int) -> None:
        url = f"{self.api_url}/api/0.6/changeset/{int(changeset_id)}/close"
        self._send("PUT", url, idempotent=False)

    # OAuth 2.0 and the account ---------------------------------------------------------------

    def exchange_code(self, form: dict) -> dict:
        """POST the authorization-code form to `/oauth2/token`; the JSON answer (the token).

        Not retried: a code is good for one exchange, a second try would only be refused.
        """
        url = f"{self.api_url}/oauth2/token"
        return self._send("POST", url, data=form, idempotent=False).json()

    def revoke_token(self, form: dict) -> None:
        """POST an RFC 7009 revocation form to `/oauth2/revoke`; returns once OSM answered 200.

        RFC 7009 answers 200 for a token already dead too, so a 200 always means "not live".
        """
        url = f"{self.api_url}/oauth2/revoke"
        self._send("POST", url, data=form, idempotent=True)

    def user_details(self) -> dict:
        """The `user` object of `/api/0.6/user/details.json` for the client's token."""
        url = f"{self.api_url}/api/0.6/user/details.json"
        return self._send("GET", url).json().get("user", {})

    # Transport -------------------------------------------------------------------------------

    def _send(self, method: str, url: str, *, idempotent: bool = True, **kwargs):
        attempt = 0
        while True:
            try:
                answer = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as error:
                if not idempotent or attempt >= self.retries:
                    raise OsmHttpError(None, str(error), url) from error
                self._sleep(self._backoff(attempt))
                attempt += 1
                continue
            wait = self._wait_before_retry(answer, attempt, idempotent)
            if wait is None:
                if answer.status_code >= 400:
                    raise OsmHttpError(answer.status_code, answer.text, url)
                return answer
            self._sleep(wait)
            attempt += 1

    def _wait_before_retry(self, answer, attempt: int, idempotent: bool) -> float | None:
        """Seconds to wait before trying again, or None to stop here."""
        if attempt >= self.retries:
            return None
        if answer.status_code == 429:
            wait = retry_after_seconds(answer.headers.get("Retry-After"))
            wait = self._backoff(attempt) if wait is None else wait
            return wait if wait <= MAX_WAIT_S else None
        if answer.status_code >= 500 and idempotent:
            return self._backoff(attempt)
        return None

    def _backoff(self, attempt: int) -> float:
        return self.backoff_s * 2**attempt


_XML = {"Content-Type": "text/xml; charset=utf-8"}


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After (seconds or an HTTP date) in seconds; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)

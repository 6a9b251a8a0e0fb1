"""Connecting a group's OSM account: OAuth 2.0 authorization code with PKCE (S256), write_api.

1. An organiser asks to connect: a random `state` and PKCE verifier are made, kept server-side
   (state as its SHA-256, the verifier encrypted) for AUTHORISATION_TTL, bound to the group and
   the organiser; the answer is the OSM authorisation URL the browser opens.
2. OSM sends the browser back to the callback with `code` and `state`. The pending row is
   deleted before anything else, so a state works once, then the code is exchanged (with the
   verifier) for a token, which is stored encrypted on the group's one OsmAccount.
3. Disconnecting revokes the token at OSM (RFC 7009), then forgets it here whatever OSM said.

The callback carries no camwalk bearer token (it is a browser redirect from OSM): the state is
what proves which organiser started it, which is why it is random, short-lived and single-use.
It must also come back in the browser that asked (RFC 6749, 10.12): else an organiser could
send her consent URL, an openstreetmap.org address naming camwalk, to someone else, whose
consent would make that person's OSM account her group's, to upload in that person's name. So
step 1 also gives the browser a cookie (`BROWSER_COOKIE`, a keyed hash of the state: nothing
more to store), sent only to the callback, and a callback without it connects nothing.
Being a browser navigation, it never answers JSON: every outcome is a redirect to the app with
`osm_account=connected|declined|error` (and `reason=` for an error), see `callback_outcome`.
"""

import base64
import hashlib
import hmac
import logging
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from sqlalchemy import delete, select

from server.auth.models import Member, Role
from server.errors import ApiError
from server.extensions import db
from server.groups.models import Group
from server.osm import tokens
from server.osm.client import OsmClient, OsmHttpError
from server.osm.errors import (
    OsmAccountUnreadable,
    OsmOAuthNotConfigured,
    OsmOAuthRefused,
    OsmOAuthStateInvalid,
    OsmTokenMissing,
)
from server.osm.models import OsmAccount, OsmAuthorisation
from server.types import utcnow

SCOPE = "write_api"
AUTHORISATION_TTL = timedelta(minutes=10)
# (connect, read) seconds: an organiser waits on the disconnect, and it succeeds without OSM.
REVOKE_TIMEOUT = (5, 15)

log = logging.getLogger(__name__)


class OsmOAuthStateExpired(OsmOAuthStateInvalid):
    code = "osm_oauth_state_expired"
    message = "This authorisation took longer than 10 minutes: connect again."


class OsmOAuthOtherBrowser(OsmOAuthStateInvalid):
    code = "osm_oauth_other_browser"
    message = "This authorisation was started in another browser: connect again from yours."


# The cookie that ties a state to the browser that asked for it (see the module's docstring).
BROWSER_COOKIE = "camwalk_osm_connect"
_BROWSER_PURPOSE = b"camwalk osm oauth browser v1\n"


def browser_binding(secret_key: str, state: str) -> str:
    """The cookie's value for `state`: only the server can make it from the state."""
    message = _BROWSER_PURPOSE + state.encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def pkce_challenge(verifier: str) -> str:
    """S256: BASE64URL(SHA256(verifier)) without padding (RFC 7636, 4.2)."""
    raw = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _oauth_settings(config) -> tuple[str, str]:
    client_id, redirect_uri = config.get("OSM_CLIENT_ID"), config.get("OSM_REDIRECT_URI")
    if not client_id or not redirect_uri:
        raise OsmOAuthNotConfigured()
    return client_id, redirect_uri


def start_authorisation(group: Group, member: Member, config) -> tuple[str, str]:
    """Record a pending authorisation; return the URL of OSM's consent page and the value of
    the browser's cookie (`browser_binding`)."""
    client_id, redirect_uri = _oauth_settings(config)
    api_url = config["OSM_API_URL"].rstrip("/")
    state = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)  # 86 characters: RFC 7636 asks for 43 to 128
    db.session.execute(delete(OsmAuthorisation).where(OsmAuthorisation.expires_at < utcnow()))
    db.session.add(
        OsmAuthorisation(
            state_hash=_digest(state),
            verifier_encrypted=tokens.encrypt(config["SECRET_KEY"], verifier),
            group_id=group.id,
            member_id=member.id,
            api_url=api_url,
            redirect_uri=redirect_uri,
            expires_at=utcnow() + AUTHORISATION_TTL,
        )
    )
    db.session.commit()
    query = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": SCOPE,
        "state": state,
        "code_challenge": pkce_challenge(verifier),
        "code_challenge_method": "S256",
    }
    url = f"{api_url}/oauth2/authorize?{urlencode(query)}"
    return url, browser_binding(config["SECRET_KEY"], state)


def take_authorisation(state: str) -> OsmAuthorisation:
    """The pending authorisation of `state`, deleted (committed) so that it cannot be replayed."""
    pending = db.session.scalar(
        select(OsmAuthorisation).where(OsmAuthorisation.state_hash == _digest(state))
    )
    if pending is None:
        raise OsmOAuthStateInvalid()
    db.session.delete(pending)
    db.session.commit()
    member = db.session.get(Member, pending.member_id)
    still_organiser = (
        member is not None
        and member.removed_at is None
        and member.group_id == pending.group_id
        and member.rank >= Role.ORGANISER
    )
    if pending.expires_at < utcnow():
        raise OsmOAuthStateExpired()
    if not still_organiser:
        raise OsmOAuthStateInvalid()
    return pending


def finish_authorisation(pending: OsmAuthorisation, code: str, config) -> OsmAccount:
    """Exchange the code for a token and store it encrypted on the group's account."""
    client_id, _ = _oauth_settings(config)
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": pending.redirect_uri,
        "client_id": client_id,
        "code_verifier": _verifier(pending, config["SECRET_KEY"]),
    }
    if config.get("OSM_CLIENT_SECRET"):
        form["client_secret"] = config["OSM_CLIENT_SECRET"]
    exchange = OsmClient(pending.api_url, config["OVERPASS_URL"])
    try:
        answer = exchange.exchange_code(form)
    except OsmHttpError as error:
        # The body is OSM's error JSON, never a token: a failed exchange issues none.
        raise OsmOAuthRefused(f"OpenStreetMap refused the code ({error.status}).") from error
    finally:
        exchange.close()
    token, scope = answer.get("access_token"), answer.get("scope", "")
    if not token or SCOPE not in scope.split():
        raise OsmOAuthRefused()
    user = _user_details(pending.api_url, token, config)
    return _store_account(pending, tokens.encrypt(config["SECRET_KEY"], token), scope, user)


def _verifier(pending: OsmAuthorisation, secret_key: str) -> str:
    try:
        return tokens.decrypt(secret_key, pending.verifier_encrypted)
    except tokens.TokenUnreadable as error:
        # SECRET_KEY changed during the 10 minutes: this authorisation cannot be finished.
        raise OsmOAuthStateInvalid() from error


# The `reason` the app is sent back with, by the error that ended the callback.
CALLBACK_REASONS = {
    OsmOAuthStateInvalid.code: "state_invalid",
    OsmOAuthStateExpired.code: "state_expired",
    OsmOAuthOtherBrowser.code: "other_browser",
    OsmOAuthRefused.code: "refused",
    OsmOAuthNotConfigured.code: "not_configured",
}


def callback_outcome(
    state: str | None, code: str | None, error: str | None, browser: str | None, config
) -> dict:
    """The query the app is sent back with after OSM's redirect; never raises an ApiError.
    `browser`: the value of the browser's BROWSER_COOKIE, if it sent one.

    The state is checked first, whatever else the query says: a callback that does not carry a
    live state of ours, in the browser that asked for it, is not from our flow, so it may not
    even claim a refusal. Only words of our own go back (never OSM's error_description, the
    code or the state): the app shows them.
    """
    try:
        pending = take_authorisation(state or "")  # spends the state: it cannot be used again
        expected = browser_binding(config["SECRET_KEY"], state or "")
        if not hmac.compare_digest(browser or "", expected):
            raise OsmOAuthOtherBrowser()
        if error or not code:
            if error == "access_denied":
                return {"osm_account": "declined"}
            return _callback_error("osm_error" if error else "missing_code")
        finish_authorisation(pending, code, config)
    except ApiError as failure:
        return _callback_error(CALLBACK_REASONS.get(failure.code, "failed"))
    return {"osm_account": "connected"}


def _callback_error(reason: str) -> dict:
    log.info("OSM account callback failed: %s", reason)
    return {"osm_account": "error", "reason": reason}


def _user_details(api_url: str, token: str, config) -> dict:
    """The OSM user's name and id; an empty dict if OSM does not answer (not worth failing)."""
    client = OsmClient(api_url, config["OVERPASS_URL"], token=token, retries=0)
    try:
        return client.user_details()
    except (OsmHttpError, ValueError):
        return {}
    finally:
        client.close()


def _store_account(pending: OsmAuthorisation, encrypted: str, scope: str, user: dict):
    account = db.session.scalar(select(OsmAccount).filter_by(group_id=pending.group_id))
    if account is None:
        account = OsmAccount(group_id=pending.group_id)
        db.session.add(account)
    account.token_encrypted = encrypted
    account.scope = scope
    account.api_url = pending.api_url
    account.osm_user = user.get("display_name")
    account.osm_user_id = user.get("id")
    account.connected_by_id = pending.member_id
    account.connected_at = utcnow()
    db.session.commit()
    return account


def account_view(group: Group) -> dict:
    """Whether the group is connected, and to whom; never the token."""
    account = db.session.scalar(select(OsmAccount).filter_by(group_id=group.id))
    if account is None:
        return {"connected": False}
    member = db.session.get(Member, account.connected_by_id) if account.connected_by_id else None
    return {
        "connected": True,
        "osm_user": account.osm_user,
        "osm_user_id": account.osm_user_id,
        "api_url": account.api_url,
        "scope": account.scope,
        "connected_at": account.connected_at,
        "connected_by": member.pseudonym if member else None,
    }


def disconnect(group: Group, config) -> dict:
    """Revoke the group's token at OSM, then forget it here whether or not OSM confirmed.

    The organiser asked to disconnect: an OSM that is down or refuses must not keep a write
    token in our database. `revoked_at_osm` says whether OSM confirmed the token is dead.
    """
    account = db.session.scalar(select(OsmAccount).filter_by(group_id=group.id))
    revoked = account is not None and _revoke(account, config)
    db.session.execute(delete(OsmAccount).where(OsmAccount.group_id == group.id))
    db.session.execute(delete(OsmAuthorisation).where(OsmAuthorisation.group_id == group.id))
    db.session.commit()
    return {"connected": False, "revoked_at_osm": revoked}


def _revoke(account: OsmAccount, config) -> bool:
    """POST the token to OSM's /oauth2/revoke; True only when OSM answered 200."""
    client_id = config.get("OSM_CLIENT_ID")
    try:
        token = tokens.decrypt(config["SECRET_KEY"], account.token_encrypted)
    except tokens.TokenUnreadable:
        return False  # nothing readable to revoke; forgetting the ciphertext is all we can do
    if not client_id or _still_used_elsewhere(account, token, config):
        return False
    form = {"token": token, "token_type_hint": "access_token", "client_id": client_id}
    if config.get("OSM_CLIENT_SECRET"):
        form["client_secret"] = config["OSM_CLIENT_SECRET"]
    client = OsmClient(account.api_url, config["OVERPASS_URL"], retries=0, timeout=REVOKE_TIMEOUT)
    try:
        client.revoke_token(form)
    except OsmHttpError as error:
        log.warning("OSM did not revoke group %s's token (%s)", account.group_id, error.status)
        return False
    finally:
        client.close()
    return True


def _still_used_elsewhere(account: OsmAccount, token: str, config) -> bool:
    """Whether another group (or the server's OSM_TOKEN) holds this very token.

    OSM reuses a live token for the same user and application (Doorkeeper's
    reuse_access_token), so one OSM user connecting two groups gives both the same token:
    revoking it for one would silently disconnect the other.
    """
    if token == config.get("OSM_TOKEN"):
        return True
    query = select(OsmAccount).where(
        OsmAccount.group_id != account.group_id, OsmAccount.api_url == account.api_url
    )
    if account.osm_user_id is not None:  # unknown user (OSM did not say): compare them all
        query = query.where(OsmAccount.osm_user_id == account.osm_user_id)
    others = db.session.scalars(query)
    for other in others:
        try:
            if tokens.decrypt(config["SECRET_KEY"], other.token_encrypted) == token:
                return True
        except tokens.TokenUnreadable:
            continue
    return False


def group_credentials(group_id: int, secret_key: str) -> tuple[str, str] | None:
    """(token, api_url) of the group's connected account, or None when not connected."""
    account = db.session.scalar(select(OsmAccount).filter_by(group_id=group_id))
    if account is None:
        return None
    try:
        return tokens.decrypt(secret_key, account.token_encrypted), account.api_url
    except tokens.TokenUnreadable as error:
        raise OsmAccountUnreadable() from error


def upload_client(group_id: int, config) -> OsmClient:
    """A client for uploads: the group's connected account, else the server's OSM_TOKEN.

    The group's own account wins: a server-wide token is an operator's fallback, and edits
    should carry the name of the organiser who connected the campaign's account.
    """
    credentials = group_credentials(group_id, config["SECRET_KEY"])
    if credentials is not None:
        token, api_url = credentials
        return OsmClient.from_config(config, token, api_url)
    if config.get("OSM_TOKEN"):
        return OsmClient.from_config(config)
    raise OsmTokenMissing()

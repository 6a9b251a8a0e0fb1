"""Errors of server.groups: each a stable code and HTTP status, rendered by server/errors.py."""

from server.errors import ApiError


class LastOrganiser(ApiError):
    status = 409
    code = "last_organiser"
    message = "A group keeps at least one organiser: appoint another one first."


class SignInLinkForOrganiser(ApiError):
    status = 409
    code = "sign_in_link_walkers_only"
    message = (
        "Sign-in links are for walkers, who may have no password. An organiser logs in with "
        "her own password: a link would let another organiser act in her name."
    )

"""Sign-in links: an organiser's way to let a member back in as herself.

A walker who joined by invite has no password. Once her phone is signed out (lost and found
again, or she logged out), the invite would only make her a new member, and her unsent work
would go to the server under that new name. A sign-in link signs one phone in as her: one
use, `LINK_HOURS` of validity, the newest replacing any earlier one. The code is a credential,
kept as invite codes are: found by its SHA-256, shown again from a copy sealed with a key
derived from SECRET_KEY (server/groups/invites.py).
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from server.auth.models import Member, SignInLink
from server.auth.tokens import new_token, token_digest
from server.errors import NotFound, SignInLinkInvalid
from server.extensions import db
from server.osm import tokens
from server.types import utcnow

# Binds the key that seals sign-in codes to this use only.
SEAL_PURPOSE = b"camwalk sign-in link v1"

# Long enough for an organiser to send it and the walker to open it the same day; short
# enough that a link forgotten in a chat is dead by the next walk.
LINK_HOURS = 24


def create_link(member: Member, created_by_id: int) -> tuple[SignInLink, str]:
    """A new link for `member`; her earlier links that were not used stop working."""
    close_links(member)
    # A full token (256 bits), not a short invite code: it signs someone in, and a link
    # is opened, never typed.
    code = new_token()
    sealed = tokens.encrypt(current_app.config["SECRET_KEY"], code, SEAL_PURPOSE)
    link = SignInLink(
        member_id=member.id,
        code_hash=token_digest(code),
        code_sealed=sealed,
        expires_at=utcnow() + timedelta(hours=LINK_HOURS),
        created_by_id=created_by_id,
    )
    db.session.add(link)
    db.session.commit()
    return link, code


def current_link(member: Member) -> tuple[SignInLink, str]:
    """The member's link that still works, with its code; 404 when there is none."""
    link = db.session.scalar(
        select(SignInLink)
        .where(SignInLink.member_id == member.id, SignInLink.used_at.is_(None))
        .where(SignInLink.revoked_at.is_(None), SignInLink.expires_at > utcnow())
        .order_by(SignInLink.id.desc())
    )
    if link is None:
        raise NotFound()
    try:
        code = tokens.decrypt(current_app.config["SECRET_KEY"], link.code_sealed, SEAL_PURPOSE)
    except tokens.TokenUnreadable as error:  # sealed with another SECRET_KEY
        raise NotFound("Make a new sign-in link.") from error
    return link, code


def revoke_links(member: Member) -> None:
    close_links(member)
    db.session.commit()


def close_links(member: Member) -> None:
    """Stop every unused link of `member`; the caller commits."""
    db.session.execute(
        update(SignInLink)
        .where(SignInLink.member_id == member.id, SignInLink.used_at.is_(None))
        .where(SignInLink.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def claim_link(code: str) -> Member:
    """Use a link once: the member it signs in. Claimed by one conditional UPDATE, so two
    phones opening the same link at once cannot both get in (as invites, service._claim_use).
    A removed member's link admits nobody. The caller issues the token and commits."""
    now = utcnow()
    link = db.session.scalar(select(SignInLink).where(SignInLink.code_hash == token_digest(code)))
    member = db.session.get(Member, link.member_id) if link is not None else None
    if member is None or member.removed_at is not None:
        raise SignInLinkInvalid()
    claimed = db.session.execute(
        update(SignInLink)
        .where(SignInLink.id == link.id, SignInLink.used_at.is_(None))
        .where(SignInLink.revoked_at.is_(None), SignInLink.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        db.session.rollback()  # ends the write transaction the refused UPDATE opened
        raise SignInLinkInvalid()
    return member

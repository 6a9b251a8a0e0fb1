"""Invites: made, listed and revoked by organisers; used by `POST /api/v1/join`."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from server.auth.tokens import new_invite_code, token_digest
from server.errors import InviteInvalid, NotFound
from server.extensions import db
from server.groups.models import Group, Invite, InviteRole
from server.osm import tokens
from server.types import utcnow

# Binds the key that seals invite codes to this use only.
SEAL_PURPOSE = b"camwalk invite code v1"

# A first-organiser link works once and not for long: it makes someone the group's organiser.
FIRST_ORGANISER_LINK_DAYS = 7


def create_invite(
    group: Group,
    created_by_id: int | None,
    role: str = InviteRole.WALKER,
    expires_in_days: int | None = 30,
    max_uses: int | None = None,
) -> Invite:
    expires_at = utcnow() + timedelta(days=expires_in_days) if expires_in_days else None
    invite = Invite(
        group_id=group.id,
        **code_columns(new_invite_code()),
        role=role,
        expires_at=expires_at,
        max_uses=max_uses,
        created_by_id=created_by_id,
    )
    db.session.add(invite)
    db.session.commit()
    return invite


def code_columns(code: str) -> dict:
    """How an invite's code is stored: its hash to find it, a sealed copy to show it again."""
    sealed = tokens.encrypt(current_app.config["SECRET_KEY"], code, SEAL_PURPOSE)
    return {"code_hash": token_digest(code), "code_sealed": sealed}


def find_invite_by_code(code: str) -> Invite | None:
    return db.session.scalar(select(Invite).where(Invite.code_hash == token_digest(code)))


def readable_code(invite: Invite) -> str | None:
    """The invite's code, or None when it was not kept (made before codes were sealed, or
    sealed with another SECRET_KEY): the organiser then makes a new invite."""
    if invite.code_sealed is None:
        return None
    try:
        return tokens.decrypt(current_app.config["SECRET_KEY"], invite.code_sealed, SEAL_PURPOSE)
    except tokens.TokenUnreadable:
        return None


def preview_invite(code: str) -> dict:
    """The invite behind a code, if it still admits someone: the join page names the group
    and the role before anyone picks a pseudonym. Same refusal as joining, so a preview
    tells a stranger no more than a join attempt would."""
    from server.auth.service import invite_usable

    invite = find_invite_by_code(code)
    if invite is None or not invite_usable(invite, utcnow()):
        raise InviteInvalid()
    return {"group_name": db.session.get(Group, invite.group_id).name, "role": invite.role}


def list_invites(group: Group) -> list[Invite]:
    return list(
        db.session.scalars(
            select(Invite).where(Invite.group_id == group.id).order_by(Invite.id.desc())
        )
    )


def get_invite(group: Group, invite_id: int) -> Invite:
    invite = db.session.get(Invite, invite_id)
    if invite is None or invite.group_id != group.id:
        raise NotFound()
    return invite


def revoke_invite(group: Group, invite_id: int) -> Invite:
    invite = get_invite(group, invite_id)
    if invite.revoked_at is None:
        invite.revoked_at = utcnow()
        db.session.commit()
    return invite


def create_group_with_organiser_link(name: str, hashtags: str | None = None):
    """A new group and a one-time link that makes whoever opens it its first organiser."""
    from server.groups.service import unique_slug

    group = Group(name=name, slug=unique_slug(name), hashtags=hashtags)
    db.session.add(group)
    db.session.flush()
    invite = create_invite(
        group,
        None,
        role=InviteRole.ORGANISER,
        expires_in_days=FIRST_ORGANISER_LINK_DAYS,
        max_uses=1,
    )
    return group, invite

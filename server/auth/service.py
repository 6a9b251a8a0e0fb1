"""Joining a group, logging in, and finding the member behind a bearer token."""

from flask import request
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from server.auth.models import DeviceToken, Member, Role
from server.auth.tokens import new_token, token_digest
from server.errors import BadCredentials, InviteInvalid, PseudonymTaken, Unauthenticated
from server.extensions import db
from server.groups.models import Group, Invite
from server.types import utcnow

# A hash of a password nobody has, checked when the pseudonym is unknown, so that a wrong
# pseudonym takes as long to refuse as a wrong password.
_DUMMY_HASH = generate_password_hash("camwalk-no-such-member")


def issue_token(member: Member, label: str | None = None) -> str:
    """Create a device token for `member`; the caller shows it once and it is never stored."""
    token = new_token()
    db.session.add(DeviceToken(member=member, token_hash=token_digest(token), label=label))
    return token


def join_group(invite_code: str, pseudonym: str, device_label: str | None) -> tuple[Member, str]:
    """Use an invite: make a walker (or organiser) with this pseudonym and a device token."""
    invite = db.session.scalar(select(Invite).where(Invite.code == invite_code).with_for_update())
    now = utcnow()
    if invite is None or not invite_usable(invite, now):
        raise InviteInvalid()
    taken = db.session.scalar(
        select(Member.id).where(Member.group_id == invite.group_id, Member.pseudonym == pseudonym)
    )
    if taken is not None:
        raise PseudonymTaken()
    member = Member(group_id=invite.group_id, pseudonym=pseudonym, role=invite.role)
    db.session.add(member)
    invite.uses += 1
    token = issue_token(member, device_label)
    db.session.commit()
    return member, token


def invite_usable(invite: Invite, now) -> bool:
    if invite.revoked_at is not None:
        return False
    if invite.expires_at is not None and invite.expires_at <= now:
        return False
    return invite.max_uses is None or invite.uses < invite.max_uses


def log_in(group_slug: str, pseudonym: str, password: str, device_label: str | None):
    """Check an organiser's password and give the device a token."""
    member = db.session.scalar(
        select(Member)
        .join(Group, Group.id == Member.group_id)
        .where(Group.slug == group_slug, Member.pseudonym == pseudonym)
    )
    usable = member is not None and member.removed_at is None and member.password_hash
    if not check_password_hash(member.password_hash if usable else _DUMMY_HASH, password):
        raise BadCredentials()
    if not usable:
        raise BadCredentials()
    token = issue_token(member, device_label)
    db.session.commit()
    return member, token


def set_password(member: Member, password: str) -> None:
    member.password_hash = generate_password_hash(password)


def create_member(group: Group, pseudonym: str, role: Role, password: str | None = None):
    member = Member(group=group, pseudonym=pseudonym, role=role.label)
    if password is not None:
        set_password(member, password)
    db.session.add(member)
    return member


def current_member() -> Member:
    """The member whose bearer token came with this request; 401 if there is none."""
    # Cached on the request, not on `g`: an app context can outlive one request (tests reuse
    # theirs), and a member must never carry over from one request to the next.
    cached = getattr(request, "camwalk_member", None)
    if cached is not None:
        return cached
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated()
    row = db.session.execute(
        select(DeviceToken, Member)
        .join(Member, Member.id == DeviceToken.member_id)
        .where(DeviceToken.token_hash == token_digest(token.strip()))
    ).first()
    if row is None or row.DeviceToken.revoked_at or row.Member.removed_at:
        raise Unauthenticated("This token is unknown or no longer valid.")
    request.camwalk_member = row.Member
    return row.Member


def change_password(member: Member, password: str) -> None:
    set_password(member, password)
    db.session.commit()

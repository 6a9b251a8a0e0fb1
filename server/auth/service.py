"""Joining a group, logging in, and finding the member behind a bearer token."""

from datetime import timedelta

from flask import request
from sqlalchemy import and_, or_, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from server.auth import pseudonyms, sign_in_links
from server.auth.models import DeviceToken, Member, Role
from server.auth.tokens import new_token, token_digest
from server.errors import (
    BadCredentials,
    CurrentPasswordWrong,
    InviteInvalid,
    MemberRemoved,
    NotFound,
    PseudonymTaken,
    TokenUnknown,
    Unauthenticated,
)
from server.extensions import db
from server.groups.invites import find_invite_by_code
from server.groups.models import Group, Invite
from server.types import utcnow

# A hash of a password nobody has, checked when the pseudonym is unknown, so that a wrong
# pseudonym takes as long to refuse as a wrong password.
_DUMMY_HASH = generate_password_hash("camwalk-no-such-member")


def issue_token(member: Member, label: str | None = None) -> str:
    """Create a device token for `member`; the caller shows it once and it is never stored."""
    return _issue_device(member, label)[1]


def _issue_device(member: Member, label: str | None) -> tuple[DeviceToken, str]:
    token = new_token()
    device = DeviceToken(member=member, token_hash=token_digest(token), label=label)
    db.session.add(device)
    return device, token


# How long after joining the phone that joined may ask again with its join key: long enough
# for a walker whose answer was lost on a weak link to retry from home that evening, short
# enough that the key is not a second, forgotten credential.
JOIN_RETRY_WINDOW = timedelta(hours=24)


def join_group(
    invite_code: str, pseudonym: str, device_label: str | None, join_key: str | None = None
) -> tuple[Member, str]:
    """Use an invite: make a walker (or organiser) with this pseudonym and a device token.

    `join_key`, random and drawn by the phone before its first try, makes the join safe to
    send again: the answer may be lost after the member was made, and the retry would then be
    refused (pseudonym taken, or a one-use invite used up). A join that would be refused is
    first looked at as such a retry (`_retried_join`)."""
    invite = find_invite_by_code(invite_code)
    if invite is None:
        raise InviteInvalid()
    if not _claim_use(invite):
        # The refused UPDATE opened a write transaction (on SQLite, the database's write
        # lock): end it now rather than when the request is torn down.
        db.session.rollback()
        return _retried_join(invite, pseudonym, device_label, join_key, InviteInvalid())
    if _looks_taken(invite.group_id, pseudonym):
        db.session.rollback()  # gives the use back
        return _retried_join(invite, pseudonym, device_label, join_key, PseudonymTaken())
    member = Member(
        group_id=invite.group_id, pseudonym=pseudonym, role=invite.role, invite_id=invite.id
    )
    db.session.add(member)
    device, token = _issue_device(member, device_label)
    device.join_key_hash = token_digest(join_key) if join_key else None
    db.session.commit()
    return member, token


def _retried_join(invite, pseudonym, device_label, join_key, refusal) -> tuple[Member, str]:
    """The member an earlier try of this very join made, with a fresh token; else `refusal`.

    It is the same join when the key, the invite and the pseudonym are the same, the member is
    still in the group, joined less than JOIN_RETRY_WINDOW ago, and the device that join made
    is still signed in. So logging out, an organiser signing that phone out or removing her
    ends the key's use; and only the phone that drew the key can take this pseudonym back:
    anyone else gets the refusal a join without a key gets. The earlier device is signed out
    (its token was never received, or this phone would not be asking) and the key moves to
    the new one, whose answer may be lost too."""
    if not join_key:
        raise refusal
    earlier = db.session.scalar(
        select(DeviceToken)
        .join(Member, Member.id == DeviceToken.member_id)
        .where(
            DeviceToken.join_key_hash == token_digest(join_key),
            DeviceToken.revoked_at.is_(None),
            Member.invite_id == invite.id,
            Member.pseudonym == pseudonym,
            Member.removed_at.is_(None),
            Member.created_at > utcnow() - JOIN_RETRY_WINDOW,
        )
    )
    if earlier is None:
        raise refusal
    member = earlier.member
    earlier.revoked_at = utcnow()
    device, token = _issue_device(member, device_label)
    device.join_key_hash = earlier.join_key_hash
    db.session.commit()
    return member, token


def _looks_taken(group_id: int, pseudonym: str) -> bool:
    """True when someone in the group (removed members too: their names stay in the history)
    has this pseudonym or one that looks the same (server/auth/pseudonyms.py)."""
    wanted = pseudonyms.skeleton(pseudonym)
    names = db.session.scalars(select(Member.pseudonym).where(Member.group_id == group_id))
    return any(name == pseudonym or pseudonyms.skeleton(name) == wanted for name in names)


def _claim_use(invite: Invite) -> bool:
    """Count one use of the invite if it is still usable, in one statement.

    Reading `uses` and writing it back later let concurrent joins all read the same count
    (SQLite locks nothing on SELECT ... FOR UPDATE). A conditional UPDATE is decided under the
    write lock (SQLite) or the row lock, re-checked after waiting (PostgreSQL), so of eight
    phones racing for the last use exactly one gets it. It is the transaction's first write:
    the rest of the join commits or rolls back with it.
    """
    claimed = db.session.execute(
        update(Invite)
        .where(Invite.id == invite.id, usable_invites(utcnow()))
        .values(uses=Invite.uses + 1)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1


def usable_invites(now):
    """What makes an invite admit one more person, as SQL: the join's claim and the join
    page's preview both ask the database, so the rule is written once."""
    return and_(
        Invite.revoked_at.is_(None),
        or_(Invite.expires_at.is_(None), Invite.expires_at > now),
        or_(Invite.max_uses.is_(None), Invite.uses < Invite.max_uses),
    )


def invite_usable(invite: Invite, now) -> bool:
    found = select(Invite.id).where(Invite.id == invite.id, usable_invites(now))
    return db.session.scalar(found) is not None


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
    device, token = _issue_device(member, device_label)
    db.session.flush()
    # The password now rests on this device too: signing it out (it may be the finder's,
    # who set the password from a lost phone's token and logged out there) clears it.
    member.password_device_id = device.id
    db.session.commit()
    return member, token


def sign_in_with_link(code: str, device_label: str | None) -> tuple[Member, str]:
    """Use an organiser's sign-in link: this phone gets a token as the member the link names.

    It also clears her password: a link is how someone who cannot use the password gets
    back in, and a password that a lost phone's finder set (then logged out, leaving no
    device to sign out) must not outlive it. She sets a new one from the menu."""
    member = sign_in_links.claim_link(code)
    member.password_hash = None
    member.password_device_id = None
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
    return _current_session()[1]


def current_device() -> DeviceToken:
    """The device token this request came with; 401 if there is none."""
    return _current_session()[0]


def _current_session() -> tuple[DeviceToken, Member]:
    # Cached on the request, not on `g`: an app context can outlive one request (tests reuse
    # theirs), and a member must never carry over from one request to the next.
    cached = getattr(request, "camwalk_session", None)
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
    if row is not None and row.Member.removed_at:
        raise MemberRemoved()
    if row is None:
        raise TokenUnknown()
    if row.DeviceToken.revoked_at:
        raise Unauthenticated("This token is no longer valid: this device was signed out.")
    request.camwalk_session = (row.DeviceToken, row.Member)
    return request.camwalk_session


def change_password(member: Member, password: str, current_password: str | None) -> None:
    """Set the password and sign out every other device: whoever knew the old password (or
    holds a phone that used it) is out; the device that changed it stays in.

    A password already set is changed only with the current one: a device token alone (a
    lost phone) must not let its finder choose a password that outlives the phone's sign-out.
    The first password needs none (a walker who joined by invite has none), and it is tied
    to the device that set it: signing that device out clears it (`_signed_out`)."""
    if member.password_hash and not check_password_hash(
        member.password_hash, current_password or ""
    ):
        raise CurrentPasswordWrong()
    device = current_device()
    set_password(member, password)
    member.password_device_id = device.id
    revoke_devices(member, keep=device)
    db.session.commit()


def has_password(member: Member) -> bool:
    return member.password_hash is not None


def _signed_out(device: DeviceToken) -> None:
    """Revoke one device; a password set or last changed from it goes too, since whoever
    held the device may have chosen it. Her other devices stay in and can set a new one."""
    device.revoked_at = utcnow()
    member = db.session.get(Member, device.member_id)
    if member.password_device_id == device.id:
        member.password_hash = None
        member.password_device_id = None


def revoke_devices(member: Member, keep: DeviceToken | None = None) -> None:
    """Revoke every live token of `member` but `keep`; the caller commits."""
    query = update(DeviceToken).where(
        DeviceToken.member_id == member.id, DeviceToken.revoked_at.is_(None)
    )
    if keep is not None:
        query = query.where(DeviceToken.id != keep.id)
    db.session.execute(query.values(revoked_at=utcnow()))


def list_devices(member: Member) -> list[dict]:
    """The member's devices that can still sign in, newest first; `current` marks the device
    that asked (so never one of hers when an organiser asks)."""
    this = current_device()
    devices = db.session.scalars(
        select(DeviceToken)
        .where(DeviceToken.member_id == member.id, DeviceToken.revoked_at.is_(None))
        .order_by(DeviceToken.created_at.desc(), DeviceToken.id.desc())
    )
    return [
        {
            "id": device.id,
            "label": device.label,
            "created_at": device.created_at,
            "last_used_at": device.last_used_at,
            "current": device.id == this.id,
        }
        for device in devices
    ]


def revoke_device(member: Member, device_id: int) -> None:
    """Sign one of the member's devices out (a lost phone), with the password set from it;
    404 for anyone else's."""
    device = db.session.get(DeviceToken, device_id)
    if device is None or device.member_id != member.id or device.revoked_at is not None:
        raise NotFound()
    _signed_out(device)
    db.session.commit()


def log_out() -> None:
    """Revoke the token this request came with."""
    current_device().revoked_at = utcnow()
    db.session.commit()

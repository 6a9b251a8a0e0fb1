"""Members as organisers see them: list, sign out one of their devices, and remove (their
data stays, their devices stop)."""

from sqlalchemy import select, update

from server.auth import sign_in_links
from server.auth.models import Member
from server.auth.service import list_devices, revoke_device, revoke_devices
from server.errors import NotFound
from server.extensions import db
from server.groups.errors import LastOrganiser, SignInLinkForOrganiser
from server.groups.models import Group, Invite
from server.types import utcnow


def list_members(group: Group) -> list[Member]:
    return list(
        db.session.scalars(
            select(Member)
            .where(Member.group_id == group.id, Member.removed_at.is_(None))
            .order_by(Member.pseudonym)
        )
    )


def get_member(group: Group, member_id: int) -> Member:
    """A current member of `group`; 404 for a removed one or anyone else's."""
    member = db.session.get(Member, member_id)
    if member is None or member.group_id != group.id or member.removed_at is not None:
        raise NotFound()
    return member


def member_devices(group: Group, member_id: int) -> list[dict]:
    """A member's devices that can still sign in, as her own list shows them."""
    return list_devices(get_member(group, member_id))


def revoke_member_device(group: Group, member_id: int, device_id: int) -> None:
    """Sign out one device of a member (a walker's lost phone) and leave her others alone:
    removing her would stop all of them and lose her a place in the group."""
    revoke_device(get_member(group, member_id), device_id)


def make_sign_in_link(group: Group, member_id: int, created_by_id: int):
    """A one-use link signing a phone in as this walker (her way back in without a password);
    it replaces her earlier ones. Not for organisers: one organiser could sign in as another,
    act in her name and clear her password."""
    member = get_member(group, member_id)
    if member.role != "walker":
        raise SignInLinkForOrganiser()
    return sign_in_links.create_link(member, created_by_id)


def member_sign_in_link(group: Group, member_id: int):
    """The member's link that still works, with its code; 404 when none does."""
    return sign_in_links.current_link(get_member(group, member_id))


def revoke_sign_in_link(group: Group, member_id: int) -> None:
    sign_in_links.revoke_links(get_member(group, member_id))


def remove_member(group: Group, member_id: int, revoke_invite: bool = False) -> None:
    """Mark the member removed and revoke every device token they hold; with
    `revoke_invite`, also the invite she joined with, so she cannot come straight back."""
    member = get_member(group, member_id)
    if member.role == "organiser" and _organiser_count(group) <= 1:
        raise LastOrganiser()
    now = utcnow()
    member.removed_at = now
    revoke_devices(member)
    sign_in_links.close_links(member)
    if revoke_invite and member.invite_id is not None:
        db.session.execute(
            update(Invite)
            .where(Invite.id == member.invite_id, Invite.revoked_at.is_(None))
            .values(revoked_at=now)
        )
    db.session.commit()


def _organiser_count(group: Group) -> int:
    return len(
        db.session.scalars(
            select(Member.id).where(
                Member.group_id == group.id,
                Member.role == "organiser",
                Member.removed_at.is_(None),
            )
        ).all()
    )

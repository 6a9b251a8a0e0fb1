"""Members as organisers see them: list, and remove (their data stays, their devices stop)."""

from sqlalchemy import select, update

from server.auth.models import Member
from server.auth.service import revoke_devices
from server.errors import NotFound
from server.extensions import db
from server.groups.errors import LastOrganiser
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


def remove_member(group: Group, member_id: int, revoke_invite: bool = False) -> None:
    """Mark the member removed and revoke every device token they hold; with
    `revoke_invite`, also the invite she joined with, so she cannot come straight back."""
    member = db.session.get(Member, member_id)
    if member is None or member.group_id != group.id or member.removed_at is not None:
        raise NotFound()
    if member.role == "organiser" and _organiser_count(group) <= 1:
        raise LastOrganiser()
    now = utcnow()
    member.removed_at = now
    revoke_devices(member)
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

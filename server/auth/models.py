"""Members of a group and their per-device bearer tokens."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.extensions import db
from server.types import UtcDateTime, utcnow


class Role(enum.IntEnum):
    """Ordered: a higher role may do everything a lower one may."""

    WALKER = 1
    ORGANISER = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> "Role":
        return cls[label.upper()]


class Member(db.Model):
    """A person in one group, known by a pseudonym."""

    __tablename__ = "member"
    __table_args__ = (sa.UniqueConstraint("group_id", "pseudonym"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        sa.ForeignKey("group.id", ondelete="CASCADE"), index=True
    )
    pseudonym: Mapped[str] = mapped_column(sa.String(64))
    role: Mapped[str] = mapped_column(sa.String(16))
    # A strong slow hash (werkzeug's scrypt), never the password. Organisers made from the
    # command line have one; a walker sets hers from a device.
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    # The device the password was set or last changed from (None: set otherwise, or before
    # this was recorded). Signing that device out clears the password: whoever held the
    # device may have chosen it (server/auth/service.py change_password).
    password_device_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("device_token.id", ondelete="SET NULL", use_alter=True)
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The invite that admitted her, so that removing her can also close that door.
    invite_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("invite.id", ondelete="SET NULL", use_alter=True)
    )

    group = relationship("Group")

    @property
    def rank(self) -> Role:
        return Role.from_label(self.role)


class DeviceToken(db.Model):
    """A bearer token for one device. Only its SHA-256 is stored; the token is shown once."""

    __tablename__ = "device_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        sa.ForeignKey("member.id", ondelete="CASCADE"), index=True
    )
    # A fast hash is enough: the token has 256 random bits, so it cannot be guessed offline.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    label: Mapped[str | None] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # SHA-256 of the join key the phone drew before joining (None for devices made
    # otherwise). While this device is signed in, and for a day after the member joined, the
    # same key, invite and pseudonym again get her a fresh token: the answer to a join can be
    # lost on a weak link after the member was made (server/auth/service.py join_group).
    join_key_hash: Mapped[str | None] = mapped_column(sa.String(64), index=True)

    member = relationship("Member", foreign_keys=[member_id])


class SignInLink(db.Model):
    """A one-use link an organiser makes so that a member signs a phone in as herself (a walker
    without a password whose device was signed out). Found by its SHA-256; a sealed copy lets
    the organiser show its QR code again, as invites do (server/groups/invites.py)."""

    __tablename__ = "sign_in_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        sa.ForeignKey("member.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    code_sealed: Mapped[str | None] = mapped_column(sa.String(255))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("member.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

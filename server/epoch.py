"""The database's epoch: which copy of the data a phone's cursor was given by.

A cursor is the seq of the last revision a phone pulled. `camwalk restore` puts back a database
whose revisions stop at the backup, and the next revisions take seqs that phones may already
hold: a phone syncing from its cursor would skip them, and the changes it had acknowledged
after the backup are gone from the server while its outbox no longer holds them. So the
database keeps an epoch, a random id made when it is created and made anew by every restore;
every sync answer carries it and a phone sends it back. A phone naming another epoch, or a
cursor past the group's latest seq, is refused whole (`EpochChanged`, docs/sync-protocol.md)
and pulls everything again from 0.
"""

import uuid

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from server.extensions import db

ROW_ID = 1  # the table holds one row


class DatabaseEpoch(db.Model):
    __tablename__ = "database_epoch"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    epoch: Mapped[str] = mapped_column(sa.String(32))


# The one row's epoch, as a statement (or a part of one: `check_cursor`).
_STORED = sa.select(DatabaseEpoch.epoch).where(DatabaseEpoch.id == ROW_ID)


def new_epoch() -> str:
    return uuid.uuid4().hex


def current_epoch() -> str:
    """The epoch, made on first use when the database has none yet (a database whose tables
    were emptied, as the tests do between cases); in a transaction of its own, so that a
    sync that fails later does not take the new epoch with it."""
    epoch = db.session.scalar(_STORED)
    if epoch is not None:
        return epoch
    try:
        with db.engine.begin() as conn:
            conn.execute(sa.insert(DatabaseEpoch).values(id=ROW_ID, epoch=new_epoch()))
    except IntegrityError:
        pass  # another request made it first: theirs is the epoch
    with db.engine.connect() as conn:
        return conn.execute(_STORED).scalar_one()


def renew_epoch(conn) -> str:
    """Give the database a new epoch, on `conn` (a restore's own connection): every phone
    that synced with the database as it was is told, on its next sync, to pull anew."""
    epoch = new_epoch()
    conn.execute(sa.delete(DatabaseEpoch))
    conn.execute(sa.insert(DatabaseEpoch).values(id=ROW_ID, epoch=epoch))
    return epoch


def check_cursor(group_id: int, cursor: int, epoch: str | None) -> str:
    """The epoch, once the phone's cursor is known to be one this database gave: refused
    (`EpochChanged`) when the phone names another epoch, or when its cursor is past the
    group's latest seq.

    The seq is checked even when the phone names the right epoch: the epoch changes only with
    `camwalk restore`, and a database put back by other means (a dump loaded by hand, a disk
    snapshot) keeps the one it had, while its seqs go back; the cursor past them is then all
    that tells. It costs no query of its own: it is read with the epoch, in one statement."""
    from server.observations.errors import EpochChanged
    from server.observations.models import Observation

    latest_seq = sa.null()  # a cursor of 0 is past nothing
    if cursor > 0:
        latest_seq = (
            sa.select(sa.func.max(Observation.seq))
            .where(Observation.group_id == group_id)
            .scalar_subquery()
        )
    current, latest = db.session.execute(sa.select(_STORED.scalar_subquery(), latest_seq)).one()
    if current is None:  # a database with no epoch yet
        current = current_epoch()
    if epoch is not None and epoch != current:
        raise EpochChanged()
    if cursor > (latest or 0):
        raise EpochChanged()
    return current

"""A single-use invite admits one person, however many phones use it at the same moment.

Before, 8 concurrent joins on a `max_uses=1` invite made 3 members on SQLite: each request
read `uses` before any of them wrote, and SQLite's `SELECT ... FOR UPDATE` locks nothing.
"""

import threading

from server.auth.models import Member
from server.extensions import db
from server.groups.models import Invite

PHONES = 8


def join_all_at_once(app, code: str, phones: int, same_pseudonym=False) -> list[int]:
    start = threading.Barrier(phones)
    statuses: list[int] = []

    def phone(n: int):
        client = app.test_client()
        start.wait(timeout=30)
        answer = client.post(
            "/api/v1/join",
            json={"invite_code": code, "pseudonym": "p" if same_pseudonym else f"p{n}"},
        )
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=phone, args=(n,)) for n in range(phones)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return sorted(statuses)


def test_eight_phones_joining_with_a_single_use_invite_make_one_member(app, group):
    invite = db.session.scalar(db.select(Invite).where(Invite.group_id == group.id))
    invite.max_uses = 1
    db.session.commit()
    code = group.invite_code

    statuses = join_all_at_once(app, code, PHONES)

    assert statuses == [201] + [410] * (PHONES - 1)
    db.session.expire_all()
    joined = db.session.scalars(
        db.select(Member.pseudonym).where(Member.pseudonym.like("p%"))
    ).all()
    assert len(joined) == 1
    assert db.session.get(Invite, invite.id).uses == 1


def test_an_invite_for_three_admits_three_of_eight(app, group):
    invite = db.session.scalar(db.select(Invite).where(Invite.group_id == group.id))
    invite.max_uses = 3
    db.session.commit()

    statuses = join_all_at_once(app, group.invite_code, PHONES)

    assert statuses == [201] * 3 + [410] * (PHONES - 3)
    db.session.expire_all()
    assert db.session.get(Invite, invite.id).uses == 3


def test_eight_phones_joining_with_one_pseudonym_make_one_member_and_seven_409(app, group):
    statuses = join_all_at_once(app, group.invite_code, PHONES, same_pseudonym=True)

    assert statuses == [201] + [409] * (PHONES - 1)
    db.session.expire_all()
    assert db.session.get(Invite, _invite_id(group)).uses == 1


def _invite_id(group) -> int:
    return db.session.scalar(db.select(Invite.id).where(Invite.group_id == group.id))

"""Fetch-or-abort helpers: the first line of every view that touches a group's data.

The rule, decided here once: a request without a valid token gets 401; a member asking for a
group, walk or observation that is not in their own group gets **404**, exactly as if it did not
exist, so that ids of other groups reveal nothing; a member of the right group whose role is too
low gets 403.
"""

from server.auth.models import Member, Role
from server.auth.service import current_member
from server.errors import Forbidden, NotFound
from server.extensions import db
from server.groups.models import Group, Walk


def require_member(role: Role = Role.WALKER) -> Member:
    member = current_member()
    _check_role(member, role)
    return member


def require_group(group_id: int, role: Role = Role.WALKER) -> Group:
    member = current_member()
    if member.group_id != group_id:
        raise NotFound()
    _check_role(member, role)
    group = db.session.get(Group, group_id)
    if group is None:
        raise NotFound()
    return group


def require_walk(walk_id: int, role: Role = Role.WALKER) -> Walk:
    member = current_member()
    walk = db.session.get(Walk, walk_id)
    if walk is None or walk.group_id != member.group_id:
        raise NotFound()
    _check_role(member, role)
    return walk


def _check_role(member: Member, role: Role) -> None:
    if member.rank < role:
        raise Forbidden()

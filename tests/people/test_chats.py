"""Private chats only: a group is told once, and a group revoked by migration hears what it lost."""

from __future__ import annotations

from bot.people.chats import group_notice, revoked_notices
from bot.store import Store
from bot.wording.patients import general
from bot.wording.staff import team
from tests.enroll_helpers import NOW


def test_a_group_is_told_once():
    store = Store.open(":memory:")
    assert group_notice(store, -42, NOW) == general.PRIVATE_CHATS_ONLY
    assert group_notice(store, -42, NOW) is None
    assert group_notice(store, -43, NOW) == general.PRIVATE_CHATS_ONLY


def test_revoked_groups_are_told_what_they_lost_once_whichever_comes_first():
    store = Store.open(":memory:")
    store.db.executescript(
        "INSERT INTO group_chats (chat_id, revoked) VALUES (-1, 'staff'), (-2, 'patient'),"
        " (-3, 'staff')"
    )
    assert group_notice(store, -3, NOW) == team.GROUP_STAFF_REVOKED  # wrote before start-up
    assert revoked_notices(store, NOW) == [
        (-2, general.GROUP_PATIENT_REVOKED),
        (-1, team.GROUP_STAFF_REVOKED),
    ]
    assert revoked_notices(store, NOW) == []
    assert group_notice(store, -1, NOW) is None

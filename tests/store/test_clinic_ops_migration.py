"""Migration m011: roles for existing teams, existing clinics count as approved, staff invites
keep working. The database is built at the schema before it, then opened as the upgraded bot
opens it."""

from __future__ import annotations

from sqlite_utils import Database

from bot.people.enrollment import open_link
from bot.store import Store
from bot.store.migrations import migrations
from tests.enroll_helpers import NOW

MIGRATION = "m011_clinic_ops"
AT = "2026-03-02T14:00:00.000000+00:00"


def test_the_earliest_member_of_each_clinic_becomes_its_admin(tmp_path):
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before=MIGRATION)
    for clinic_id, name in ((1, "Glow"), (2, "Other"), (3, "Empty")):
        db.execute(
            "INSERT INTO clinics (id, name, phone, timezone, created_at)"
            " VALUES (?, ?, '+44 20 7946 0000', 'Europe/London', ?)",
            [clinic_id, name, AT],
        )
    # Joined in this order: Sky at Glow first, then Olga at Other, then Sam at Glow.
    for clinic_id, chat_id in ((1, 2002), (2, 2003), (1, 2001)):
        db.execute(
            "INSERT INTO staff (clinic_id, chat_id, joined_at) VALUES (?, ?, ?)",
            [clinic_id, chat_id, AT],
        )
    db.execute(
        "INSERT INTO invites (token, kind, clinic_id, created_at, expires_at)"
        " VALUES ('t' || hex(randomblob(16)), 'staff', 3, ?, '2026-03-09T14:00:00.000000+00:00')",
        [AT],
    )
    db.close()

    store = Store.open(path)
    roles = [(m.chat_id, m.role) for c in (1, 2) for m in store.staff.members(c)]
    assert roles == [(2002, "admin"), (2001, "staff"), (2003, "admin")]
    assert all(clinic.approved_at is not None for clinic in store.clinics.all())
    assert [
        c.field for c in store.clinic_changes.newest(1)
    ] == []  # approval by migration: no audit
    [invite] = store.db.query("SELECT role FROM invites")
    assert invite["role"] == "staff"
    # The empty clinic's first joiner through that old invite becomes its admin.
    token = next(store.db.query("SELECT token FROM invites"))["token"]
    joined = open_link(store, token, 2009, NOW)
    assert joined.admin and store.staff.member(2009).role == "admin"
    store.close()

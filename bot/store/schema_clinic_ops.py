"""The SQL of migration m011 (`migrations.m011_clinic_ops`), kept apart so that
`migrations.py` stays within the module size; like every shipped migration, never edited.

- staff: a role (each clinic's earliest member becomes its admin); members who leave or are
  removed keep their row (`removed_at`, `removed_by`), so the escalations and wording they
  handled keep their author; their name from Telegram for /staff; when their menu was cleared.
- invites: the role a staff invite gives.
- clinics: opening hours, out-of-hours and emergency numbers; the go-live approval (clinics
  that existed before it count as approved).
- clinic_changes: every change of a clinic's settings, who, when, old -> new; never updated.
- content_overrides: `restored`, the earlier version a new one brought back.
"""

CLINIC_OPS = """
        ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT 'staff'
            CHECK (role IN ('admin', 'staff'));
        ALTER TABLE staff ADD COLUMN name TEXT NOT NULL DEFAULT '';
        ALTER TABLE staff ADD COLUMN removed_at TEXT;
        ALTER TABLE staff ADD COLUMN removed_by TEXT;
        ALTER TABLE staff ADD COLUMN menu_cleared_at TEXT;
        UPDATE staff SET role = 'admin'
            WHERE id IN (SELECT min(id) FROM staff GROUP BY clinic_id);
        CREATE INDEX staff_chat ON staff (chat_id, removed_at);
        ALTER TABLE invites ADD COLUMN role TEXT CHECK (role IN ('admin', 'staff'));
        UPDATE invites SET role = 'staff' WHERE kind = 'staff';
        ALTER TABLE clinics ADD COLUMN opening_hours TEXT NOT NULL DEFAULT '';
        ALTER TABLE clinics ADD COLUMN out_of_hours_phone TEXT NOT NULL DEFAULT '';
        ALTER TABLE clinics ADD COLUMN emergency_number TEXT NOT NULL DEFAULT '';
        ALTER TABLE clinics ADD COLUMN approved_at TEXT;
        ALTER TABLE clinics ADD COLUMN approved_by TEXT;
        UPDATE clinics SET approved_at = created_at, approved_by = 'existing clinic';
        CREATE TABLE clinic_changes (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            field TEXT NOT NULL,
            old TEXT NOT NULL,
            new TEXT NOT NULL,
            author TEXT NOT NULL,  -- "staff:<chat id>" or "cli"
            at TEXT NOT NULL
        );
        CREATE INDEX clinic_changes_clinic ON clinic_changes (clinic_id, id);
        ALTER TABLE content_overrides ADD COLUMN restored INTEGER;
"""

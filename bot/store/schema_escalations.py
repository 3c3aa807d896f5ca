"""The SQL of migration m012 (`migrations.m012_escalation_lifecycle`), kept apart so that
`migrations.py` stays within the module size; like every shipped migration, never edited.

- escalations: taken by one member of staff (`taken_by`, `taken_at`); the first answer's time
  (`first_replied_at`, for the clinic's figures; filled from `replied_at` for the old ones) and
  the latest answer's text (`answer`, for a clinic FAQ entry; erased by /forget); closed with
  an optional note; urgent ones nobody answers raised again at `next_raise_at` (the database
  is the schedule), `raised_count` times, then the patient told (`patient_told_at`); the FAQ
  entry made from the answer (`faq_entry_id`).
- drafts: the escalation a draft turning its answer into an FAQ entry comes from.
- clinics: the minutes an urgent escalation waits for a staff answer before it is raised again
  (10 for every clinic until an admin changes it).
- indexes for /inbox, the raising-again clock, editing every alert of an escalation, and the
  figures of a period.
"""

ESCALATION_LIFECYCLE = """
        ALTER TABLE escalations ADD COLUMN taken_by INTEGER;
        ALTER TABLE escalations ADD COLUMN taken_at TEXT;
        ALTER TABLE escalations ADD COLUMN first_replied_at TEXT;
        ALTER TABLE escalations ADD COLUMN answer TEXT;
        ALTER TABLE escalations ADD COLUMN closed_at TEXT;
        ALTER TABLE escalations ADD COLUMN closed_by INTEGER;
        ALTER TABLE escalations ADD COLUMN close_note TEXT;
        ALTER TABLE escalations ADD COLUMN raised_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE escalations ADD COLUMN next_raise_at TEXT;
        ALTER TABLE escalations ADD COLUMN patient_told_at TEXT;
        ALTER TABLE escalations ADD COLUMN faq_entry_id INTEGER REFERENCES faq_entries(id);
        UPDATE escalations SET first_replied_at = replied_at WHERE replied_at IS NOT NULL;
        ALTER TABLE drafts ADD COLUMN escalation_id INTEGER;
        ALTER TABLE clinics ADD COLUMN raise_after_minutes INTEGER NOT NULL DEFAULT 10;
        CREATE INDEX escalations_clinic ON escalations (clinic_id, status, created_at);
        CREATE INDEX escalations_raise ON escalations (next_raise_at)
            WHERE next_raise_at IS NOT NULL;
        CREATE INDEX escalation_forwards_escalation ON escalation_forwards (escalation_id);
        CREATE INDEX events_clinic_at ON events (clinic_id, at);
"""

"""The SQL of migration m012 (`migrations.m012_private_chats_and_consent_prompts`), kept apart
so that `migrations.py` stays within the module size; like every shipped migration, never
edited.

- consent_prompts: which chats opened which patient link and have not answered; links opened
  but not agreed to are unbound here and keep their prompt (closed for those who declined).
- escalations: the patient's message they came from, so an edit never escalates twice.
- group_chats: groups told the bot works in private chats only; a group that was staff is
  removed from its team (the row stays, as for anyone who leaves; a clinic left without an
  admin gets its earliest private member as admin), a group signed up as a patient is
  cancelled, and each is told once (`revoked`, `told_at`).
"""

PRIVATE_CHATS = """
CREATE TABLE consent_prompts (
    chat_id INTEGER NOT NULL,
    token TEXT NOT NULL REFERENCES invites(token),
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    PRIMARY KEY (chat_id, token)
);
CREATE INDEX consent_prompts_token ON consent_prompts (token);

INSERT INTO consent_prompts (chat_id, token, opened_at, closed_at)
    SELECT i.used_by, i.token, i.used_at,
           CASE WHEN p.status = 'declined' THEN i.used_at END
    FROM invites i JOIN sessions s ON s.id = i.session_id
    JOIN patients p ON p.id = s.patient_id
    WHERE i.kind = 'patient' AND i.used_by IS NOT NULL AND i.used_by > 0
      AND p.status IN ('invited', 'declined');
UPDATE invites SET used_at = NULL, used_by = NULL
    WHERE kind = 'patient' AND session_id IN (SELECT s.id FROM sessions s
        JOIN patients p ON p.id = s.patient_id WHERE p.status IN ('invited', 'declined'));
UPDATE patients SET chat_id = NULL WHERE status IN ('invited', 'declined');

ALTER TABLE escalations ADD COLUMN message_id INTEGER;
CREATE INDEX escalations_message ON escalations (patient_id, message_id);

CREATE TABLE group_chats (
    chat_id INTEGER PRIMARY KEY,
    revoked TEXT CHECK (revoked IN ('staff', 'patient')),
    told_at TEXT
);
INSERT OR IGNORE INTO group_chats (chat_id, revoked)
    SELECT chat_id, 'staff' FROM staff WHERE chat_id < 0 AND removed_at IS NULL;
INSERT OR IGNORE INTO group_chats (chat_id, revoked)
    SELECT chat_id, 'patient' FROM patients WHERE chat_id < 0;
DELETE FROM escalation_forwards WHERE chat_id < 0;
UPDATE staff SET removed_at = strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000+00:00',
    removed_by = 'private chats only', replying_to = NULL
    WHERE chat_id < 0 AND removed_at IS NULL;
UPDATE staff SET role = 'admin'
    WHERE id IN (SELECT min(id) FROM staff WHERE removed_at IS NULL GROUP BY clinic_id)
      AND clinic_id NOT IN (SELECT clinic_id FROM staff
          WHERE role = 'admin' AND removed_at IS NULL);
UPDATE deliveries SET status = 'cancelled', error = 'group_chat'
    WHERE status IN ('pending', 'muted')
      AND patient_id IN (SELECT id FROM patients WHERE chat_id < 0);
UPDATE patients SET status = 'cancelled', chat_id = NULL WHERE chat_id < 0;
"""

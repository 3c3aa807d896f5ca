"""The SQL of migration m011 (`migrations.m011_private_chats_and_consent_prompts`), kept
apart so `migrations.py` stays readable. Like every shipped migration, never edit it: add a
new migration instead.
"""

PRIVATE_CHATS_AND_CONSENT_PROMPTS = """
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
    SELECT chat_id, 'staff' FROM staff WHERE chat_id < 0;
INSERT OR IGNORE INTO group_chats (chat_id, revoked)
    SELECT chat_id, 'patient' FROM patients WHERE chat_id < 0;
DELETE FROM escalation_forwards WHERE chat_id < 0;
DELETE FROM staff WHERE chat_id < 0;
UPDATE deliveries SET status = 'cancelled', error = 'group_chat'
    WHERE status IN ('pending', 'muted')
      AND patient_id IN (SELECT id FROM patients WHERE chat_id < 0);
UPDATE patients SET status = 'cancelled', chat_id = NULL WHERE chat_id < 0;
"""

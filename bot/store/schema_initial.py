"""The SQL of migration m001: the first schema, as it shipped (moved here unchanged, so
`migrations.py` keeps room for new migrations)."""

INITIAL = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE clinics (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            phone TEXT NOT NULL,
            timezone TEXT NOT NULL,
            booking_url TEXT NOT NULL DEFAULT '',
            window_start TEXT NOT NULL DEFAULT '09:00',
            window_end TEXT NOT NULL DEFAULT '20:00',
            series_interval_days INTEGER NOT NULL DEFAULT 28,
            created_at TEXT NOT NULL
        );

        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            chat_id INTEGER NOT NULL,
            joined_at TEXT NOT NULL,
            UNIQUE (clinic_id, chat_id)
        );

        -- Single-use deep-link payloads. Tokens come from `secrets`.
        CREATE TABLE invites (
            token TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('staff', 'patient')),
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            session_id INTEGER REFERENCES sessions(id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT,
            used_by INTEGER
        );

        -- status: invited | active | declined | stopped | unreachable | cancelled | forgotten
        CREATE TABLE patients (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            first_name TEXT,
            chat_id INTEGER,
            status TEXT NOT NULL DEFAULT 'invited',
            consented_at TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX patients_chat ON patients (chat_id);

        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            session_at TEXT NOT NULL,
            session_number INTEGER NOT NULL DEFAULT 1,
            series_length INTEGER,
            booked_at TEXT,
            created_at TEXT NOT NULL
        );

        -- The outbox: one row per patient, session and step. The row is the schedule.
        -- status: pending | sending | sent | failed | expired | cancelled | muted
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            step_id TEXT NOT NULL,
            group_name TEXT NOT NULL DEFAULT '',
            due_at TEXT NOT NULL,
            expires_at TEXT,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            claimed_at TEXT,
            sent_at TEXT,
            message_id INTEGER,
            rendered_text TEXT,
            content_version TEXT,
            error TEXT,
            UNIQUE (session_id, step_id)
        );
        CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
        CREATE INDEX deliveries_patient ON deliveries (patient_id, status);

        -- A clinic's wording of a timeline step; the newest row not reverted wins.
        CREATE TABLE content_overrides (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            step_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            template TEXT NOT NULL,
            author_chat_id INTEGER,
            created_at TEXT NOT NULL,
            reverted_at TEXT,
            UNIQUE (clinic_id, step_id, version)
        );

        -- kind: urgent | unknown; status: open | replied | closed
        CREATE TABLE escalations (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            kind TEXT NOT NULL,
            category TEXT,
            question TEXT,
            status TEXT NOT NULL DEFAULT 'open',
            created_at TEXT NOT NULL,
            replied_at TEXT,
            replied_by INTEGER
        );

        -- Entries written by a clinic (not from the guide); shown as the clinic's words.
        CREATE TABLE faq_entries (
            id INTEGER PRIMARY KEY,
            clinic_id INTEGER NOT NULL REFERENCES clinics(id),
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            author_chat_id INTEGER,
            created_at TEXT NOT NULL,
            deleted_at TEXT
        );

        -- Counters for /stats and an audit trail: ids and event names only, never text.
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            clinic_id INTEGER,
            patient_id INTEGER,
            name TEXT NOT NULL
        );
        CREATE INDEX events_clinic ON events (clinic_id, name);
        """

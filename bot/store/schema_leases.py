"""The SQL of migration m014: outbox claims with leases.

A claim names its process (`lease_owner`, the instance lock's owner id in
`bot/store/instance.py`) and holds the row until `lease_until` (Unix seconds, real time, not
the simulated clock); the claims of a process that is gone go back to the queue. Only a row
whose send had started (`send_started_at`) may have reached the patient: it alone counts an
attempt and is sent again (`bot/store/delivery_claims.py`).
"""

DELIVERY_LEASES = """
ALTER TABLE deliveries ADD COLUMN lease_owner TEXT;
ALTER TABLE deliveries ADD COLUMN lease_until REAL;
ALTER TABLE deliveries ADD COLUMN send_started_at TEXT;
"""

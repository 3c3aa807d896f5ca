"""What patients read, by topic: `general` (welcome, help, fallbacks), `joining` (links and
consent), `schedule` (/next, /booked, /stop, /resume), `leaving` (cancelled by the clinic,
/forget), `answers` (replies to a patient's own words, and the clinic team's relayed reply)
and `media` (photos, voice notes, documents and stickers).
"""

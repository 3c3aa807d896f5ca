"""Key-value facts about this database, such as the simulated clock's anchor."""

from __future__ import annotations

from bot.clock import ClockAnchor
from bot.store.rows import Table
from bot.store.timefmt import iso, parse


class Meta(Table):
    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return None if row is None else row[0]

    def set(self, **values: str) -> None:
        with self.db.atomic():
            for key, value in values.items():
                self.db.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )

    def first_of(self, key: str, value: str) -> str:
        """`key`'s value, set to `value` when it has none: of several instances asking at
        once, the first one's value is everyone's."""
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", [key, value]
        )
        return self.get(key) or value

    def clock_anchor(self) -> ClockAnchor | None:
        speed, real, simulated = (self.get(k) for k in ("clock_speed", "clock_real", "clock_sim"))
        if speed is None or real is None or simulated is None:
            return None
        return ClockAnchor(float(speed), float(real), parse(simulated))

    def set_clock_anchor(self, anchor: ClockAnchor) -> None:
        self.set(
            clock_speed=repr(anchor.speed),
            clock_real=repr(anchor.real),
            clock_sim=iso(anchor.simulated),
        )

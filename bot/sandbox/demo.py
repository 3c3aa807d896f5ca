"""`make demo`: a scripted journey through the real bot and the offline Bot API stand-in.

Prints the conversation as a transcript stamped with simulated time. Each step waits for the
bot's replies as they arrive over HTTP; nothing sleeps for scheduled time.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bot.sandbox.driver import ChatDriver
from bot.sandbox.harness import running_bot
from bot.sandbox.transcript import Transcript

PATIENT_CHAT = 1001
STAFF_CHAT = 2001


async def run_demo(*, speed: float = 1.0, echo=print) -> int:
    """Run the scripted journey; returns a process exit code."""
    with tempfile.TemporaryDirectory(prefix="aftercare-demo-") as folder:
        async with running_bot(Path(folder) / "demo.db", clock_speed=speed) as bot:
            names = {PATIENT_CHAT: "Patient (Amira)", STAFF_CHAT: "Staff (Sam)"}
            transcript = Transcript(bot.clock, names, echo=echo)
            patient = ChatDriver(bot, PATIENT_CHAT, "Amira", transcript)

            transcript.note("A stranger opens the bot without a clinic link")
            await patient.say("/start")
            await patient.say("/help")
            await patient.say("/dance")
            transcript.note("Demo finished")
    return 0

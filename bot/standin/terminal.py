"""`aftercare sandbox`: chat with the bot in this terminal, as a patient or as clinic staff."""

from __future__ import annotations

import asyncio
import sys

from bot.people import golive
from bot.people.registration import register_clinic
from bot.people.staff import invite_staff
from bot.standin.driver import buttons
from bot.standin.harness import RunningBot, running_bot
from bot.standin.records import StandInTimeout
from bot.standin.transcript import Transcript

PATIENT_CHAT = 1001
STAFF_CHAT = 2001
ROLES = {"patient": (PATIENT_CHAT, "Pat"), "staff": (STAFF_CHAT, "Sam")}

HELP = """You start as the patient. To join as one: `/as staff`, `/enroll Pat`, copy the
`/start ...` part of the link, then `/as patient` and send it.

Sandbox commands (everything else is sent to the bot as a message):
  /as patient | /as staff   switch who you are (the other chat keeps receiving)
  /tap N                    tap button N of the bot's last message in your chat
  /time                     show the simulated time
  /quit                     leave (Ctrl-D works too)"""


async def _show_bot_messages(bot: RunningBot, transcript: Transcript) -> None:
    after = bot.standin.next_index
    while True:
        try:
            records = await bot.standin.wait_for_records(after=after, timeout=3600)
        except StandInTimeout:
            continue
        for record in records:
            labels = [
                f"{n}:{b['text']}"
                for n, b in enumerate(buttons(record), 1)
                if "callback_data" in b or "url" in b
            ]
            transcript.bot(
                record.chat_id, record.text or "", labels, photo=record.method == "sendPhoto"
            )
        after = records[-1].index + 1


def _tap(bot: RunningBot, chat_id: int, number: str) -> str | None:
    messages = [r for r in bot.standin.select(chat_id=chat_id) if buttons(r)]
    if not messages:
        return "No message with buttons in this chat."
    choices = buttons(messages[-1])
    if not number.isdigit() or not 1 <= int(number) <= len(choices):
        return f"Choose a button from 1 to {len(choices)}."
    button = choices[int(number) - 1]
    if "callback_data" not in button:
        return f"That button opens a link: {button.get('url')}"
    bot.standin.inject_callback(
        chat_id, button["callback_data"], message_id=messages[-1].message_id
    )
    return None


async def _bootstrap(bot: RunningBot) -> str:
    """A clinic with the staff chat as its staff, the first time this database is used."""
    store, now = bot.store, bot.clock.now()
    clinics = store.clinics.all()
    if clinics:
        return clinics[0].name
    clinic = register_clinic(
        store,
        name="Sandbox Skin Clinic",
        timezone="Europe/London",
        phone="+44 20 7946 0000",
        booking_url="https://example.com/book",
        now=now,
        timeline=bot.services.timeline(),
    )
    # The sandbox's clinic is live at once: its go-live review counts as read (/review shows it).
    golive.approve(store, clinic, author="sandbox", now=now)
    after = bot.standin.next_index
    invite = invite_staff(store, clinic.id, now, role="admin")
    bot.standin.inject_message(STAFF_CHAT, f"/start {invite.token}")
    await bot.standin.wait_for_messages(STAFF_CHAT, 1, after=after)
    return clinic.name


async def run_terminal(*, db_path: str, speed: float) -> int:
    loop = asyncio.get_running_loop()
    async with running_bot(db_path, clock_speed=speed) as bot:
        names = {PATIENT_CHAT: "patient", STAFF_CHAT: "staff"}
        transcript = Transcript(bot.clock, names)
        clinic_name = await _bootstrap(bot)
        print(f"Offline sandbox: bot @{bot.services.bot_username}, clinic {clinic_name!r},")
        print(f"database {db_path}, clock speed {speed:g}.")
        print(HELP)
        role = "patient"
        printer = asyncio.create_task(_show_bot_messages(bot, transcript))
        try:
            while True:
                line = await loop.run_in_executor(None, sys.stdin.readline)
                if not line:
                    break
                text = line.strip()
                chat_id, first_name = ROLES[role]
                if not text:
                    continue
                if text in ("/quit", "/exit"):
                    break
                if text == "/time":
                    print(f"simulated time: {bot.clock.now():%a %d %b %Y %H:%M} UTC")
                elif text.startswith("/as "):
                    wanted = text[4:].strip()
                    if wanted in ROLES:
                        role = wanted
                        print(f"(you are now the {role})")
                    else:
                        print("Use /as patient or /as staff.")
                elif text.startswith("/tap"):
                    problem = _tap(bot, chat_id, text[4:].strip())
                    if problem:
                        print(problem)
                else:
                    bot.standin.inject_message(chat_id, text, first_name=first_name)
        finally:
            printer.cancel()
    return 0

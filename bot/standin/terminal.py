"""`aftercare sandbox`: chat with the bot in this terminal, as a patient or as clinic staff.

The prompt says who you are; each bot message shows its number and buttons, and the bot's
edits of earlier messages are shown too. The sandbox commands are `sandbox_actions.HELP`.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass, field

from bot.people import golive
from bot.people.registration import register_clinic
from bot.people.staff import invite_staff
from bot.standin import sandbox_actions as actions
from bot.standin.driver import buttons
from bot.standin.harness import RunningBot, running_bot
from bot.standin.records import Sent, StandInTimeout
from bot.standin.transcript import Transcript

PATIENT_CHAT = 1001
STAFF_CHAT = 2001
ROLES = {"patient": (PATIENT_CHAT, "Pat"), "staff": (STAFF_CHAT, "Sam")}
HELP = actions.HELP
SHOWN = ("sendMessage", "sendPhoto", "editMessageText", "editMessageReplyMarkup")


@dataclass
class Session:
    """Who you are now, and a message being typed over several lines (after /multiline)."""

    role: str = "patient"
    multiline: actions.Multiline | None = field(default=None)

    @property
    def chat_id(self) -> int:
        return ROLES[self.role][0]

    @property
    def first_name(self) -> str:
        return ROLES[self.role][1]

    def prompt(self) -> None:
        print(f"{self.role}{' …' if self.multiline else ''}> ", end="", flush=True)


def _show(record: Sent, transcript: Transcript) -> None:
    labels = [
        f"{n}:{b['text']}"
        for n, b in enumerate(buttons(record), 1)
        if "callback_data" in b or "url" in b
    ]
    number = record.message_id
    if record.method.startswith("edit"):
        text = record.text if record.text is not None else "(buttons changed)"
        transcript.bot(record.chat_id, f"(edits its message) {text}", labels, number=number)
    else:
        photo = record.method == "sendPhoto"
        transcript.bot(record.chat_id, record.text or "", labels, photo=photo, number=number)


async def _show_bot_messages(bot: RunningBot, transcript: Transcript, session: Session) -> None:
    after = bot.standin.next_index
    while True:
        try:
            records = await bot.standin.wait_for_records(after=after, timeout=3600, methods=SHOWN)
        except StandInTimeout:
            continue
        print("\r", end="")  # over the prompt
        for record in records:
            _show(record, transcript)
        after = records[-1].index + 1
        session.prompt()


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


def _act(bot: RunningBot, session: Session, line: str) -> str | None:
    """Do what one typed line asks; returns a line to print, or None."""
    standin, chat_id = bot.standin, session.chat_id
    if session.multiline is not None:
        text = session.multiline.add(line)
        if line.strip() != actions.END_OF_MULTILINE:
            return None
        session.multiline = None
        if text is None:
            return "(nothing to send)"
        return _say(bot, session, text) or f"(you sent {text.count(chr(10)) + 1} lines)"
    text = line.strip()
    command, _, rest = text.partition(" ")
    if not text:
        return None
    if command == "/time":
        return f"simulated time: {bot.clock.now():%a %d %b %Y %H:%M} UTC"
    if command == "/sandbox":
        return HELP
    if command == "/as":
        if rest.strip() not in ROLES:
            return "Use /as patient or /as staff."
        session.role = rest.strip()
        return f"(you are now the {session.role})"
    if command == "/tap":
        return actions.tap(standin, chat_id, rest)
    if command == "/reply":
        return actions.reply(standin, chat_id, rest, session.first_name)
    if command in actions.MEDIA:
        return actions.send_media(standin, chat_id, command, rest.strip(), session.first_name)
    if command == "/editlast":
        return actions.edit_last(standin, chat_id, rest)
    if command == "/multiline":
        session.multiline = actions.Multiline()
        return actions.MULTILINE_STARTED
    return _say(bot, session, text)


def _say(bot: RunningBot, session: Session, text: str) -> str | None:
    try:
        bot.standin.inject_message(session.chat_id, text, first_name=session.first_name)
    except ValueError as error:  # too long for one Telegram message
        return str(error)
    return None


async def run_terminal(*, db_path: str, speed: float) -> int:
    loop = asyncio.get_running_loop()
    async with running_bot(db_path, clock_speed=speed) as bot:
        names = {PATIENT_CHAT: "patient", STAFF_CHAT: "staff"}
        transcript = Transcript(bot.clock, names)
        clinic_name = await _bootstrap(bot)
        print(f"Offline sandbox: bot @{bot.services.bot_username}, clinic {clinic_name!r},")
        print(f"database {db_path}, clock speed {speed:g}.")
        print(HELP)
        session = Session()
        printer = asyncio.create_task(_show_bot_messages(bot, transcript, session))
        try:
            session.prompt()
            while True:
                line = await loop.run_in_executor(None, sys.stdin.readline)
                if not line:
                    break
                if session.multiline is None and line.strip() in ("/quit", "/exit"):
                    break
                shown = _act(bot, session, line)
                if shown:
                    print(shown)
                session.prompt()
        finally:
            printer.cancel()
    print()
    return 0

"""What a person can do in `aftercare sandbox` besides typing a message: the sandbox commands.

Each takes the stand-in and the chat you are in, acts like a Telegram user would (tap a button
of any earlier message, reply to a message, send a photo or a voice note, edit what you wrote)
and returns a line to show you, or None. Everything else you type goes to the bot as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.standin.driver import buttons
from bot.standin.state import StandInState

HELP = """You start as the patient. To join as one: `/as staff`, `/enroll Pat`, copy the
`/start ...` part of the link, then `/as patient` and send it.

Each bot message shows its number (#12) and its buttons (1:Reply). The prompt says who you
are. Sandbox commands (everything else is sent to the bot as a message):
  /as patient | /as staff   switch who you are (the other chat keeps receiving)
  /tap N                    tap button N of the bot's last message with buttons
  /tap M N                  tap button N of message #M (any earlier message)
  /reply M TEXT             answer message #M with Telegram's reply (e.g. a staff alert)
  /photo [CAPTION]          send a photo, with an optional caption
  /voice, /videonote, /document, /sticker   send one of those
  /editlast TEXT            edit your last text message to TEXT
  /multiline                the lines that follow are one message (e.g. for /edit's new
                            wording); a line with only "." sends it
  /time                     show the simulated time
  /sandbox                  this help
  /quit                     leave (Ctrl-D works too)"""

MEDIA = {
    "/photo": "photo",
    "/voice": "voice",
    "/videonote": "video_note",
    "/document": "document",
    "/sticker": "sticker",
}
END_OF_MULTILINE = "."
MULTILINE_STARTED = (
    f'(multi-line: type the message; a line with only "{END_OF_MULTILINE}" sends it)'
)


@dataclass
class Multiline:
    """Lines typed after /multiline, sent as one message at a line holding only "."."""

    lines: list[str] = field(default_factory=list)

    def add(self, line: str) -> str | None:
        """Keep `line`; at the end marker, return the whole message (None if it is empty)."""
        if line.strip() != END_OF_MULTILINE:
            self.lines.append(line.rstrip("\n"))
            return None
        return "\n".join(self.lines).strip("\n") or None


def tap(standin: StandInState, chat_id: int, args: str) -> str | None:
    """`/tap N` on the newest message with buttons, or `/tap M N` on message #M."""
    parts = args.split()
    with_buttons = [r for r in standin.select(chat_id=chat_id) if buttons(r)]
    if len(parts) == 2:
        number, choice = parts[0].lstrip("#"), parts[1]
        chosen = [r for r in with_buttons if str(r.message_id) == number]
        if not chosen:
            return f"No message #{number} with buttons in this chat."
        record = chosen[-1]
    else:
        if not with_buttons:
            return "No message with buttons in this chat."
        record, choice = with_buttons[-1], parts[0] if parts else ""
    choices = buttons(record)
    if not _is_number(choice) or not 1 <= int(choice) <= len(choices):
        return f"Choose a button from 1 to {len(choices)}."
    button = choices[int(choice) - 1]
    if "callback_data" not in button:
        return f"That button opens a link: {button.get('url')}"
    standin.inject_callback(chat_id, button["callback_data"], message_id=record.message_id)
    return None


def reply(standin: StandInState, chat_id: int, args: str, first_name: str) -> str | None:
    """`/reply M TEXT`: answer message #M of this chat with Telegram's reply feature."""
    number, _, text = args.strip().partition(" ")
    number = number.lstrip("#")
    if not _is_number(number) or not text.strip():
        return "Use /reply M TEXT, with M the number of a message in this chat (#12)."
    try:
        standin.inject_message(
            chat_id, text.strip(), reply_to_message_id=int(number), first_name=first_name
        )
    except ValueError as error:
        return str(error)
    return f"(you replied to #{number})"


def send_media(
    standin: StandInState, chat_id: int, command: str, caption: str, first_name: str
) -> str:
    kind = MEDIA[command]
    standin.inject_media(chat_id, kind, caption=caption or None, first_name=first_name)
    shown = f": {caption}" if caption else ""
    return f"(you sent a {kind.replace('_', ' ')}{shown})"


def edit_last(standin: StandInState, chat_id: int, text: str) -> str:
    """`/editlast TEXT`: edit your newest text message in this chat."""
    message_id = standin.last_user_text(chat_id)
    if not text.strip() or message_id is None:
        return "Use /editlast TEXT after you have written something."
    try:
        standin.inject_edit(chat_id, message_id, text.strip())
    except ValueError as error:
        return str(error)
    return f"(you edited your message #{message_id})"


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()

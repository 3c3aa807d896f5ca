"""The bot's fixed wording that is not medical: greetings, help and error replies.

Medical wording never lives here: it comes from `content/` with verbatim source quotes.
"""

WELCOME = (
    "Hello! I'm the automated aftercare assistant used by aesthetic clinics. "
    "I'm not a clinician.\n\n"
    "To receive your aftercare messages, open the link your clinic gave you after your "
    "session (or scan its QR code). Send /help to see what I can do."
)

HELP = (
    "I send aftercare reminders after your treatment and answer questions from your "
    "clinic's aftercare guide. I'm an automated assistant, not a clinician.\n\n"
    "/start – join with the link from your clinic\n"
    "/help – this message\n\n"
    "If something worries you, contact your clinic directly. "
    "For trouble breathing or swelling of the lips, eyes or throat, call your local "
    "emergency number now."
)

UNKNOWN_COMMAND = "Sorry, I don't know that command. Send /help to see what I can do."

NOT_UNDERSTOOD = (
    "I can only help with aftercare for your treatment at a clinic that uses this bot. "
    "Send /help to see what I can do."
)

ERROR = (
    "Sorry, something went wrong on my side and I couldn't handle that. "
    "Please try again in a moment, or contact your clinic directly."
)

COMMANDS = [
    ("start", "Join with the link from your clinic"),
    ("help", "What this bot does"),
]

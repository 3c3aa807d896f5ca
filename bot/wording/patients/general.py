"""The welcome, help and fallback replies, and the command menu patients see.

The fallbacks (an unknown command, an error, a button that no longer works) reach anyone who
sends them, staff included.
"""

WELCOME = (
    "Hello! I'm the automated aftercare assistant used by aesthetic clinics. "
    "I'm not a clinician.\n\n"
    "To receive your aftercare messages, open the link your clinic gave you after your "
    "session (or scan its QR code). Send /help to see what I can do."
)

# /help for someone who is neither a patient nor staff.
HELP = (
    "I send aftercare reminders after your treatment and answer questions from your "
    "clinic's aftercare guide. I'm an automated assistant, not a clinician.\n\n"
    "/start – join with the link from your clinic\n"
    "/help – this message\n\n"
    "If something worries you, contact your clinic directly. "
    "For trouble breathing or swelling of the lips, eyes or throat, call your local "
    "emergency number now."
)

PATIENT_HELP = (
    "I'm your clinic's automated aftercare assistant, not a clinician.\n\n"
    "/next – the messages coming up\n"
    "/booked – tell me you've booked your next session\n"
    "/stop – pause all messages (or just send STOP)\n"
    "/resume – get messages again\n"
    "/forget – delete your details\n"
    "/help – this message\n\n"
    "You can also ask me a question about your aftercare. If something worries you, "
    "contact your clinic directly; in an emergency, call your local emergency number."
)

# The bot's default command menu: (command, description).
COMMANDS = [
    ("start", "Join with the link from your clinic"),
    ("next", "Your upcoming messages"),
    ("booked", "I've booked my next session"),
    ("stop", "Pause all messages"),
    ("resume", "Get messages again"),
    ("forget", "Delete my details"),
    ("help", "What this bot does"),
]

UNKNOWN_COMMAND = "Sorry, I don't know that command. Send /help to see what I can do."

# Free text from a chat with no clinic link.
NOT_UNDERSTOOD = (
    "I can only help with aftercare for your treatment at a clinic that uses this bot. "
    "Send /help to see what I can do."
)

# A location, contact, poll or anything else the bot cannot read (photos, voice notes,
# documents and stickers have replies of their own: `bot.wording.patients.media`).
TEXT_ONLY = (
    "I can only read typed messages (and pass photos on to your clinic). "
    "If something worries you, contact your clinic directly."
)

# Told once to a group that writes to the bot or adds it; the bot then stays quiet there.
PRIVATE_CHATS_ONLY = (
    "I only work in private chats, so I won't answer in this group. To receive your aftercare "
    "messages, open the link from your clinic in a private chat with me; clinic staff join "
    "with their own invite, in a private chat too."
)
# Told once to a group that had signed up as a patient before that rule.
GROUP_PATIENT_REVOKED = (
    "I now work only in private chats, so this group no longer receives aftercare messages "
    "and nothing more will be sent here. Please ask your clinic for a new link and open it "
    "in a private chat with me."
)

ERROR = (
    "Sorry, something went wrong on my side and I couldn't handle that. "
    "Please try again in a moment, or contact your clinic directly."
)

BUTTON_EXPIRED = "This button is no longer active. Send /help to see what I can do."

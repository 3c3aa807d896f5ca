"""The bot's profile in Telegram: what anyone sees before pressing Start, and on its page.

Telegram's limits: the description at most 512 characters, the short description 120.
"""

# Shown in an empty chat with the bot ("What can this bot do?").
DESCRIPTION = (
    "Aftercare reminders and answers after a microneedling session, for patients of clinics "
    "that use this bot.\n\n"
    "I'm an automated assistant, not a clinician: my aftercare messages quote your clinic's "
    "aftercare guide, and anything worrying is passed to the clinic team.\n\n"
    "Start with the link or QR code your clinic gave you. Send /stop (or STOP) at any time to "
    "stop all messages, or /forget to delete your details.\n\n"
    "In an emergency, call your local emergency number."
)

# Shown on the bot's profile page and when it is shared.
SHORT_DESCRIPTION = (
    "Your clinic's automated aftercare assistant, not a clinician. "
    "Send /stop at any time to stop messages."
)

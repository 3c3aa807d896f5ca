"""The end of a patient's messages: cancelled by the clinic, or /forget (with a confirmation)."""

CANCELLED_BY_CLINIC = (
    "Your clinic has ended your aftercare messages from this bot, so you won't get any more. "
    "If this is unexpected, please contact the clinic."
)

FORGET_CONFIRM = (
    "This deletes your name, your link to this chat, your questions and every message not "
    "yet sent. Your clinic keeps only anonymous counts. It can't be undone.\n\n"
    "Delete your details now?"
)
FORGET_YES = "Yes, delete my details"
FORGET_NO = "No, keep them"
FORGOTTEN = (
    "Done: your details are deleted and you won't get any more messages. "
    "If your clinic sends you a new link, you can join again."
)
FORGET_KEPT = "Okay, nothing was deleted."
FORGET_NOTHING = "I don't hold any details for this chat."

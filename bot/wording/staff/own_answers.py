"""The clinic's own answers, for staff: /faq, /faq add (question, answer, preview, Save) and
/faq delete <number>. Patients see such an answer under
`bot.wording.patients.answers.clinic_advice_heading`, never as the guide's."""

USAGE = "Usage: /faq (your entries), /faq add, or /faq delete <number>."
DELETE_USAGE = "Usage: /faq delete <number>, with the number /faq shows."

# --- /faq ------------------------------------------------------------------------------------


def none_yet(clinic_name: str) -> str:
    return (
        f"{clinic_name} has no answers of its own yet. /faq add writes one: patients who ask "
        f"about it get your answer, marked as {clinic_name}'s own advice."
    )


def heading(clinic_name: str, count: int) -> str:
    return f"{clinic_name}'s own answers ({count}):"


def added_by(when: str, author: str) -> str:
    """Under each entry: its date and `author` as `team.author` writes it."""
    return f"added {when} by {author}"


FOOTER = "/faq add writes another; /faq delete <number> removes one."

# --- /faq add --------------------------------------------------------------------------------


def ask_question(limit: int) -> str:
    return f"Send the question as a patient might ask it (up to {limit} characters), or tap Cancel."


def ask_answer(clinic_name: str, limit: int) -> str:
    return (
        f"Now send the answer in your clinic's own words (up to {limit} characters). Patients "
        f"will see it marked as advice from {clinic_name}, not from the aftercare guide."
    )


def empty(what: str) -> str:
    """`what`: "question" or "answer"."""
    return f"The {what} is empty. Please send it as text."


def too_long(what: str, length: int, limit: int) -> str:
    return f"The {what} is {length} characters; please keep it to {limit}."


def full(limit: int) -> str:
    return f"Your clinic already has {limit} entries. Delete one with /faq delete first."


def preview_heading(question: str) -> str:
    return f"Preview: a patient asking “{question}” would get:"


PREVIEW_FOOTER = "Tap Save to add it, or send a corrected answer."


def saved(number: int) -> str:
    return f"Saved as entry #{number}. /faq lists your entries."


# --- /faq delete -----------------------------------------------------------------------------


def deleted(number: int, question: str) -> str:
    return f"Deleted entry #{number} (“{question}”)."


def not_found(ref: str) -> str:
    return f"Your clinic has no entry #{ref[:20]}. /faq lists them with their numbers."

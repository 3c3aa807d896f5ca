"""Learning from the gaps, for admins: a staff answer to a question the guide did not cover,
turned into a clinic FAQ entry (proposed, the question rewritten in neutral words, approved)."""

LEARN_BUTTON = "Make it an FAQ entry"


def proposal(who: str, number: int, answer: str) -> str:
    """To the clinic's admins after the first staff answer to escalation `number`."""
    return (
        f"{who} answered a question the guide doesn't cover (#{number}):\n\n“{answer}”\n\n"
        "Make it one of your clinic's FAQ entries, so the bot answers the next patient who "
        "asks the same thing? You write the question in neutral words and approve the answer; "
        "the patient's words and name are never stored in it."
    )


def ask_question(answer: str, limit: int) -> str:
    return (
        f"The answer will be:\n\n“{answer}”\n\nNow send the question as any patient might ask "
        f"it, in your own neutral words (up to {limit} characters): no name, and not the "
        "patient's own wording. Or tap Cancel."
    )


NAMES_THE_PATIENT = (
    "That names the patient. An FAQ entry is for every patient: please send it again without "
    "their name."
)
PATIENTS_WORDS = (
    "That is the patient's own wording. Please write the question in your own neutral words, "
    "as any patient might ask it."
)
ANSWER_NAMES_THE_PATIENT = (
    "The answer names the patient, so it can't be an FAQ entry as it stands. Send the answer "
    "as it should read for every patient."
)
NOT_AN_ADMIN = "Only your clinic's admins can turn an answer into an FAQ entry."
NOT_ANSWERED = "That escalation has no staff answer to learn from (or the patient was forgotten)."
NOT_A_QUESTION = "Only answers to questions the guide doesn't cover can become FAQ entries."


def already_learned(entry: int) -> str:
    return f"That answer is already your FAQ entry #{entry} (/faq lists them)."

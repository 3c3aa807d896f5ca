"""What the bot says back to a patient's own words, around what the FAQ found.

The FAQ's medical sentences are quotes from `content/` with their sources, or the clinic's
own answers; these lines only frame them, refer to the clinic, and say whether the clinic team
was told. `contact` is how a referral names the clinic (see `clinic_contact`).
"""

EMERGENCY = (
    "If you have any trouble breathing, or your lips, tongue or throat are swelling, "
    "call your local emergency number now."
)


def clinic_contact(clinic_name: str, clinic_phone: str) -> str:
    """The clinic to call: "Glow Clinic on +44 20 7946 0000", or only its name without a phone."""
    return f"{clinic_name} on {clinic_phone}" if clinic_phone else clinic_name


# --- Red flags: the clinic now, before anything else ------------------------------------------


def urgent(contact: str, *, emergency: bool) -> str:
    """A red flag from a patient; `emergency` adds the emergency-number line."""
    lines = [
        "What you describe needs to be checked by the clinic team now, not answered by a bot.",
        f"Please call {contact} straight away.",
    ]
    if emergency:
        lines.append(EMERGENCY)
    return "\n".join(lines)


# A red flag from a chat with no clinic link: nobody to alert, so every line is said at once.
URGENT_NO_CLINIC = (
    "What you describe needs to be checked by a clinician now, not answered by a bot. "
    "Please contact the clinic that treated you straight away. " + EMERGENCY
)

# --- Answers ------------------------------------------------------------------------------


GUIDE_HEADING = "From our aftercare guide:"


def from_guide(quotes: list[str], contact: str) -> str:
    """`quotes`: the guide's sentences, verbatim, each shown in quotation marks."""
    return f"{guide_section(quotes)}\n\n{unsure(contact)}"


def guide_section(quotes: list[str], asked: str = "") -> str:
    """The guide's quotes, in quotation marks, under a heading naming the patient's question
    when the message asked several things (`asked`, their own words). The words may be HTML:
    callers escape what they pass."""
    quoted = "\n".join(f"“{quote}”" for quote in quotes)
    heading = f"You asked “{asked}”. {GUIDE_HEADING}" if asked else GUIDE_HEADING
    return f"{heading}\n{quoted}"


def unsure(contact: str) -> str:
    return f"If you're unsure about your own skin, contact {contact}."


def not_covered_section(asked: str) -> str:
    """One part of a message the guide does not cover, in the patient's words."""
    return (
        f"You asked “{asked}”. Our aftercare guide doesn't cover that, so I can't answer it here."
    )


def parts_footer(contact: str, *, answered: bool, uncovered: bool) -> str:
    """The last line of a reply in parts: whom to contact, for what."""
    if answered and uncovered:
        return (
            f"For what the guide doesn't cover, or if you're unsure about your own skin, "
            f"contact {contact}."
        )
    return unsure(contact) if answered else f"Please contact {contact}."


def clinic_advice_heading(clinic_name: str) -> str:
    """The line that marks an answer as the clinic's own words (staff see it in /faq add too)."""
    return f"From {clinic_name} (the clinic's own advice, not from the guide):"


def clinic_advice(clinic_name: str, answer: str) -> str:
    """One of the clinic's own answers (written with /faq add), marked as theirs."""
    return f"{clinic_advice_heading(clinic_name)}\n{answer}"


NOT_COVERED = "Our aftercare guide doesn't cover that, so I can't answer it here."


def not_covered(contact: str) -> str:
    return f"{NOT_COVERED}\nPlease contact {contact}."


# --- Whether the clinic team heard, after an urgent or unanswered message ------------------

STAFF_ALERTED = "I've alerted the clinic team."
QUESTION_PASSED_ON = "I've passed your question to the clinic team; they can reply here."
STAFF_NOT_REACHED = (
    "I couldn't reach the clinic team through this chat just now, so please phone them."
)


def relayed_to_patient(clinic_name: str, text: str) -> str:
    """A staff member's reply to the patient's escalated message, as it reaches the patient."""
    return f"Message from the {clinic_name} team (a person, not the assistant):\n\n{text}"


# --- Small talk: greetings, thanks and goodbyes, answered without searching the guide ------

EXAMPLE_QUESTION = "how long will the redness last?"


def ask_me(clinic_name: str, clinic_phone: str) -> str:
    """What the bot can be asked, with an example and the clinic's phone for anything urgent."""
    return (
        "You can ask me about your microneedling aftercare, for example "
        f"“{EXAMPLE_QUESTION}” For anything urgent, call {clinic_name} on {clinic_phone}."
    )


def greeting(clinic_name: str, clinic_phone: str) -> str:
    return f"Hello! {ask_me(clinic_name, clinic_phone)}"


def acknowledged(clinic_name: str, clinic_phone: str) -> str:
    """After "ok", "great" or "got it"."""
    return "👍 " + ask_me(clinic_name, clinic_phone)


def emoji_only(clinic_name: str, clinic_phone: str) -> str:
    """A message of emoji or punctuation only."""
    return "😊 " + ask_me(clinic_name, clinic_phone)


THANKS = "You're welcome. Ask me anything else about your aftercare whenever you like."
GOODBYE = "Take care! I'm here if you have more questions about your aftercare."

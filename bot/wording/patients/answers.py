"""What the bot says back to a patient's own words, around what the FAQ found.

The FAQ's medical sentences are quotes from `content/` with their sources, or the clinic's
own answers; these lines only frame them, refer to the clinic, and say whether the clinic team
was told. `contact` is how a referral names the clinic (see `clinic_contact`).
"""


def emergency_line(number: str = "") -> str:
    """Airway or allergic signs: call the emergency line (the clinic's local number if given)."""
    where = f"{number} (your local emergency number)" if number else "your local emergency number"
    return (
        "If you have any trouble breathing, or your lips, tongue or throat are swelling, "
        f"call {where} now."
    )


EMERGENCY = emergency_line()


def clinic_contact(clinic_name: str, clinic_phone: str) -> str:
    """The clinic to call: "Glow Clinic on +44 20 7946 0000", or only its name without a phone."""
    return f"{clinic_name} on {clinic_phone}" if clinic_phone else clinic_name


def any_of(contacts: list[str]) -> str:
    """Several clinics to call, one after another: "A on 1, B on 2 or C on 3"."""
    if len(contacts) <= 1:
        return "".join(contacts)
    return f"{', '.join(contacts[:-1])} or {contacts[-1]}"


# --- Red flags: the clinic now, before anything else ------------------------------------------


def urgent(contact: str, *, emergency: bool) -> str:
    """A red flag from a patient. With `emergency` (airway or allergic signs) the
    emergency-number line comes first, then the clinic to call now."""
    if emergency:
        return "\n".join(
            [
                EMERGENCY,
                f"Then call {contact} now: what you describe needs to be checked by the clinic "
                "team, not answered by a bot.",
            ]
        )
    return "\n".join(
        [
            "What you describe needs to be checked by the clinic team now, not answered by a bot.",
            f"Please call {contact} straight away.",
        ]
    )


# A red flag from a chat with no clinic link: nobody to alert, so every line is said at once.
URGENT_NO_CLINIC = (
    "What you describe needs to be checked by a clinician now, not answered by a bot. "
    "Please contact the clinic that treated you straight away. " + EMERGENCY
)
# The same for airway or allergic signs: the emergency number first.
URGENT_NO_CLINIC_EMERGENCY = (
    EMERGENCY + " Then contact the clinic that treated you now: what you describe needs to be "
    "checked by a clinician, not answered by a bot."
)


def when_to_call(contact: str, *, emergency: bool) -> str:
    """The last line of an answer to a question *about* a red-flag sign ("what are the warning
    signs?", "if I got a temperature, what would I do?"): the clinic's own words on whom to
    call, in place of "needs to be checked now". `emergency` (a question about airway or
    allergic signs) puts the emergency-number line first."""
    line = (
        f"If you notice anything like that, or anything else about your skin worries you, "
        f"call {contact} straight away so the team can look at it."
    )
    return f"{EMERGENCY}\n{line}" if emergency else line


def out_of_hours_contact(clinic_name: str, out_of_hours: str) -> str:
    """A closed clinic in a list of clinics to call: "Glow Clinic's out-of-hours number, 0800 …"."""
    return f"{clinic_name}'s out-of-hours number, {out_of_hours},"


def urgent_closed(
    clinic_name: str, *, out_of_hours: str, emergency_number: str, emergency: bool
) -> str:
    """A red flag while the clinic is closed: its out-of-hours number when it has one, else
    the local urgent-care line; airway or allergic signs (`emergency`) get the emergency line
    first."""
    lines = [emergency_line(emergency_number)] if emergency else []
    lines.append(
        f"{clinic_name} is closed right now, and what you describe needs to be checked by a "
        "clinician, not answered by a bot."
    )
    if out_of_hours:
        lines.append(f"Please call {clinic_name}'s out-of-hours number, {out_of_hours}, now.")
    else:
        number = emergency_number or "your local emergency number"
        lines.append(
            f"Please call your local urgent-care line now, or {number} if it is an emergency."
        )
    return "\n".join(lines)


def no_answer_yet(clinic_name: str) -> str:
    """Before the call-now lines again, when nobody at the clinic answered an urgent message."""
    return (
        f"No one at {clinic_name} has been able to answer your message here yet, so please "
        "don't wait for a reply in this chat."
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


def chitchat(clinic_name: str, clinic_phone: str) -> str:
    """Chat about something other than aftercare (the weather, the bot itself)."""
    return f"I'm {clinic_name}'s aftercare assistant, so aftercare is all I can help with. " + (
        ask_me(clinic_name, clinic_phone)
    )


def not_understood(clinic_name: str, clinic_phone: str) -> str:
    """A message with no word the bot knows ("asdfghjkl", another language)."""
    return "Sorry, I didn't understand that. " + ask_me(clinic_name, clinic_phone)


THANKS = "You're welcome. Ask me anything else about your aftercare whenever you like."
GOODBYE = "Take care! I'm here if you have more questions about your aftercare."

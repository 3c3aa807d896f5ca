"""`/stats [7d|30d|all]` and `aftercare report uncovered`: a clinic's figures for a period.
Counts and durations only; the guide's gaps as the terms patients used, with how many asked."""

USAGE = "Usage: /stats, /stats 7d, /stats 30d or /stats all (the default is the last 7 days)."

PERIOD_NAMES = {"7d": "the last 7 days", "30d": "the last 30 days", "all": "all time"}

# The label of each counter /stats shows, by event name.
LABELS = {
    "enrolled": "Enrolled",
    "consented": "Consented",
    "delivered": "Messages delivered",
    "failed": "Messages failed",
    "unreachable": "Patients unreachable (blocked the bot)",
    "stopped": "Patients who stopped messages",
    "rebooked": "Sessions booked",
    "question": "Questions",
    "question_answered": "Answered by the bot",
    "escalated": "Escalated to staff",
}


def duration(seconds: float) -> str:
    """A wait as staff say it: "45 s", "4 min", "1 h 20 min", "2 d 3 h"."""
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def answer_times(answered: int, unanswered: int, median: float | None, p90: float | None) -> str:
    if median is None or p90 is None:
        return f"Time to first staff answer: none answered yet ({unanswered} waiting or closed)"
    return (
        f"Time to first staff answer: median {duration(median)}, 90th percentile "
        f"{duration(p90)} ({answered} answered, {unanswered} not)"
    )


def uncovered_line(terms: list[tuple[str, int]]) -> str:
    if not terms:
        return "Asked most and not in the guide: nothing asked twice yet"
    listed = ", ".join(f"{term} {count}" for term, count in terms)
    return f"Asked most and not in the guide (questions): {listed}"


def figures(
    clinic_name: str,
    period_name: str,
    counts: list[tuple[str, int]],
    *,
    answered: int,
    unanswered: int,
    median: float | None,
    p90: float | None,
    uncovered: list[tuple[str, int]],
) -> str:
    """`counts`: (label, count) pairs in the order shown; durations in seconds."""
    lines = [f"{clinic_name}: {period_name}"]
    lines += [f"{label}: {count}" for label, count in counts]
    lines.append(answer_times(answered, unanswered, median, p90))
    lines.append(uncovered_line(uncovered))
    lines.append("/stats 7d · /stats 30d · /stats all")
    return "\n".join(lines)


# --- aftercare report uncovered ----------------------------------------------------------------


def report_heading(clinic_name: str, since: str, questions: int) -> str:
    return (
        f"{clinic_name}: questions the guide did not cover since {since}: {questions}\n"
        "Their most frequent terms (each counted once a question, only terms from two or more "
        "questions):"
    )


def report_line(term: str, count: int) -> str:
    return f"{count:>5}  {term}"


REPORT_NONE = "No term came up in two or more of them yet."

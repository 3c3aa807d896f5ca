"""What staff are told when a number in a command cannot be read: what they typed, the valid
range, and how to write it (digits 0-9)."""


def _example(example: str) -> str:
    return f", for example {example}" if example else ""


def not_ascii(typed: str, example: str) -> str:
    return (
        f"I can't read “{typed}” as a number: please write numbers with the digits 0-9"
        f"{_example(example)}."
    )


def not_a_number(typed: str, what: str, low: int, high: int, example: str) -> str:
    return (
        f"“{typed}” is not a {what}: give a whole number from {low} to {high}, written with the "
        f"digits 0-9{_example(example)}."
    )


def out_of_range(typed: str, what: str, low: int, high: int) -> str:
    return f"There is no {what} {typed}: {what}s run from {low} to {high}."

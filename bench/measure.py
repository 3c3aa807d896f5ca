"""What the sending benchmarks read off the stand-in's record: the rate over the time messages
were waiting, the tightest spacing per chat and overall, losses and duplicates.

Times are the stand-in's (`Sent.at`, monotonic seconds when it accepted the message), so
every figure is what Telegram would have seen.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

LIMIT = 30.0  # Telegram: messages a second


def busy_blocks(intervals: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """The union of [became due, was sent] intervals as separate stretches, in time order
    (an interval sent before it was due counts for nothing)."""
    blocks: list[tuple[float, float]] = []
    for start, stop in sorted(i for i in intervals if i[1] > i[0]):
        if blocks and start <= blocks[-1][1]:
            blocks[-1] = (blocks[-1][0], max(blocks[-1][1], stop))
        else:
            blocks.append((start, stop))
    return blocks


def rate_while_waiting(
    sent_at: Sequence[float], due_at: Sequence[float], *, shortest: float = 1.0
) -> tuple[float, float]:
    """How fast a queue was worked off: (messages a second, share of Telegram's limit), over
    every stretch of at least `shortest` seconds in which some message was due and not yet
    sent. A message sent the moment it fell due, with nothing else waiting, tells nothing
    about the rate and is left out (its stretch is shorter than `shortest`).

    The share compares with the most a strict 30-in-any-second window lets through in each
    stretch, 30 x (seconds + 1): 30 at its start and 30 more each second. A sender that keeps
    to the window reaches at most 1.0; messages a second over a short stretch can exceed 30.
    `sent_at[i]` and `due_at[i]` belong to the same message (due_at: when it became eligible
    to go: the window opening, or the end of its patient's backlog spacing).
    """
    pairs = zip(due_at, sent_at, strict=True)
    blocks = [b for b in busy_blocks(pairs) if b[1] - b[0] >= shortest]
    sent = sum(1 for t in sent_at for start, stop in blocks if start < t <= stop)
    busy = sum(stop - start for start, stop in blocks)
    allowed = sum(LIMIT * (stop - start + 1) for start, stop in blocks)
    return (sent / busy, sent / allowed) if busy > 0 else (0.0, 0.0)


def most_in_any_second(times: Sequence[float]) -> int:
    """The most messages within any one second (a sliding window over sorted times)."""
    ordered = sorted(times)
    return max((bisect.bisect_left(ordered, t + 1.0) - i for i, t in enumerate(ordered)), default=0)


def tightest_per_chat(messages: Iterable[tuple[int, float]]) -> tuple[int, float | None]:
    """(most messages to one chat within any second, smallest gap between two messages to one
    chat in seconds, None when no chat got two)."""
    by_chat: dict[int, list[float]] = defaultdict(list)
    for chat, at in messages:
        by_chat[chat].append(at)
    worst, gap = 0, None
    for times in by_chat.values():
        worst = max(worst, most_in_any_second(times))
        times.sort()
        for a, b in itertools.pairwise(times):
            gap = b - a if gap is None else min(gap, b - a)
    return worst, gap


def lost_and_duplicated(
    expected: Counter[tuple[int, str]], delivered: Counter[tuple[int, str]]
) -> tuple[int, int]:
    """(expected messages never delivered, deliveries beyond the one expected), by key."""
    lost = sum(max(0, n - delivered[key]) for key, n in expected.items())
    duplicated = sum(max(0, n - expected[key]) for key, n in delivered.items())
    return lost, duplicated


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]

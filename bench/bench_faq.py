"""Benchmark the FAQ: per-question latency in process, index build, and `aftercare ask` start-up.

Run from the repository root:

    .venv/bin/python bench/bench_faq.py            # print the figures
    .venv/bin/python bench/bench_faq.py --write    # and replace the FAQ section of RESULTS.md

Baselines run in the same process, so the ratios hold on any machine:
- per question: one bare FTS5 bm25 query on the same in-memory index for the same question's
  terms. It is the floor of any SQLite-backed search; the ratio says what red flags, folding,
  scope checks and reranking cost on top of it.
- start-up: `python -c pass` with the same interpreter, the floor of any Python command.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.faq.engine import Faq  # noqa: E402
from bot.faq.evaluation import evaluate, load_questions  # noqa: E402
from bot.store.clinics import EXAMPLE_CLINIC  # noqa: E402

# The public question files: the two dev files, then every set in tests/data.
QUESTION_FILES = [
    ROOT.parent / "shared" / "faq" / "dev_questions.jsonl",
    ROOT.parent / "shared" / "faq" / "dev_questions_2.jsonl",
    *sorted((ROOT / "tests" / "data").glob("*.jsonl")),
]
RESULTS = ROOT / "bench" / "RESULTS.md"
HEADER = """# Benchmark results

Figures measured by the scripts in `bench/`, newest run of each section only. Each section
names its date, the machine (`nproc`, `uname -m`, Python) and a baseline measured in the same
process or with the same interpreter, so ratios stay comparable across machines. Re-run the
script named in a section to refresh it; do not edit figures by hand.
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def bench_build(runs: int) -> tuple[float, float]:
    start = time.perf_counter()
    Faq.from_content()
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        Faq.from_content()
        times.append(time.perf_counter() - start)
    return first, statistics.median(times)


def bench_questions(engine: Faq, questions: list[str], rounds: int) -> dict[str, float]:
    answer_times: list[float] = []
    fts_times: list[float] = []
    term_lists = [engine.analyzer.unique_content_terms(q) for q in questions]
    for q in questions:  # warm caches once
        engine.answer(q, EXAMPLE_CLINIC)
    for _ in range(rounds):
        for q, terms in zip(questions, term_lists, strict=True):
            start = time.perf_counter()
            engine.answer(q, EXAMPLE_CLINIC)
            answer_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            engine.ranker._index.search(terms)
            fts_times.append(time.perf_counter() - start)
    return {
        "n": len(answer_times),
        "p50": percentile(answer_times, 50),
        "p95": percentile(answer_times, 95),
        "p99": percentile(answer_times, 99),
        "max": max(answer_times),
        "fts_p50": percentile(fts_times, 50),
        "fts_p95": percentile(fts_times, 95),
    }


def quality(engine: Faq) -> str:
    """One row per question file: the rate of each target (`aftercare faq eval`)."""
    rows = []
    for path in QUESTION_FILES:
        if not path.exists():
            continue
        report = evaluate(load_questions(path), lambda q: engine.answer(q, EXAMPLE_CLINIC))
        rates = {t.name: f"{t.value:.1%}" for t in report.targets()}
        names = ("answerable", "unknown", "urgent", "false urgent")
        rows.append(
            f"| `{path.name}` ({len(report.graded)}) | "
            + " | ".join(rates[n] for n in names)
            + " |"
        )
    return "\n".join(rows)


def _median_run(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of `runs` runs, in seconds. CPU
    time hardly moves with other work on the machine; wall time does."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def bench_startup(runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """((wall, cpu) of `aftercare ask`, (wall, cpu) of `python -c pass`), medians."""
    script = Path(sys.executable).with_name("aftercare")
    ask = [str(script)] if script.exists() else [sys.executable, "-m", "bot"]
    ask += ["ask", "How long will I be red for?"]
    _median_run(ask, 1)  # warm the file cache and bytecode
    return _median_run(ask, runs), _median_run([sys.executable, "-c", "pass"], runs)


LOAD_AT_START = os.getloadavg()[0]


def machine() -> str:
    return (
        f"nproc {os.cpu_count()}, {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def section(figures: dict[str, float], build: tuple[float, float],
            startup: tuple[tuple[float, float], tuple[float, float]],
            questions: int, rounds: int, rates: str) -> str:  # fmt: skip
    (ask, ask_cpu), (bare, bare_cpu) = startup
    q = figures
    return f"""## FAQ

Date: {date.today().isoformat()} · machine: {machine()} · script: `bench/bench_faq.py`
· load average at the start: {LOAD_AT_START:.1f} (other work on the same cores slows every
figure alike; the ratios to the same-run baselines hold)

Per question, in process (`Faq.answer`, {questions} questions: the two dev files and every
tests/data set, × {rounds} rounds = {q["n"]:.0f} calls, after one warm-up pass):

| figure | value | target |
| --- | --- | --- |
| p50 | {ms(q["p50"])} | |
| p95 | {ms(q["p95"])} | ≤ 20 ms |
| p99 | {ms(q["p99"])} | |
| max | {ms(q["max"])} | |
| baseline: bare FTS5 bm25 query, p50 / p95 | {ms(q["fts_p50"])} / {ms(q["fts_p95"])} | |
| p95 ÷ baseline p95 | {q["p95"] / q["fts_p95"]:.1f}× | |

Index build (`Faq.from_content`: load and check faq.yaml, clean seeds, fold, FTS5 in memory):
first {ms(build[0])} (cold caches), then median {ms(build[1])}.

Start-up, `aftercare ask "How long will I be red for?"` as a new process (median of runs,
includes building the index once):

| figure | wall | CPU (user + system) | target |
| --- | --- | --- | --- |
| `aftercare ask` | {ms(ask)} | {ms(ask_cpu)} | ≤ 1.5 s |
| baseline: `python -c pass` | {ms(bare)} | {ms(bare_cpu)} | |
| ratio | {ask / bare:.1f}× | {ask_cpu / bare_cpu:.1f}× | |

Answers per question file (the grading of `aftercare faq eval FILE`, run in this process on
the example clinic; targets: answerable ≥ 90%, unknown ≥ 95%, urgent 100%, false urgent
≤ 3%; `faq_eighth.jsonl` is held out and never tuned on):

| file | answerable | unknown | urgent | false urgent |
| --- | --- | --- | --- | --- |
{rates}
"""


def write_results(text: str) -> None:
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    pattern = re.compile(r"^## FAQ\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text + "\n", current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--startup-runs", type=int, default=10)
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()

    questions = [q.q for path in QUESTION_FILES if path.exists() for q in load_questions(path)]
    build = bench_build(5)
    engine = Faq.from_content()
    figures = bench_questions(engine, questions, args.rounds)
    startup = bench_startup(args.startup_runs)
    text = section(figures, build, startup, len(questions), args.rounds, quality(engine))
    print(text)
    if args.write:
        write_results(text)
        print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

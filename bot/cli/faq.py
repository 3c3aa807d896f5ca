"""`aftercare ask` and `aftercare faq eval`: the FAQ from the command line.

Heavy imports (the engine pulls sqlite_utils) happen inside the commands so that `aftercare`
itself starts fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot.cli import cli

if TYPE_CHECKING:
    from bot.faq.answer import Answer
    from bot.faq.engine import ClinicView, Faq


def clinic_view(clinic_id: int | None) -> ClinicView:
    """The FAQ as the clinic's patients get it (`Faq.for_clinic`, as the bot builds it): the
    clinic from AFTERCARE_DB with its own entries. Exits 2 (click's usage error) for an unknown
    clinic, before the engine is built.

    Without --clinic the example clinic answers, with no entries of its own, and the database
    is not opened at all (so `aftercare ask` starts fast).
    """
    if clinic_id is None:
        from bot.faq.engine import ClinicView
        from bot.store.clinics import EXAMPLE_CLINIC

        return ClinicView(_engine(), EXAMPLE_CLINIC)
    from bot.cli.services import open_for_cli, where

    services = open_for_cli()
    try:
        clinic = services.store.clinics.get(clinic_id)
        if clinic is None:
            raise click.BadParameter(
                f"no clinic with id {clinic_id} in {where(services)} (see `aftercare clinic list`)",
                param_hint="--clinic",
            )
        return _engine().for_clinic(services.store, clinic)
    finally:
        services.store.close()


def _engine() -> Faq:
    """The shared engine, or a clear exit when the content files are broken."""
    from bot.faq.engine import default_engine
    from content.problem import ContentError

    try:
        return default_engine()
    except ContentError as exc:
        click.echo("Error: the FAQ content has problems (run `aftercare content check`):", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(2)


def _record(question: str, answer: Answer) -> dict[str, object]:
    return {"question": question, **answer.to_json()}


def _show(answer: Answer) -> None:
    detail = f"{answer.kind}, score {answer.score:.2f}"
    if answer.red_flag:
        detail += f", red flag: {answer.red_flag}"
    if answer.asked_about:
        detail += f", asked about: {answer.asked_about}"
    if answer.parts:
        detail += f", parts: {' + '.join(p.kind for p in answer.parts)}"
    if answer.origin:
        detail += f", from the {answer.origin}"
    click.echo(f"[{detail}]")
    click.echo(answer.text)
    if answer.sources:
        from content.documents import cited

        click.echo("\nSources:")
        for source in answer.sources:
            click.echo(f"- {cited(source.doc)} [{source.doc}]: “{source.quote}”")


@cli.command()
@click.argument("question", required=False)
@click.option("--clinic", "clinic_id", type=int, help="Answer for this clinic (id).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@click.option(
    "--jsonl",
    is_flag=True,
    help="Read one question a line on stdin; write one JSON object a line, in order.",
)
def ask(question: str | None, clinic_id: int | None, as_json: bool, jsonl: bool) -> None:
    """Answer a patient's question the way the bot would.

    Red flags are checked first, then small talk, the clinic's own entries and the guide.
    Answers quote the guide with their sources; questions the guide does not cover get an
    honest "contact the clinic".

    \b
    Example:
        aftercare ask "how long will I be red for?"
        aftercare ask "can I wear makeup tomorrow?" --json
        printf 'hi\\nmy face is oozing pus\\n' | aftercare ask --jsonl
    """
    if jsonl and question is not None:
        raise click.UsageError("give a QUESTION or --jsonl, not both")
    if not jsonl and question is None:
        raise click.UsageError('give a question, e.g. aftercare ask "how long will I be red?"')
    view = clinic_view(clinic_id)
    if not jsonl:
        answer = view.answer(question or "")
        if as_json:
            click.echo(json.dumps(_record(question or "", answer), ensure_ascii=False))
        else:
            _show(answer)
        return
    for line in sys.stdin:
        text = line.rstrip("\r\n")
        answer = view.answer(text)
        sys.stdout.write(json.dumps(_record(text, answer), ensure_ascii=False) + "\n")
        sys.stdout.flush()


@cli.group()
def faq() -> None:
    """The FAQ engine: grade it on question files.

    \b
    Example:
        aftercare faq eval ../shared/faq/dev_questions.jsonl
    """


@faq.command("eval")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--clinic", "clinic_id", type=int, help="Answer for this clinic (id).")
def eval_command(file: Path, as_json: bool, clinic_id: int | None) -> None:
    """Grade the FAQ on a question file and print the rates against the targets.

    FILE has one JSON object a line: q, expect (answer | unknown | urgent | smalltalk), any
    (phrases, one of which must appear in an answer) and topic. Exits 1 when a target is
    missed, 2 when the file cannot be read.

    \b
    Example:
        aftercare faq eval ../shared/faq/dev_questions.jsonl
        aftercare faq eval tests/data/faq_heldout.jsonl --json
    """
    from bot.faq.evaluation import QuestionFileError, evaluate, load_questions

    try:
        questions = load_questions(file)
    except QuestionFileError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    report = evaluate(questions, clinic_view(clinic_id).answer)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        counts = ", ".join(f"{k} {v}" for k, v in report.to_json()["counts"].items())
        click.echo(f"{file}: {len(report.graded)} questions ({counts})")
        for target in report.targets():
            sign = "<=" if target.at_most else ">="
            verdict = "ok" if target.met else "MISSED"
            goal = f"target {sign} {target.goal:.0%}"
            click.echo(f"  {target.name:<17} {target.value:7.1%}  {goal:<14} {verdict}")
        for graded in report.misses:
            click.echo(f"  miss: {graded.question.q!r}: {graded.why}")
        click.echo("all targets met" if report.passed else "some targets missed")
    if not report.passed:
        sys.exit(1)

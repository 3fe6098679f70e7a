"""``citeman lookup``: Crossref's candidates for an entry or a pasted reference."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from citeman import config as config_module
from citeman.cli import online
from citeman.cli.inputs import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    FiniteRange,
    load_config,
    load_libraries,
    reported_errors,
)
from citeman.cli.output import say, say_lines
from citeman.config import Config
from citeman.errors import OnlineError, UsageError
from citeman.model import Entry
from citeman.online import match, reference, run
from citeman.online.lookup import Candidate, judge_entry, judge_text
from citeman.online.resolver import Resolver


@click.command()
@click.argument("query")
@click.option(
    "--bib",
    "bib_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A .bib file to find KEY in [default: the configured files, else"
    " library.bib]. Repeatable.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the candidates.",
)
@click.option(
    "--min-confidence",
    type=FiniteRange(0, 1),
    default=match.CONFIDENT,
    show_default=True,
    help="How sure a match must be to be accepted, as CM305's option.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    help="Read this configuration file (files, mailto) instead of searching.",
)
@click.option("--no-config", is_flag=True, help="Ignore every configuration file.")
@online.connection_options
def lookup(
    query: str,
    bib_files: tuple[str, ...],
    output_format: str,
    min_confidence: float,
    config_file: Path | None,
    no_config: bool,
    **connection: Any,
) -> None:
    """Show the candidates Crossref returns for KEY or "free text", and why.

    QUERY is the key of an entry in the .bib files, or a reference pasted as
    text. Each candidate comes with its confidence and, field by field, whether
    it agrees with the reference: what CM305 decides silently, shown so a person
    can decide.

    \b
    Exit codes:
      0  a candidate is accepted
      1  no candidate is accepted
      2  usage, configuration or input error, or a lookup that failed
    """
    with reported_errors():
        config = load_config(config_file, no_config)
        entry = _find(query, bib_files, config)
        chosen = online.OnlineOptions(online=True, **connection)
        resolver = run.open_resolver(chosen, config, online.warn)
        text, judged = _judge(resolver, query, entry, min_confidence)
    shown = {"query": text, "key": entry.key if entry else None,
             "file": entry.path if entry else None}  # fmt: skip
    if output_format == "json":
        report = {**shown, "candidates": [_json(item) for item in judged]}
        say_lines(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        _text(shown, judged)
    accepted = any(item.accepted for item in judged)
    raise SystemExit(EXIT_CLEAN if accepted else EXIT_FINDINGS)


def _judge(
    resolver: Resolver, query: str, entry: Entry | None, least: float
) -> tuple[str, list[Candidate]]:
    """Return the text searched for and its candidates, judged."""
    try:
        if entry is None:
            return query, judge_text(query, run.search(resolver, query))
        text = reference.query_text(entry)
        cited = reference.from_entry(entry)
        result = match.choose(cited, run.search(resolver, text))
        return text, judge_entry(cited, result, least)
    except OnlineError as error:
        raise OnlineError(f"{error.source}: {error.cause}") from error


def _find(query: str, bib_files: tuple[str, ...], config: Config) -> Entry | None:
    """Return the entry keyed ``query`` in the .bib files, or None (free text).

    A reference pasted as text has spaces; one word is a key, and a key that
    no file holds is an error rather than a search for the word.
    """
    if any(char.isspace() for char in query.strip()):
        return None
    paths = [Path(name) for name in bib_files] or list(config.files)
    default = Path(config_module.DEFAULT_FILE)
    if not paths and default.is_file():
        paths = [default]
    for library in load_libraries(paths):
        for entry in library.entries:
            if entry.key == query:
                return entry
    where = ", ".join(str(path) for path in paths) or "no .bib file (use --bib)"
    raise UsageError(
        f"no entry keyed {query!r} in {where}; quote a reference to look it up as text"
    )


def _text(shown: dict[str, Any], judged: list[Candidate]) -> None:
    where = f"{shown['key']} ({shown['file']})" if shown["key"] else "the text given"
    say(f"lookup: {where}")
    say(f"query: {shown['query']}")
    if not judged:
        say("no candidates")
    for number, item in enumerate(judged, 1):
        work = item.work
        verdict = "accepted" if item.accepted else "rejected"
        say(f"{number}. {work.doi}  confidence {item.confidence:.2f}  {verdict}:"
            f" {item.reason}")  # fmt: skip
        for check in item.fields:
            registered = check.registered or "-"
            cited = f'; reference: "{check.cited}"' if check.cited else ""
            verdict = check.verdict
            if check.similarity is not None:
                verdict += f" ({check.similarity:.2f})"
            say(f"   {check.field:<8} {verdict:<16} {registered}{cited}")


def _json(item: Candidate) -> dict[str, Any]:
    work = item.work
    return {
        "doi": work.doi,
        "source": work.source,
        "type": work.type,
        "title": work.title,
        "authors": list(work.families),
        "year": work.print_year,
        "container": work.container,
        "volume": work.volume,
        "page": work.page,
        "confidence": item.confidence,
        "accepted": item.accepted,
        "reason": item.reason,
        "fields": [
            {
                "field": check.field,
                "verdict": check.verdict,
                "reference": check.cited,
                "registered": check.registered,
                "similarity": check.similarity,
            }
            for check in item.fields
        ],
    }

"""``citeman audit``: check manuscripts' citations against the reference list."""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

import click

from citeman import rules
from citeman.audit import manuscript, run, trim
from citeman.audit.form import NAMED
from citeman.cli.inputs import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    load_config,
    load_libraries,
    reported_errors,
    resolve_paths,
)
from citeman.errors import CitemanError, UsageError
from citeman.problem import Severity
from citeman.report import FORMATS
from citeman.report import text as text_report


def _selectors(value: str | None, option: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    selectors = tuple(part.strip() for part in value.split(",") if part.strip())
    for selector in selectors:
        if not rules.is_known_selector(selector):
            raise UsageError(
                f'{option} names no rule: "{selector}"; use a code (CM502), a code'
                " prefix (CM5), a name (reference-not-cited) or ALL;"
                ' see "citeman rules"'
            )
    return selectors


@click.command()
@click.argument("manuscripts", nargs=-1, required=True, type=click.Path())
@click.option(
    "--bib",
    "bib_paths",
    multiple=True,
    metavar="PATH",
    help="The reference list (.bib); repeat for several "
    "[default: the configured files, else library.bib].",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="How to print the problems.",
)
@click.option(
    "--style",
    type=click.Choice(["apa"]),
    default="apa",
    show_default=True,
    help="The author–date style the text's citations follow.",
)
@click.option(
    "--fix-list",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="OUT.bib",
    help="Also write the reference list trimmed to the works cited to OUT.bib.",
)
@click.option("--select", metavar="CODES", help="Only these rules (e.g. CM501,CM503).")
@click.option("--ignore", metavar="CODES", help="Skip these rules (e.g. CM502).")
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    help="Exit 1 when a problem of this severity or worse is found "
    "[default: warning, or the configured fail-on].",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read this configuration file instead of the nearest one.",
)
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--quiet", "-q", is_flag=True, help="Print the problems only.")
def audit(
    manuscripts: tuple[str, ...],
    bib_paths: tuple[str, ...],
    output_format: str,
    style: str,
    fix_list: Path | None,
    select: str | None,
    ignore: str | None,
    fail_on: str | None,
    config_file: Path | None,
    no_config: bool,
    quiet: bool,
) -> None:
    """Check the citations of MANUSCRIPTS against the reference list.

    MANUSCRIPTS are plain text, Markdown (.md: pandoc [@key] too), LaTeX (.tex:
    \\cite{key} and relatives) or Word (.docx) files. Author–date citations
    typed in the text, "(Bellis et al., 2014)" or "Bellis et al. (2014)", are
    matched to the list by family names and year. In a .docx file the line is
    the paragraph number and the column the character in the paragraph.

    \b
    Exit codes:
      0  no problem at or above --fail-on
      1  problems found
      2  usage, configuration or input error
    """
    with reported_errors():
        config = load_config(config_file, no_config)
        chosen = _selectors(select, "--select")
        skipped = _selectors(ignore, "--ignore")
        config = dataclasses.replace(
            config,
            select=chosen if chosen is not None else config.select,
            ignore=config.ignore + (skipped or ()),
            fail_on=Severity(fail_on) if fail_on else config.fail_on,
        )
        texts = [manuscript.read(path) for path in manuscripts]
        libraries = load_libraries(resolve_paths(bib_paths, config))
        for library in libraries:
            if library.failures:
                # Their entries are missing from the list: say why before CM501s.
                count = len(library.failures)
                click.echo(
                    f"citeman: warning: {library.path}: {count} block"
                    f"{'s' if count > 1 else ''} cannot be parsed and"
                    f" {'were' if count > 1 else 'was'} skipped; run"
                    f' "citeman check {library.path}"',
                    err=True,
                )
        model = run.build(texts, libraries)
        problems = run.audit(model, config.active_rules(manuscript=True))
        if fix_list is not None:
            _refuse_manuscript(fix_list, manuscripts)
            keep = (
                {(work.entry.path, work.entry.offset) for work in model.works}
                if model.cites_all
                else model.cited(NAMED)
            )
            text, kept = trim.trim(libraries, keep)
            _write_atomically(fix_list, text)
            click.echo(
                f"wrote {kept} of {len(model.works)} entries to {fix_list}", err=True
            )
    if output_format == "text" and not quiet:
        click.echo(text_report.render(problems), nl=False)
    elif output_format == "text":
        for problem in problems:
            click.echo(text_report.line(problem))
    else:
        click.echo(FORMATS[output_format](problems), nl=False)
    failing = any(problem.severity.rank >= config.fail_on.rank for problem in problems)
    raise SystemExit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def _write_atomically(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    A crash leaves the old file or the new one, never half of one. The file
    keeps the mode of the one it replaces; a new one is readable by all.
    """
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as error:
        raise CitemanError(f"{path}: cannot be written ({error.strerror})") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(content)
        os.chmod(name, mode)
        os.replace(name, path)
    except OSError as error:
        Path(name).unlink(missing_ok=True)
        raise CitemanError(f"{path}: cannot be written ({error.strerror})") from error


def _refuse_manuscript(target: Path, manuscripts: tuple[str, ...]) -> None:
    """Stop before --fix-list would write over a manuscript."""
    for path in manuscripts:
        if os.path.exists(path) and target.exists() and target.samefile(path):
            raise UsageError(f"--fix-list {target} is a manuscript; name a .bib file")

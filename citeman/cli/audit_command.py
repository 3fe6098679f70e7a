"""``citeman audit``: check manuscripts' citations against the reference list."""

from __future__ import annotations

from pathlib import Path

import click

from citeman import atomic
from citeman.audit import includes, manuscript, run, trim
from citeman.audit.form import NAMED
from citeman.cli.inputs import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    distinct,
    load_libraries,
    read_files,
    reported_errors,
    resolve_paths,
    rule_options,
    selected_config,
)
from citeman.cli.output import echo_problems, format_option, say


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
@format_option
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
@click.option("--quiet", "-q", is_flag=True, help="Print the problems only.")
@rule_options
def audit(
    manuscripts: tuple[str, ...],
    bib_paths: tuple[str, ...],
    output_format: str,
    style: str,
    fix_list: Path | None,
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    extend_ignore: str | None,
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
    the paragraph number and the column the character in the paragraph. A .tex
    file's \\input and \\include are followed inside its folder; verbatim text
    and \\iffalse blocks are not read.

    \b
    Exit codes:
      0  no problem at or above --fail-on
      1  problems found
      2  usage, configuration or input error
    """
    with reported_errors():
        config = selected_config(
            config_file, no_config, select, ignore, fail_on,
            extend_select=extend_select, extend_ignore=extend_ignore,
        )  # fmt: skip
        papers = distinct([Path(path) for path in manuscripts])  # each read once
        texts, not_followed = includes.follow(
            [manuscript.read(path, config.max_file_bytes) for path in papers],
            config.max_file_bytes,
        )
        for note in not_followed:
            say(f"citeman: warning: {note}", err=True)
        bibs = resolve_paths(bib_paths, config)
        libraries = load_libraries(bibs, limit=config.max_file_bytes)
        for library in libraries:
            if library.failures:
                # Their entries are missing from the list: say why before CM501s.
                count = len(library.failures)
                say(
                    f"citeman: warning: {library.path}: {count} block"
                    f"{'s' if count > 1 else ''} cannot be parsed and"
                    f" {'were' if count > 1 else 'was'} skipped; run"
                    f' "citeman check {library.path}"',
                    err=True,
                )
        model = run.build(texts, libraries)
        problems = run.audit(model, config.active_rules(manuscript=True))
        if fix_list is not None:
            keep = (
                {(work.entry.path, work.entry.offset) for work in model.works}
                if model.cites_all
                else model.cited(NAMED)
            )
            text, kept = trim.trim(libraries, keep)
            # Chapters a .tex manuscript includes were read too.
            inputs = read_files(config, [text.path for text in texts], bibs)
            atomic.replace_text(fix_list, text, inputs=inputs, option="--fix-list")
            say(f"wrote {kept} of {len(model.works)} entries to {fix_list}", err=True)
    echo_problems(problems, output_format, quiet=quiet)
    failing = any(problem.severity.rank >= config.fail_on.rank for problem in problems)
    raise SystemExit(EXIT_FINDINGS if failing else EXIT_CLEAN)

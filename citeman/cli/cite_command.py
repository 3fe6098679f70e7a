"""``citeman cite``: print the in-text citation of entries, as a writer types it."""

from __future__ import annotations

from pathlib import Path

import click

from citeman import render
from citeman.cli.inputs import (
    load_config,
    load_libraries,
    reported_errors,
    resolve_paths,
)
from citeman.cli.render_command import select, warn_about


@click.command("cite")
@click.argument("keys", nargs=-1, required=True)
@click.option(
    "--bib",
    "paths",
    multiple=True,
    type=click.Path(dir_okay=True, path_type=Path),
    help="A .bib file to read (repeatable) [default: the configured files, "
    "else library.bib].",
)
@click.option(
    "--narrative",
    is_flag=True,
    help="Name the authors in the sentence: Bellis et al. (2014).",
)
@click.option(
    "--style",
    "style_name",
    metavar="NAME|FOLDER",
    default="apa",
    show_default=True,
    help="The style whose year letters (2020a) the citation shares.",
)
def cite(
    keys: tuple[str, ...], paths: tuple[Path, ...], narrative: bool, style_name: str
) -> None:
    """Print the APA in-text citation of KEYS: (Bellis et al., 2014).

    Several keys make one parenthetical citation, in reference-list order;
    with --narrative each author group is printed on its own line.
    """
    with reported_errors():
        style = render.find(style_name)
        config = load_config(None, False)
        libraries = load_libraries(
            resolve_paths([str(p) for p in paths], config),
            limit=config.max_file_bytes,
        )
        entries = select(libraries, [key for key in keys if key.strip()])
        library = [entry for item in libraries for entry in item.entries]
        text = render.cite(entries, library, style, narrative=narrative)
        warn_about(libraries, entries, config)
    click.echo(text)

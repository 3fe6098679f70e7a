"""The ``citeman`` command: a click group whose subcommands live in this package."""

from __future__ import annotations

import logging

import click

from citeman import __version__
from citeman.cli import (
    audit_command,
    check_command,
    cite_command,
    fix_command,
    import_command,
    lookup_command,
    render_command,
    rules_command,
    server_command,
    signals,
)


@click.group(
    cls=signals.StoppableGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="citeman")
def main() -> None:
    """Keep a BibTeX bibliography correct before it goes to print.

    \b
    citeman check     find every defect in a .bib file (exit 1 when found)
    citeman rules     list the rules, or explain one
    citeman fix       repair what is safe to repair, changing nothing else
    citeman render    print entries as an APA 7 (or other style) reference list
    citeman cite      print the in-text citation of entries: (Bellis et al., 2014)
    citeman audit     check a manuscript's citations against the reference list
    citeman import    read a formatted reference list (.txt, .md, .docx) into BibTeX
    citeman lookup    show the Crossref candidates for an entry or a pasted reference
    citeman server    a language server for editors (LSP over stdio)
    Run "citeman COMMAND --help" for a command's options.
    """
    # bibtexparser logs each syntax error; citeman reports them as CM001 instead.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


main.add_command(check_command.check)
main.add_command(rules_command.rules_)
main.add_command(fix_command.fix)
main.add_command(render_command.render_)
main.add_command(cite_command.cite)
main.add_command(audit_command.audit)
main.add_command(import_command.import_)
main.add_command(lookup_command.lookup)
main.add_command(server_command.server)

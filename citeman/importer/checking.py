"""Check a formatted reference list: import it in memory, lint it, point into it.

The imported entries are linted like any ``.bib`` file; each problem is then
moved from the generated BibTeX to the document: to where the field's value
was written, else to the start of the reference. Reference-list rules
(CM601) compare each reference with the same entry as the style prints it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from citeman import parse, render
from citeman.config import ActiveRule
from citeman.errors import InputError
from citeman.importer import markdown, reader, run
from citeman.importer.written import Written, WrittenList
from citeman.model import Library
from citeman.problem import Finding, Problem
from citeman.rules.base import ReferenceListRule, RuleContext
from citeman.textfile import DEFAULT_LIMIT


@dataclass(frozen=True, slots=True)
class CheckedDocument:
    """A document's imported list and the library linted in its place."""

    imported: run.ImportedList
    library: Library


def load(path: str, limit: int = DEFAULT_LIMIT) -> CheckedDocument:
    """Import the document at ``path`` into a library named after it."""
    imported = run.read(reader.read(path, limit))
    return CheckedDocument(imported, parse.loads(imported.bibtex(), path))


def load_each(
    paths: Sequence[Path], limit: int = DEFAULT_LIMIT
) -> tuple[list[CheckedDocument], list[InputError]]:
    """Import every document that can be read; return the others' errors."""
    documents, failures = [], []
    for path in paths:
        try:
            documents.append(load(str(path), limit))
        except InputError as error:
            failures.append(error)
    return documents, failures


def relocate(problems: Sequence[Problem], checked: CheckedDocument) -> list[Problem]:
    """Return ``problems`` with the document's moved to where it was written.

    A fix is dropped: it would edit BibTeX the user never saw.
    """
    path = checked.library.path
    by_key = {item.key: item for item in checked.imported.references}
    moved = []
    for problem in problems:
        reference = by_key.get(problem.key or "") if problem.path == path else None
        if reference is None:
            moved.append(problem)
            continue
        start, end = reference.reading.spans.get(
            problem.field or "", (0, len(reference.block.text))
        )
        span = checked.imported.span(reference, start, end)
        moved.append(dataclasses.replace(problem, span=span, fix=None))
    return moved


def written(checked: CheckedDocument, style: render.Style) -> WrittenList:
    """Return the document's references beside the style's printing of them."""
    entries = checked.library.entries
    # One rendering of the whole list keeps year letters (2020a) as printed.
    printed = {
        record["key"]: markdown.inline(record["markdown"], 0)
        for record in json.loads(render.render(entries, style, "json"))
    }
    references = tuple(
        Written(item.key, item.block, printed[item.key].text, printed[item.key].italics)
        for item in checked.imported.references
    )
    rich = checked.imported.document.kind in ("markdown", "docx")
    return WrittenList(checked.imported.document, style.name, rich, references)


def list_problems(
    checked: CheckedDocument, active: Sequence[ActiveRule]
) -> list[Problem]:
    """Return the findings of the active reference-list rules on ``checked``."""
    problems = []
    for item in active:
        if not isinstance(item.rule, ReferenceListRule):
            continue
        style = render.find(str(item.options["style"]))
        findings = item.rule.check(written(checked, style), RuleContext(item.options))
        problems += [_problem(item, finding, checked) for finding in findings]
    return problems


def _problem(item: ActiveRule, finding: Finding, checked: CheckedDocument) -> Problem:
    return Problem(
        path=finding.path or checked.library.path, span=finding.span,
        key=finding.key, field=finding.field, code=item.rule.code,
        rule=item.rule.name, severity=item.severity, message=finding.message,
        fix=None,
    )  # fmt: skip


def finish(
    problems: Sequence[Problem],
    documents: Sequence[CheckedDocument],
    active: Sequence[ActiveRule],
) -> list[Problem]:
    """Return the lint problems moved into the documents, plus the list rules'."""
    moved = list(problems)
    for checked in documents:
        moved = relocate(moved, checked) + list_problems(checked, active)
    moved.sort(key=lambda problem: problem.sort_key)
    return moved

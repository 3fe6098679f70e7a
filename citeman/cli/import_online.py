"""``citeman import --online``: match each reference in Crossref, add certain DOIs.

The matcher and its guarantees are the online layer's (certain matches only,
the cache, the time limit), asked through the rules that use them: CM305
(doi-available) finds the DOI of a reference, then the other online rules
run on the result: CM304 (doi-mismatch) compares the list with the
registered metadata field by field, CM307 names a reference no record
resembles. A wrong year, volume or page range in the list is reported,
never silently corrected.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from citeman import lint, parse, rules
from citeman.cli import online
from citeman.config import ActiveRule, Config
from citeman.importer import checking, run
from citeman.model import Span
from citeman.online.match import (
    Disagreement,
    MatchResult,
    compare,
    is_confident,
    resembles,
)
from citeman.online.reference import from_entry
from citeman.online.resolver import Resolver
from citeman.problem import Problem, Severity


def verify(
    imported: run.ImportedList, config: Config, chosen: online.OnlineOptions
) -> tuple[run.ImportedList, list[Problem], Resolver | None]:
    """Return the list with certain DOIs added, the differences found, the resolver."""
    library = parse.loads(imported.bibtex(), imported.document.path)
    finding = _active(config, "CM305")
    resolver = online.resolve([library], [finding], config, chosen, quiet=True)
    if resolver is None:
        return imported, [], None
    least = float(str(finding.options["min-confidence"]))
    references, near = [], []
    for reference, entry in zip(imported.references, library.entries, strict=True):
        result = None if entry.get("doi") else resolver.match(entry)
        if is_confident(result, least) and result is not None and result.work:
            fields = {**reference.reading.fields, "doi": result.work.doi}
            reading = dataclasses.replace(reference.reading, fields=fields)
            reference = dataclasses.replace(reference, reading=reading)
        elif result is not None and result.work is not None:
            # A near miss is a finding: the list may misquote the work.
            differs = compare(from_entry(entry), result.work)
            if differs and resembles(from_entry(entry), result.work):
                field = {"page": "pages"}.get(differs[0].field, differs[0].field)
                start, end = reference.reading.spans.get(field, (0, 0))
                span = imported.span(reference, start, end)
                near.append(_near_miss(imported, reference.key, span, result, differs))
        references.append(reference)
    matched = dataclasses.replace(imported, references=tuple(references))
    return matched, near + _differences(matched, config, chosen), resolver


def _near_miss(
    imported: run.ImportedList,
    key: str,
    span: Span,
    result: MatchResult,
    differs: Sequence[Disagreement],
) -> Problem:
    """Return the finding for a reference that misquotes the work it resembles."""
    assert result.work is not None
    fields = "; ".join(
        f'{item.field} "{item.entry}" in the list, "{item.registered}" registered'
        for item in differs
    )
    return Problem(
        path=imported.document.path, span=span, key=key, field=None,
        code="CM304", rule="doi-mismatch", severity=Severity.WARNING,
        message=f"the work this resembles (doi {result.work.doi}) differs: {fields}",
        fix=None,
    )  # fmt: skip


def _differences(
    imported: run.ImportedList, config: Config, chosen: online.OnlineOptions
) -> list[Problem]:
    """Return where the list differs from the registered works, in the document."""
    library = parse.loads(imported.bibtex(), imported.document.path)
    # Every other online rule: a DOI's metadata against the list (CM304), a
    # retraction, a reference no record resembles, a published preprint.
    compare = [
        item
        for item in config.active_rules(online=True)
        if item.rule.online and item.rule.code != "CM305"
    ]
    resolver = online.resolve([library], compare, config, chosen, quiet=True)
    problems = lint.lint([library], compare, resolver=resolver)
    checked = checking.CheckedDocument(imported, library)
    return checking.relocate(problems, checked)


def _active(config: Config, code: str) -> ActiveRule:
    """Return rule ``code`` with its configured severity and options."""
    rule = rules.get(code)
    assert rule is not None  # the registry holds every online rule
    configured = [
        item for item in config.active_rules(online=True) if item.rule is rule
    ]
    return (
        configured[0]
        if configured
        else ActiveRule(rule, rule.severity, dict(rule.defaults))
    )


def problem_lines(problems: Sequence[Problem]) -> list[str]:
    """Return one ``PATH:LINE:COLUMN: key: message`` line per difference."""
    return [
        f"{problem.path}:{problem.span.line}:{problem.span.column}: {problem.key}:"
        f" {problem.code} [{problem.rule}] {problem.message}"
        for problem in problems
    ]

"""Library rules see every file checked together, as one bibliography."""

from __future__ import annotations

from citeman import lint, parse, rules
from citeman.config import ActiveRule


def _problems(rule_name: str, *texts: tuple[str, str]) -> list[str]:
    rule = rules.get(rule_name)
    assert rule is not None
    libraries = [parse.loads(text, path) for path, text in texts]
    active = [ActiveRule(rule, rule.severity, dict(rule.defaults))]
    return [
        f"{p.path}:{p.span.line}:{p.span.column} {p.message}"
        for p in lint.lint(libraries, active)
    ]


def test_duplicate_key_across_files_names_the_first_file() -> None:
    found = _problems(
        "duplicate-key",
        ("a.bib", "@article{kopta1994, title = {A}}\n"),
        ("b.bib", "\n@book{Kopta1994, title = {B}}\n"),
    )
    assert found == [
        'b.bib:2:1 key "Kopta1994" differs only in case from "kopta1994" at a.bib:1;'
        " BibTeX treats them as one key; rename one of them"
    ]


def test_duplicate_entry_across_files() -> None:
    found = _problems(
        "duplicate-entry",
        ("a.bib", "@article{a, doi = {10.1037/a1}}\n"),
        ("b.bib", "@article{b, doi = {https://doi.org/10.1037/A1}}\n"),
    )
    assert found == [
        'b.bib:1:1 same work as "a" at a.bib:1 (same DOI);'
        " keep one entry and cite it by one key"
    ]


def test_strings_of_files_checked_before_count_as_bibtex_reads_them() -> None:
    found = _problems(
        "undefined-string",
        ("b.bib", "@article{b, journal = jccp}\n"),
        ("abbrev.bib", '@string{jccp = "J"}\n@string{ieee = "IEEE"}\n'),
        ("biblio.bib", "@article{c, journal = jccp # ieee}\n"),
    )
    assert found == [
        'b.bib:1:23 @string "jccp" is not defined in this file or one checked'
        " before it; define it above its first use"
    ]

"""The registry: every rule citeman has, in code order, and lookup by code or name."""

from __future__ import annotations

from collections.abc import Iterable

from citeman.rules import (
    abbreviated_journal,
    ambiguous_citation,
    article_number,
    author_format,
    citation_author_form,
    citation_not_in_list,
    citation_order,
    citation_year_mismatch,
    commented_field,
    doi_available,
    doi_format,
    doi_in_url,
    doi_mismatch,
    doi_not_found,
    duplicate_entry,
    duplicate_field,
    duplicate_key,
    invalid_key,
    invalid_month,
    issue_field,
    journal_name,
    malformed_concatenation,
    missing_doi,
    missing_field,
    mixed_encoding,
    month_in_number,
    odd_year,
    page_range,
    place_in_publisher,
    placeholder_author,
    published_version,
    reference_not_cited,
    reference_not_found,
    reference_style,
    retracted,
    single_page_range,
    stray_characters,
    string_overflow,
    syntax_error,
    title_case,
    undefined_string,
    unknown_field,
    unrendered_latex,
    unused_suppression,
    work_updated,
)
from citeman.rules.base import AnyRule

#: Every rule, in code order. A new rule is a module and one line here.
ALL: tuple[AnyRule, ...] = tuple(
    sorted(
        (
            syntax_error.RULE,
            missing_doi.RULE,
            odd_year.RULE,
            placeholder_author.RULE,
            place_in_publisher.RULE,
            month_in_number.RULE,
            single_page_range.RULE,
            issue_field.RULE,
            commented_field.RULE,
            page_range.RULE,
            stray_characters.RULE,
            title_case.RULE,
            article_number.RULE,
            author_format.RULE,
            mixed_encoding.RULE,
            unrendered_latex.RULE,
            journal_name.RULE,
            abbreviated_journal.RULE,
            doi_format.RULE,
            doi_in_url.RULE,
            duplicate_entry.RULE,
            duplicate_field.RULE,
            duplicate_key.RULE,
            malformed_concatenation.RULE,
            invalid_key.RULE,
            invalid_month.RULE,
            missing_field.RULE,
            undefined_string.RULE,
            string_overflow.RULE,
            unknown_field.RULE,
            unused_suppression.RULE,
            doi_not_found.RULE,
            doi_mismatch.RULE,
            doi_available.RULE,
            retracted.RULE,
            reference_not_found.RULE,
            published_version.RULE,
            work_updated.RULE,
            citation_not_in_list.RULE,
            reference_not_cited.RULE,
            citation_year_mismatch.RULE,
            citation_author_form.RULE,
            citation_order.RULE,
            ambiguous_citation.RULE,
            reference_style.RULE,
        ),
        key=lambda rule: rule.code,
    )
)

_BY_ID: dict[str, AnyRule] = {rule.code.lower(): rule for rule in ALL} | {
    rule.name: rule for rule in ALL
}


def get(code_or_name: str) -> AnyRule | None:
    """Return the rule with this code (any case) or name, or None."""
    return _BY_ID.get(code_or_name.strip().lower())


def is_known_selector(selector: str) -> bool:
    """Return whether ``selector`` names a rule or is a prefix of some rule code."""
    return any(matches(rule, (selector,)) for rule in ALL)


def matches(rule: AnyRule, selectors: Iterable[str]) -> bool:
    """Return whether any selector is the rule's name, its code, or a code prefix.

    ``ALL`` selects everything; ``CM2`` selects CM201 to CM299.
    """
    for selector in selectors:
        wanted = selector.strip()
        if wanted.upper() == "ALL" or wanted == rule.name:
            return True
        if wanted and rule.code.upper().startswith(wanted.upper()):
            return True
    return False

"""Author and editor lists that BibTeX will misread.

BibTeX separates names with ``and`` and reads each as ``Last, First`` or
``First Last``. Reported in ``author`` and ``editor``:

- names separated by commas (``Smith, J., Jones, K.``: BibTeX sees one person);
  the unsafe fix puts ``and`` between ``Last, Initials`` pairs;
- a suffix written last (``Sherry, John F., Jr.``, ``Henry E. Kyburg, Jr.``):
  BibTeX reads ``Last, Jr, First``; the unsafe fix moves it
  (``Montgomery, {Jr.}, J. A.`` is that form and passes);
- names separated by semicolons (``Reuter, MC; Smith, J``), or a stray ``;``;
- a literal ``et al.``, or ``and others``: APA 7 lists every author up to 20,
  so the reference needs them all (no fix: only the source has the names);
- an ``and`` at the start or end, or doubled (safe fix: remove it);
- an organisation without protecting braces (``World Health Organization``:
  BibTeX takes "Organization" for a family name and abbreviates the rest);
  a name of two or more words holding an organisation word (Organization,
  Association, Society, Institute, Group, Council, University, NHS, …) is
  braced by the unsafe fix. ``{the Helsinki Psychotherapy Study Group}`` passes;
- a group name braced in pieces (``{\\LaTeX} {Project Team}``, ``\\TUG\\ Board``):
  BibTeX reads the last piece as a family name and the rest as given names
  ("Project Team, L."); the unsafe fix braces it whole. A name with nothing
  before the family name (``the {\\LaTeX{} Project Team}``) prints no initials
  and passes;
- a single lower-case letter as a given name or initial (``Mitioglu, a``,
  ``S{\\'a}nchez, a. M.``, as some Zotero exports write them): the reference
  prints "a." (no fix: only the source knows the letter's case). Lower-case
  words (``de``, ``van der``) are particles, and an accent inside the family
  name (``{\\'a}``) is not an initial.

FAIL:
    @article{a, author = {Smith, J., Jones, K.}}
    @techreport{b, author = {World Health Organization}}

PASS:
    @article{a, author = {Smith, J. and Jones, K.}}
    @techreport{b, author = {{World Health Organization}}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.latex import to_text
from citeman.model import Entry, Field
from citeman.names import (
    initials,
    name_bounds,
    separators,
    split_names,
    split_outside_braces,
)
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext

_NAME_FIELDS = ("author", "editor")
_ORGANIZATION_WORDS = frozenset(
    {"Organization", "Organisation", "Association", "Society", "Institute",
     "Institution", "Group", "Council", "Committee", "Agency", "Department",
     "Ministry", "University", "Centre", "Center", "Foundation", "Consortium",
     "NHS", "Collaboration", "Collaborative", "Network", "Commission", "Bureau",
     "Alliance", "Federation", "Academy", "College", "Corporation", "Inc", "Ltd",
     "Initiative", "Programme", "Authority", "Administration", "Laboratory",
     "Office", "Trust", "Board", "Team"}
)  # fmt: skip
#: A comma after a short run of capitals: "Smith J, Jones K" (Vancouver style).
_VANCOUVER_HINT = re.compile(r"\s[A-Z]{1,3}\.?,")
_DOUBLED_AND = re.compile(r"\sand\s+and\s")
_ET_AL = re.compile(r"(?<![\w\\])et\.?\s+al\b\.?", re.IGNORECASE)
#: A suffix after "First Last," (not a lone initial such as V.).
_SUFFIX = re.compile(r"(?:jr|sr|jnr|snr)\.?|ii|iii|iv", re.I)
_JUNIOR = re.compile(r"(?:jr|sr|jnr|snr|i{1,3}|iv|vi?|2nd|3rd|\d+th)\.?", re.I)
_INITIALS = re.compile(r"(?:[A-Z]\.?[\s~-]*)+")
_VANCOUVER = re.compile(r"[A-Z][^\s,]+(?:\s[A-Z][^\s,]+)*\s[A-Z]{1,3}\.?")
#: A lone lower-case letter in the given names: "a", "a. M.", "S.a." (not "Yong-e").
_LOWER_INITIAL = re.compile(r"(?<![^\s~.])[a-z](?![^\s~.-])")
#: Braces and control-word backslashes, read as spaces to see a name's words.
_UNBRACED = re.compile(r"[{}\\]")


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each misread-prone name in the name lists."""
    for name in _NAME_FIELDS:
        field = entry.fields.get(name)
        if field is None or not field.is_delimited or not field.value.strip():
            continue
        yield from _check_list(entry, field)


def _check_list(entry: Entry, field: Field) -> Iterator[Finding]:
    value = field.value
    if _is_plain_list(value):
        return
    bounds = name_bounds(value)
    ands = separators(value)
    if all(start == end for start, end in bounds):
        # Only "and"s (``author = {and}``): nothing to keep, no fix to offer.
        yield Finding(
            field.span_at(0, len(value)),
            f'{field.name} holds no name, only "and"; write the names or remove it',
            entry.key,
            field.name,
        )
        return
    for index, (start, end) in enumerate(bounds):
        if start == end:
            yield _stray_and(entry, field, bounds, ands, index)
            continue
        name = value[start:end]
        if name.lower() == "others" and index:
            yield Finding(
                field.span_at(ands[index - 1][0], end),
                f'list every {field.name} instead of "and others"; APA 7 names '
                "all authors up to 20",
                entry.key,
                field.name,
            )
            continue
        yield from _check_name(entry, field, name, start)


def _stray_and(
    entry: Entry,
    field: Field,
    bounds: list[tuple[int, int]],
    ands: list[tuple[int, int]],
    index: int,
) -> Finding:
    """Report the ``and`` that leaves an empty name, with a fix removing it."""
    if index == 0:
        where, (start, stop) = "at the start of", ands[0]
        remove_end = bounds[1][0] if bounds[1][0] != bounds[1][1] else ands[1][0]
        remove = (start, remove_end)
    elif index == len(bounds) - 1:
        where, (start, stop) = "at the end of", ands[index - 1]
        remove = (bounds[index - 1][1], stop)
    else:
        where, (start, stop) = "doubled in", ands[index]
        remove = (ands[index - 1][1], stop)
    old = field.value[remove[0] : remove[1]]
    return Finding(
        field.span_at(start, stop),
        f'remove the "and" {where} {field.name}; it leaves an empty name',
        entry.key,
        field.name,
        # Unsafe: a safe fix never removes a letter, and "and" is letters.
        Fix(field.name, field.value_offset + remove[0], old, "", safe=False),
    )


def _check_name(entry: Entry, field: Field, name: str, start: int) -> Iterator[Finding]:
    """Check one name of the list, written at ``start`` of the value."""
    et_al = _ET_AL.search(name)
    if et_al:
        yield Finding(
            field.span_at(start + et_al.start(), start + et_al.end()),
            f'list every {field.name} instead of "{et_al.group(0)}"; APA 7 names '
            "all authors up to 20",
            entry.key,
            field.name,
        )
        return
    if _braced_whole(name):
        return
    if _is_plain_name(name):
        return  # the common "Last, First" or "First Last": nothing to misread
    misreading = _misreading(name)
    if misreading is not None:
        message, new = misreading
        fix = None
        if new is not None:
            fix = Fix(field.name, field.value_offset + start, name, new, safe=False)
        span = field.span_at(start, start + len(name))
        yield Finding(span, message, entry.key, field.name, fix)


def _misreading(name: str) -> tuple[str, str | None] | None:
    """Return how BibTeX misreads ``name`` and the name rewritten, if it can be."""
    people = [part.strip() for part in split_outside_braces(name, ";")]
    if len(people) > 1:
        kept = [person for person in people if person]
        if len(kept) == 1:
            return 'remove the stray ";" from the name', kept[0]
        shown = name if len(name) <= 40 else name[:37] + "…"
        return (
            f'separate names with "and", not ";"; BibTeX reads "{shown}" as one name',
            " and ".join(kept),
        )
    parts = [part.strip() for part in split_outside_braces(name, ",")]
    if len(parts) == 2 and _SUFFIX.fullmatch(parts[1]) and " " in parts[0]:
        # "Henry E. Kyburg, Jr.": BibTeX reads "Jr." as the given names.
        given, _, last = parts[0].rpartition(" ")
        new = f"{last}, {parts[1]}, {given}"
        return (f'write "{new}"; BibTeX reads "{parts[1]}" as the given name', new)
    if len(parts) == 3 and _JUNIOR.fullmatch(parts[2]) and parts[1]:
        # "Sherry, John F., Jr.": BibTeX wants "von Last, Jr, First".
        new = f"{parts[0]}, {parts[2]}, {parts[1]}"
        return (
            f'write "{new}"; BibTeX takes the part after the second comma for the '
            "given names",
            new,
        )
    if _is_comma_list(parts):
        shown = name if len(name) <= 40 else name[:37] + "…"
        rewritten = None
        if len(parts) % 2 == 0 and all(_INITIALS.fullmatch(p) for p in parts[1::2]):
            pairs = zip(parts[::2], parts[1::2], strict=True)
            rewritten = " and ".join(f"{last}, {first}" for last, first in pairs)
        return (
            f'separate names with "and", not commas; BibTeX reads "{shown}" as one '
            "name",
            rewritten,
        )
    if len(parts) == 1 and "{" not in name and _is_organization(name):
        return (
            f"brace the organisation name: {{{name}}}; BibTeX reads "
            f'"{name.split()[-1]}" as a family name',
            f"{{{name}}}",
        )
    if len(parts) == 1 and _is_organization(_UNBRACED.sub(" ", name)):
        person = split_names(name)[0]
        if person.first:  # "{\LaTeX} {Project Team}": "Project Team, L."
            shown = f"{to_text(person.last)}, {initials(person.first)}"
            return (
                f"brace the whole group name: {{{name}}}; BibTeX reads it as a "
                f'person and prints "{shown}"',
                f"{{{name}}}",
            )
    lower = _LOWER_INITIAL.search(parts[-1]) if len(parts) in (2, 3) else None
    if lower is not None:
        return (
            f'capitalise the initial in "{name}"; a lower-case given name prints '
            f'as "{lower.group(0)}."',
            None,
        )
    return None


def _is_plain_list(value: str) -> bool:
    """Return whether a list surely has nothing to report (most lists).

    Only substring tests and one short regex: this runs on every entry.
    """
    lowered = value.lower()
    if "others" in lowered or "et al" in lowered or "et. al" in lowered:
        return False
    edges = lowered.strip()
    if edges == "and" or edges.startswith(("and ", "and\t", "and\n")):
        return False
    if edges.endswith((" and", "\tand", "\nand")) or _DOUBLED_AND.search(lowered):
        return False
    return all(_is_plain_name(name) for name in value.split(" and "))


def _is_plain_name(name: str) -> bool:
    """Return whether one name surely reads right: ``Last, First`` or ``First Last``."""
    if ";" in name:
        return False
    commas = name.count(",")
    if commas == 1:
        suffix = name.rsplit(",", 1)[1].strip()
        return (
            _VANCOUVER_HINT.search(name) is None
            and not _SUFFIX.fullmatch(suffix)
            and _LOWER_INITIAL.search(suffix) is None
        )
    if commas == 0:
        words = _UNBRACED.sub(" ", name.replace(".", " ")).split()
        return _ORGANIZATION_WORDS.isdisjoint(words)
    return False


def _braced_whole(name: str) -> bool:
    """Return whether ``name`` is one braced group: ``{{A} B}``, not ``{A} {B}``."""
    if not (name.startswith("{") and name.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(name):
        depth += (char == "{") - (char == "}")
        if depth == 0:
            return index == len(name) - 1
    return False


def _is_comma_list(parts: list[str]) -> bool:
    """Return whether a name's comma-separated parts are really several names."""
    if len(parts) >= 4:
        return True
    if len(parts) == 3:
        # "Montgomery, {Jr.}, J. A." is BibTeX's von Last, Jr, First.
        return not _JUNIOR.fullmatch(parts[1].strip("{}"))
    return len(parts) == 2 and all(_VANCOUVER.fullmatch(part) for part in parts)


def _is_organization(name: str) -> bool:
    """Return whether an unbraced name of two or more words looks like a body."""
    words = name.replace("~", " ").split()
    return len(words) >= 2 and any(
        word.strip(".,()&") in _ORGANIZATION_WORDS for word in words
    )


RULE = EntryRule(
    code="CM204",
    name="author-format",
    summary="names BibTeX will misread: commas or semicolons instead of and, et al., "
    "and others, a stray and, First Last, Jr., an organisation without braces",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes='a stray "and" removed (unsafe); commas between "Last, Initials" pairs '
    'and semicolons replaced by "and", "First Last, Jr." rewritten "Last, Jr., '
    'First", organisation names braced (unsafe)',
    check=check,
)

"""A LaTeX command in a printed field that no style can render.

``citeman render`` decodes field values with its LaTeX layer: logos, accents,
font commands, math, ``\\ch`` and siunitx units print as they should. A command
the layer does not know (a macro from a document's preamble, a typo such as
``\\emhp``) cannot be printed faithfully: its argument is printed as plain text,
or its name when it has none, and this rule names it so that the entry can be
written in standard LaTeX or Unicode. Only the fields a reference prints are
read; URLs, keys and notes are not.

FAIL:
    @article{knuth1984, title = {Literate programming with \\WEBtool}}

PASS:
    @article{knuth1984, title = {Literate programming with {\\TeX} and \\emph{WEB}}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.latex import decode
from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext

#: The fields a reference prints (the styles read no others).
PRINTED = (
    "author", "editor", "translator", "title", "subtitle", "booktitle", "maintitle",
    "journal", "journaltitle", "publisher", "institution", "school", "organization",
    "howpublished", "series", "edition", "volume", "number", "type", "eventtitle",
    "venue", "address", "location", "chapter", "pages", "year", "date",
)  # fmt: skip
_ORDER = {name: index for index, name in enumerate(PRINTED)}


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield one finding per unknown command in each printed field."""
    # The printed fields with a command, in the order of PRINTED: most
    # entries have none, and hold fewer fields than PRINTED names.
    named = [
        field
        for field in entry.fields.values()
        if "\\" in field.value and field.name in _ORDER
    ]
    if len(named) > 1:
        named.sort(key=lambda field: _ORDER[field.name])
    for field in named:
        name = field.name
        for command in decode(field.value).unknown:
            found = re.search(rf"\\{re.escape(command)}(?![A-Za-z])", field.value)
            start, end = (found.start(), found.end()) if found else (0, 0)
            yield Finding(
                field.span_at(start, end),
                f'"\\{command}" is not LaTeX that citeman can render; write it in '
                "standard LaTeX or Unicode (its argument is printed as plain text)",
                entry.key,
                name,
            )


RULE = EntryRule(
    code="CM210",
    name="unrendered-latex",
    summary="a LaTeX command in a printed field that no style can render",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)

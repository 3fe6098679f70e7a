"""An entry key that cannot be cited: empty, or holding a space or a delimiter.

``\\cite{…}`` names an entry by its key. An empty key cannot be named at all;
BibTeX reads a key up to the first space or comma, and braces, quotes, ``#``,
``%`` or a backslash in a key break the ``\\cite`` command or the ``.bbl``
file. Use letters, digits and ``-_:.+/``.

FAIL:
    @article{kopta 1994, title = {Patterns}}

PASS:
    @article{kopta1994, title = {Patterns}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.model import Entry
from citeman.printable import visible
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext

_FORBIDDEN = re.compile(r'[\s,{}"#%\\=~]|[\x00-\x1f\x7f]')


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding for an empty key or one holding a character BibTeX stops at."""
    if not entry.key:
        yield Finding(
            entry.span,
            f"@{entry.type} has an empty key; no \\cite can name it, give it one",
        )
        return
    found = _FORBIDDEN.search(entry.key)
    if found:
        shown = visible(found.group()) if found.group() != " " else "a space"
        yield Finding(
            entry.span,
            f'key "{entry.key}" holds {shown}; BibTeX and \\cite cannot read it, '
            "use letters, digits and -_:.+/",
            key=entry.key,
        )


RULE = EntryRule(
    code="CM007",
    name="invalid-key",
    summary="an entry key that is empty or holds a space, comma, brace, quote, #, % "
    "or backslash",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)

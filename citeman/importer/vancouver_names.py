"""Read Vancouver names: ``Family AB, Family CD, et al.`` (initials without periods)."""

from __future__ import annotations

import re

from citeman.importer import escape

#: One person: family name, a space, up to four initials.
NAME = re.compile(r"(?P<family>[^\W\d_][\w'’ -]*?) (?P<initials>[A-Z]{1,4})$")


def names_of(written: str) -> list[str]:
    """Return ``Family AB, …, et al.`` as BibTeX names (groups braced)."""
    names = []
    for part in written.strip().rstrip(".").split(", "):
        if part.strip() == "et al":
            names.append("others")
            continue
        found = NAME.match(part.strip())
        if found is None:
            names.append("{" + escape.latex(part.strip()) + "}")
            continue
        initials = " ".join(f"{letter}." for letter in found["initials"])
        names.append(f"{escape.latex(found['family'])}, {initials}")
    return names

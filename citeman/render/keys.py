"""Give every rendered entry a key of its own, even when the library repeats one.

A key names a reference twice in the output: its year letter (``2020a``) is
looked up by key, and HTML gives each reference ``id="ref-<key>"``. Two entries
with one key would share both (``2020b`` twice, two equal ids). ``check``
reports the duplicate (CM002) and ``render`` warns of it; here the second and
later entries are renamed ``smith-2``, ``smith-3`` for the output only.
"""

from __future__ import annotations

from collections.abc import Sequence

from citeman.model import Entry


def distinct(
    entries: Sequence[Entry], library: Sequence[Entry]
) -> tuple[list[Entry], list[Entry]]:
    """Return ``entries`` and ``library`` with repeated keys made unique.

    An entry keeps its identity across both lists (the same renamed object in
    each), since the caller tells a chosen subset from the whole by identity.
    """
    pool = library or entries
    taken = {entry.key for entry in pool}
    seen: set[str] = set()
    renamed: dict[int, Entry] = {}
    for entry in pool:
        if entry.key not in seen:
            seen.add(entry.key)
            continue
        number = 2
        while f"{entry.key}-{number}" in taken:
            number += 1
        taken.add(f"{entry.key}-{number}")
        renamed[id(entry)] = entry._replace(key=f"{entry.key}-{number}")
    if not renamed:
        return list(entries), list(library)
    chosen = [renamed.get(id(entry), entry) for entry in entries]
    return chosen, [renamed.get(id(entry), entry) for entry in library]

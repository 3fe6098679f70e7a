"""Base letters for alphabetising: the precomputed table is DUCET's answer."""

from __future__ import annotations

from citeman import collation
from citeman.base_letters import FILED_UNDER


def test_the_precomputed_table_is_what_ducet_gives() -> None:
    fresh = collation.precomputed()
    listing = "\n".join(f"    {key!r}: {chars!r}," for key, chars in fresh.items())
    assert fresh == FILED_UNDER, f"paste into citeman/base_letters.py:\n{listing}"


def test_letters_beyond_the_table_still_come_from_ducet() -> None:
    # Mathematical bold capital A (U+1D400) lies beyond the Basic Multilingual
    # Plane: the collator files it under a.
    assert collation.base_letters("\U0001d400") == "a"
    assert collation.base_letters("\u00f8") == "o"
    assert collation.base_letters("\u0142") == "l"
    assert collation.base_letters("\u00fe") == "\u00fe"

"""missing-field summarises only the fields an entry holds, as a full reading."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from citeman import parse
from citeman.inheritance import parent_keys
from citeman.model import Entry
from citeman.rules import missing_field
from citeman.rules.base import RuleContext

_NAMES = ["title", "crossref", "xdata", "pubstate", "entrysubtype", "year", "volume"]
_VALUES = [
    "",
    " ",
    "{}",
    "x",
    "a, b",
    " , A ",
    "inpress",
    "newspaper",
    "2020",
    "in press",
]


def _read_fully(entry: Entry) -> missing_field.Fields:
    """The summary as read before the shortcuts: every link and field looked up."""
    present = frozenset(
        name
        for name, found in entry.fields.items()
        if missing_field._filled(found.value)
    )
    exempt = (
        missing_field._filled(entry.get("pubstate"))
        or entry.get("entrysubtype").strip() == "newspaper"
        or (bool(entry.get("year").strip()) and not entry.get("year").strip().isdigit())
    )
    return missing_field.Fields(
        present,
        tuple(parent_keys(entry, "xdata")),
        tuple(parent_keys(entry, "crossref")),
        exempt,
    )


@given(
    st.sampled_from(["article", "book", "inproceedings"]),
    st.dictionaries(st.sampled_from(_NAMES), st.sampled_from(_VALUES), max_size=6),
)
def test_the_summary_is_the_full_reading(kind: str, fields: dict[str, str]) -> None:
    written = ", ".join(f"{name} = {{{value}}}" for name, value in fields.items())
    (entry,) = parse.loads(f"@{kind}{{k, {written}}}").entries
    assert missing_field.summarise(entry, RuleContext({})) == _read_fully(entry)

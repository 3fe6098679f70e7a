"""What reading one reference yields: an entry type, fields, and what went wrong."""

from __future__ import annotations

from dataclasses import dataclass, field

from citeman.importer.escape import latex


@dataclass(frozen=True, slots=True)
class Trouble:
    """A part of a reference that could not be read, at ``text[start:end]``."""

    start: int
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class Title:
    """The title element: where the title is, its bracketed description, italics.

    ``italic`` is None when the document cannot show italics (plain text).
    """

    start: int
    end: int
    description: str
    italic: bool | None


@dataclass(frozen=True, slots=True)
class Reading:
    """One reference as read: entry type, fields in order, and their spans.

    ``spans`` gives, per field, where in the reference's text its value was
    written; ``troubles`` what could not be placed (also kept in ``note``).
    """

    type: str
    fields: dict[str, str]
    spans: dict[str, tuple[int, int]]
    troubles: tuple[Trouble, ...]
    confidence: float


@dataclass
class Draft:
    """A reading under construction: the parser's scratch pad.

    Mutable on purpose: a reference is read element by element, each step adding
    the fields it recognised; :meth:`finish` returns the frozen :class:`Reading`.
    """

    type: str = "misc"
    fields: dict[str, str] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    troubles: list[Trouble] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    doubt: float = 0.0

    def put(self, name: str, value: str, start: int, end: int) -> None:
        """Set field ``name`` to ``value``, written at ``text[start:end]``."""
        if value:
            self.fields[name] = value
            self.spans[name] = (start, end)

    def trouble(self, text: str, start: int, end: int, message: str) -> None:
        """Record that ``text[start:end]`` could not be placed; keep it for ``note``."""
        part = text[start:end].strip()
        self.troubles.append(Trouble(start, end, message))
        if part:
            self.unplaced.append(part)

    def finish(self) -> Reading:
        """Return the reading, the unplaced parts in ``note``."""
        fields = dict(self.fields)
        if self.unplaced:
            fields["note"] = latex("; ".join(self.unplaced))
        confidence = max(0.0, 1.0 - self.doubt - 0.25 * len(self.troubles))
        return Reading(
            self.type, fields, dict(self.spans), tuple(self.troubles),
            round(confidence, 2),
        )  # fmt: skip

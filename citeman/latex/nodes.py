"""What decoded LaTeX is made of: marked text segments and math runs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Mark(StrEnum):
    """How a run of text is set; each output format spells these its own way."""

    ITALIC = "italic"
    BOLD = "bold"
    SMALLCAPS = "smallcaps"
    MONO = "mono"
    SUB = "sub"
    SUP = "sup"


NO_MARKS: frozenset[Mark] = frozenset()


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of decoded text set one way (``marks`` empty: upright roman)."""

    text: str
    marks: frozenset[Mark] = NO_MARKS


@dataclass(frozen=True, slots=True)
class Math:
    """A math run: its decoded pieces, and its TeX source for formats that keep it.

    ``is_known`` is false when the source uses a command the layer does not know;
    such a source is never copied into LaTeX output (it could run anything).
    """

    source: str
    segments: tuple[Segment, ...]
    is_known: bool


Node = Segment | Math


@dataclass(frozen=True, slots=True)
class Decoded:
    """A field value decoded: as nodes for markup, as plain text, and what is unknown.

    ``text`` is what a reader sees without typography (``Cu2O``, one space between
    words); ``unknown`` names each command the layer could not interpret, in order
    of first appearance (their arguments are in ``text``).
    """

    nodes: tuple[Node, ...]
    text: str
    unknown: tuple[str, ...]

    @property
    def is_plain(self) -> bool:
        """Return whether nothing in the value is marked (italic, sub, math …)."""
        return all(isinstance(node, Segment) and not node.marks for node in self.nodes)

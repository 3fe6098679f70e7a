"""What a command that takes arguments prints, once they are read.

Each closer gets the command's frame and the arguments read: possibly fewer
than the command asked for, when the value ended or a group closed around it
(``\\frac{a}``, ``{\\sqrt}``), which is never an error.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from citeman.latex import tables
from citeman.latex.nodes import Node, Segment
from citeman.latex.scanner import Frame


def text_of(nodes: list[Node]) -> str:
    return "".join(
        node.text
        if isinstance(node, Segment)
        else "".join(s.text for s in node.segments)
        for node in nodes
    )


def joined_args(frame: Frame, args: list[list[Node]]) -> list[Node]:
    """Print the arguments one after the other, as they are."""
    return [node for arg in args for node in arg]


def nothing(frame: Frame, args: list[list[Node]]) -> list[Node]:
    return []


def named(name: str, frame: Frame, args: list[list[Node]]) -> list[Node]:
    """An unknown command prints its argument, or its own name when that is empty."""
    nodes = joined_args(frame, args)
    return nodes if text_of(nodes).strip() else [Segment(name, frame.marks)]


def accent(name: str, frame: Frame, args: list[list[Node]]) -> list[Node]:
    """Put the accent on the first letter of the argument (``\\'\\i`` is í)."""
    nodes = joined_args(frame, args)
    for index, node in enumerate(nodes):
        if isinstance(node, Segment) and node.text:
            base = {"ı": "i", "ȷ": "j"}.get(node.text[0], node.text[0])
            accented = unicodedata.normalize("NFC", base + tables.ACCENTS[name])
            nodes[index] = Segment(accented + node.text[1:], node.marks)
            return nodes
    return [Segment(tables.SPACING_ACCENTS.get(name, ""), frame.marks)]


def case(
    change: Callable[[str], str], frame: Frame, args: list[list[Node]]
) -> list[Node]:
    return [
        Segment(change(node.text), node.marks) if isinstance(node, Segment) else node
        for node in joined_args(frame, args)
    ]


def around(before: str, after: str, frame: Frame, args: list[list[Node]]) -> list[Node]:
    """Print the arguments between ``before`` and ``after``, between each a space."""
    nodes: list[Node] = [Segment(before, frame.marks)]
    for index, arg in enumerate(args):
        if index:
            nodes.append(Segment(" ", frame.marks))
        nodes.extend(arg)
    nodes.append(Segment(after, frame.marks))
    return nodes


def joined(separator: str, frame: Frame, args: list[list[Node]]) -> list[Node]:
    nodes: list[Node] = []
    for index, arg in enumerate(args):
        if index:
            nodes.append(Segment(separator, frame.marks))
        nodes.extend(arg)
    return nodes


def swapped(frame: Frame, args: list[list[Node]]) -> list[Node]:
    r"""``\switchargs{--90}{1968}`` (a BibTeX trick for sorting) prints 1968--90."""
    return [node for arg in reversed(args) for node in arg]


def root(frame: Frame, args: list[list[Node]]) -> list[Node]:
    """``\\sqrt{x}`` is √x; a longer radicand is bracketed, none is a bare √."""
    nodes = joined_args(frame, args)
    text = text_of(nodes).strip()
    if len(text) <= 1:
        return [Segment("√", frame.marks), *nodes]
    return [Segment("√(", frame.marks), *nodes, Segment(")", frame.marks)]


def ordinal(frame: Frame, args: list[list[Node]]) -> list[Node]:
    text = text_of(joined_args(frame, args)).strip()
    if not text.isdigit():
        return joined_args(frame, args)
    number = int(text)
    suffix = (
        "th"
        if 10 <= number % 100 <= 20
        else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return [Segment(f"{text}{suffix}", frame.marks)]


def quantity(range_: bool, frame: Frame, args: list[list[Node]]) -> list[Node]:
    """``\\SI{3}{\\kelvin}`` is 3 K; ``\\SIrange{1}{2}{\\K}`` is 1–2 K."""
    numbers = args[:2] if range_ else args[:1]
    units = args[2:] if range_ else args[1:]
    nodes = joined("–", frame, numbers)
    for unit in units:
        text = text_of(unit)
        if text and not text.startswith(("°", "%", "′", "″")):
            nodes.append(Segment(" ", frame.marks))
        nodes.extend(unit)
    return nodes

"""Decode one field value's LaTeX into marked segments, in a single pass.

Why hand-written rather than pylatexenc: bibliographies use a small, known set of
commands, and every command of every value goes through here on ``check`` and
``render``. pylatexenc's general macro engine was the slowest step of both, it
raised on ``\\href{…}{…}``, ``\\verb`` or a bare ``\\sqrt`` (issue 9, C1), and it
recursed once per brace level (C2). This scanner reads tokens with one regular
expression and keeps its nesting in an explicit stack of frames, so a hostile
value can neither raise nor blow the Python stack; the tables say what each
command prints (:mod:`citeman.latex.tables`) and the arguments of the commands
that take some are handled in :mod:`citeman.latex.commands`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from citeman.latex.chemistry import formula
from citeman.latex.nodes import NO_MARKS, Mark, Math, Node, Segment

#: A control word (with biblatex's star) or symbol; a group or math delimiter or
#: script; or a run of ordinary text.
_TOKEN = re.compile(r"\\([A-Za-z@]+\*?|.?)|([{}$~^_])|([^\\{}$~^_]+)", re.DOTALL)
_SPACES = re.compile(r"\s*")
_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"))

TEXT, MATH, UNITS, CHEM = "text", "math", "units", "chem"
_MATH_ENDS = ("$", "$$", ")", "]")
_MATH_TAILS = ("$$", "$", "\\)", "\\]")

#: What a command with arguments does once they are read: its output.
Closer = Callable[["Frame", list[list[Node]]], list[Node]]


@dataclass(slots=True, eq=False)
class Frame:
    """One open level: a ``{…}`` group, a math run, or a command reading arguments.

    A command frame (``needed`` > 0) collects whole arguments in ``args``; the
    other frames collect nodes in ``pieces``. ``marks`` and ``mode`` are those of
    the text read inside (for a command, of the argument being read).
    """

    end: str
    marks: frozenset[Mark]
    mode: str
    closer: Closer | None = None
    needed: int = 0
    args: list[list[Node]] = field(default_factory=list)
    pieces: list[Node] = field(default_factory=list)
    start: int = 0
    known: bool = True
    #: Units mode: whether the last thing printed was a unit (the next needs a space).
    gap: bool = False
    #: Per argument after the first: (marks, mode) to switch to.
    later: list[tuple[frozenset[Mark], str]] = field(default_factory=list)
    name: str = ""


def ligatures(text: str) -> str:
    """Return ``text`` with TeX's dash and quote ligatures as the characters they print.

    >>> ligatures("1--2, ``a''")
    '1–2, “a”'
    """
    for ligature, char in _LIGATURES:
        if ligature[0] in text:
            text = text.replace(ligature, char)
    return text


class Scanner:
    """The state of decoding one value: source, position, open frames, unknowns."""

    def __init__(self, value: str) -> None:
        """Start reading ``value`` in text mode."""
        self.value = value
        self.pos = 0
        self.stack: list[Frame] = [Frame("", NO_MARKS, TEXT)]
        self.unknown: list[str] = []
        #: How many open frames each delimiter closes (finds a stray ``}`` at once).
        self.open_ends: dict[str, int] = {}

    @property
    def top(self) -> Frame:
        """Return the innermost open frame."""
        return self.stack[-1]

    def run(self, command: Callable[[Scanner, str], None]) -> list[Node]:
        """Read the whole value; ``command`` handles each control sequence."""
        value = self.value
        stack = self.stack  # its last frame is ``top`` (read inline: per token)
        while self.pos < len(value):
            if stack[-1].needed:
                self.pos = _SPACES.match(value, self.pos).end()  # type: ignore[union-attr]
                if self.pos >= len(value):
                    break
            found = _TOKEN.match(value, self.pos)
            assert found is not None  # the three alternatives cover any character
            name, special, text = found.groups()
            if text is not None:
                self._text(text)
            elif special is not None:
                self.pos = found.end()
                self._special(special)
            else:
                self.pos = found.end()
                command(self, name)
        while len(self.stack) > 1:
            self.close()
        return self.stack[0].pieces

    def _text(self, text: str) -> None:
        top = self.stack[-1]
        if top.needed:
            # An undelimited argument is one character.
            text = text[0]
        self.pos += len(text)
        if top.mode == TEXT:
            self.deliver([Segment(ligatures(text), top.marks)])
        elif top.mode == CHEM:
            self.deliver(formula(text, top.marks))
        elif top.mode == MATH:
            self.deliver([Segment(text.replace("'", "′"), top.marks)])
        else:
            top.gap = False
            self.deliver([Segment(text, top.marks)])

    def _special(self, char: str) -> None:
        top = self.stack[-1]
        if char == "{":
            self.open(Frame("}", top.marks, top.mode))
        elif char == "}":
            self.close_to("}")
        elif char == "$":
            self._dollar()
        elif char == "~":
            self.deliver([Segment(" ", top.marks)])
        elif top.mode in (MATH, CHEM):
            mark = Mark.SUP if char == "^" else Mark.SUB
            self.push(_script, 1, top.marks | {mark}, top.mode)
        else:
            self.deliver([Segment(char, top.marks)])

    def _dollar(self) -> None:
        end = self.top_math_end()
        double = self.value.startswith("$", self.pos)
        if end in ("$", "$$"):
            self.pos += end == "$$" and double
            self.close_to(end)
        else:
            self.pos += double
            self.open_math("$$" if double else "$")

    def top_math_end(self) -> str:
        """Return the delimiter that closes the innermost open math run, or ""."""
        if not any(self.open_ends.get(end) for end in _MATH_ENDS):
            return ""
        for frame in reversed(self.stack):
            if frame.mode == MATH and frame.end in _MATH_ENDS:
                return frame.end
        return ""

    def open_math(self, end: str) -> None:
        """Open a math run that ``end`` closes (``$``, ``$$``, ``)`` or ``]``)."""
        self.open(Frame(end, self.top.marks, MATH, start=self.pos))

    def open(self, frame: Frame) -> None:
        """Make ``frame`` the innermost one."""
        self.stack.append(frame)
        self.open_ends[frame.end] = self.open_ends.get(frame.end, 0) + 1

    def push(
        self, closer: Closer, needed: int, marks: frozenset[Mark] | None = None,
        mode: str | None = None, later: list[tuple[frozenset[Mark], str]] | None = None,
        name: str = "",
    ) -> None:  # fmt: skip
        """Open a command frame that reads ``needed`` arguments, then ``closer``."""
        top = self.top
        self.open(
            Frame(
                "",
                top.marks if marks is None else marks,
                top.mode if mode is None else mode,
                closer,
                needed,
                later=later or [],
                name=name,
            )
        )

    def deliver(self, nodes: Sequence[Node]) -> None:
        """Add ``nodes`` to the innermost frame; finish commands that are complete."""
        stack = self.stack
        while True:
            top = stack[-1]
            if not top.needed:
                _extend(top, nodes)
                return
            top.args.append(list(nodes))
            if len(top.args) < top.needed:
                if top.later:
                    top.marks, top.mode = top.later.pop(0)
                return
            self.stack.pop()
            self.open_ends[""] -= 1
            if not top.known:
                self.top.known = False
            nodes = self._finish(top)

    def close_to(self, end: str) -> None:
        """Close frames up to the innermost one ``end`` closes; ignore a stray one."""
        if not self.open_ends.get(end):
            return
        while self.top.end != end:
            self.close()
        self.close(delimited=True)

    def close(self, delimited: bool = False) -> None:
        """Close the innermost frame with what it has, passing its output out.

        A math run not closed by its own delimiter (``{$x}``) is never copied
        as source: its braces would not balance.
        """
        frame = self.stack.pop()
        self.open_ends[frame.end] = self.open_ends.get(frame.end, 1) - 1
        if not frame.known:
            self.top.known = False
        if frame.needed:
            nodes = self._finish(frame)
        elif frame.mode == MATH and frame.end in _MATH_ENDS:
            source = self.value[frame.start : self.pos]
            for tail in _MATH_TAILS:
                if source.endswith(tail):
                    source = source[: -len(tail)]
                    break
            segments = tuple(_flatten(frame.pieces))
            nodes = [Math(source, segments, frame.known and delimited)]
        else:
            nodes = frame.pieces
        self.deliver(nodes)

    def _finish(self, frame: Frame) -> list[Node]:
        assert frame.closer is not None  # every command frame has one
        return frame.closer(frame, frame.args)

    def remember_unknown(self, name: str) -> None:
        """Note that ``name`` is a command this layer does not know."""
        if name not in self.unknown:
            self.unknown.append(name)
        # Closing frames pass this outwards, up to any math run around it.
        self.top.known = False


def _script(frame: Frame, args: list[list[Node]]) -> list[Node]:
    """Close a sub- or superscript; ``^\\circ`` is a degree sign."""
    nodes = [node for arg in args for node in arg]
    if len(nodes) == 1 and isinstance(nodes[0], Segment) and nodes[0].text == "∘":
        return [Segment("°", frame.marks - {Mark.SUP})]
    return nodes


def _extend(frame: Frame, nodes: Sequence[Node]) -> None:
    """Append ``nodes`` to ``frame`` (math inside math joins it); drop empty text.

    Runs set alike are merged once, at the end (:func:`citeman.latex.merge`):
    merging here would copy a long value's text once per token.
    """
    pieces = frame.pieces
    for node in nodes:
        if isinstance(node, Math):
            if frame.mode == MATH:
                pieces.extend(node.segments)
            else:
                pieces.append(node)
        elif node.text:
            pieces.append(node)


def _flatten(nodes: list[Node]) -> list[Segment]:
    flat: list[Segment] = []
    for node in nodes:
        flat.extend(node.segments if isinstance(node, Math) else (node,))
    return flat

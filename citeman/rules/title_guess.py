"""Judge a title where its entry is read, before the library's census is known.

What CM202 says of a title (message and fix) depends on the library's casing
(:class:`~citeman.text.Casing`: its proper nouns, common and plain words, its
style) only through a few questions such as "is *muonium* one of the
library's proper nouns?". The per-entry summary (on a worker process, in
parallel) judges the title against a casing that answers every such
question "no" and notes the questions. The aggregate step, which alone knows
the real casing, puts the same questions to it: when every answer is the
same, the summary's verdict is exactly what it would have worked out itself
(the judgement is a pure function of the title and those answers), and it
judges the title itself only otherwise. The costly part of CM202 (recasing
tens of thousands of titles) thereby runs in parallel with the parse, and
the serial aggregate step mostly looks words up in sets.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Set

from citeman.text import Casing

#: The questions asked of a casing, each with the words it was asked about:
#: ``("proper", ("muonium",))``, ``("plain-proper", …)`` for a word looked up
#: in ``casing.plain - casing.proper``, ``("style", ("title",))`` for a
#: comparison of ``casing.style`` with "title".
Asked = tuple[tuple[str, tuple[str, ...]], ...]
#: The questions asked so far, by question, in the order asked.
_Notes = dict[str, list[str]]


class _Absent(frozenset[str]):
    """A word list holding no word that notes every word looked up in it.

    It counts as non-empty (``if not proper`` is a shortcut for a list that
    holds none of the words asked about, which this one also is); the
    difference of two such lists notes its lookups under both names.
    """

    question: str
    notes: _Notes

    def __new__(cls, question: str, notes: _Notes) -> _Absent:
        made = super().__new__(cls)
        made.question = question
        made.notes = notes
        return made

    def __contains__(self, word: object) -> bool:
        self.notes.setdefault(self.question, []).append(sys.intern(str(word)))
        return False

    def __sub__(self, other: Set[object]) -> _Absent:
        if not isinstance(other, _Absent) or "-" in other.question:
            raise TypeError("only a plain noted word list can be taken away")
        return _Absent(f"{self.question}-{other.question}", self.notes)

    def __bool__(self) -> bool:
        return True


def _refused(*args: object, **kwargs: object) -> None:
    """Fail loudly: an answer the notes would not show (a cache's hash, a union)."""
    raise TypeError("a noted word list only answers `in`, `-` and `bool`")


# Whatever else a casing's judgement might do with its lists would go unnoted
# and make a verdict wrong: it fails instead (the tests run every judgement).
for _name in (
    "__iter__",
    "__len__",
    "__hash__",
    "__or__",
    "__and__",
    "__xor__",
    "__ror__",
    "__rand__",
    "__rxor__",
    "__rsub__",
    "__le__",
    "__lt__",
    "__ge__",
    "__gt__",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "isdisjoint",
    "issubset",
    "issuperset",
    "copy",
):
    setattr(_Absent, _name, _refused)  # fmt: skip


class _Style(str):
    """The empty style (a library of both styles) that notes every comparison."""

    notes: _Notes

    def __eq__(self, other: object) -> bool:
        self.notes.setdefault("style", []).append(str(other))
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__


def noted(words: Set[str], looked_up: Iterable[str]) -> bool:
    """Note ``looked_up`` as looked up in ``words`` if it is a noting list.

    Return whether it is: it then holds none of them, and the caller knows
    every answer without asking each word (as ``in`` would, word by word).
    """
    if not isinstance(words, _Absent):
        return False
    words.notes.setdefault(words.question, []).extend(map(sys.intern, looked_up))
    return True


def noting(notes: _Notes) -> Casing:
    """Return a casing that knows no word nor style, noting questions in ``notes``."""
    style = _Style("")
    style.notes = notes
    return Casing(
        _Absent("proper", notes), _Absent("common", notes), _Absent("plain", notes),
        style,
    )  # fmt: skip


def asked(notes: _Notes) -> Asked:
    """Return the questions in ``notes``, each word once."""
    return tuple(
        (question, tuple(dict.fromkeys(words))) for question, words in notes.items()
    )


class Answers:
    """Puts noted questions to a library's real casing."""

    def __init__(self, casing: Casing) -> None:
        self.casing = casing
        self._lists: dict[str, Set[str]] = {
            "proper": casing.proper, "common": casing.common, "plain": casing.plain,
        }  # fmt: skip

    def agree(self, questions: Asked) -> bool:
        """Return whether the casing answers ``questions`` as :func:`noting`'s did."""
        for question, words in questions:
            if question == "style":
                style = self.casing.style
                if any((style == word) != (word == "") for word in words):
                    return False
            elif not self._list(question).isdisjoint(words):
                return False
        return True

    def _list(self, question: str) -> Set[str]:
        """Return the word list a question looked words up in (worked out once)."""
        found = self._lists.get(question)
        if found is None:
            first, *others = question.split("-")
            found = frozenset(self._lists[first]).difference(
                *(self._lists[other] for other in others)
            )
            self._lists[question] = found
        return found

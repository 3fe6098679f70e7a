"""Whether two titles, journal names or family names name the same thing.

Citations and registered records spell the same work differently: case,
accents, punctuation, a dropped subtitle, an abbreviated journal, "The" in front.
These comparisons fold all that away and nothing more, so that a review and
its protocol, or a paper and its correction, still differ.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from citeman.online.reference import normalise

#: Titles this similar (0–1, after folding case and punctuation) read the same.
TITLE_SIMILARITY = 0.9
#: Words that make a near-identical title another publication.
_OTHER_KINDS = frozenset(
    {
        "protocol", "erratum", "correction", "corrigendum", "retraction", "retracted",
        "reply", "comment", "commentary", "response", "editorial", "addendum",
        "withdrawn",
    }
)  # fmt: skip


def is_same_title(cited: str, registered: str) -> bool:
    """Return whether two titles name the same work.

    They must read alike, and neither may carry a word marking another kind
    of publication (``protocol``, ``correction``, ``reply``…) that the other
    lacks: a review and its protocol can share all other words.

    >>> is_same_title("A scoping review", "A scoping review protocol")
    False
    """
    if title_similarity(cited, registered) < TITLE_SIMILARITY:
        return False
    ours, theirs = set(normalise(cited).split()), set(normalise(registered).split())
    return not (ours ^ theirs) & _OTHER_KINDS


def title_similarity(cited: str, registered: str) -> float:
    """Return how alike two titles read, 0–1, ignoring case, accents and punctuation.

    A citation that drops the registered subtitle still reads the same.

    >>> title_similarity("Patterns of Recovery", "patterns of recovery: a study")
    1.0
    """
    ours, theirs = normalise(cited), normalise(registered)
    ratios = [SequenceMatcher(None, ours, theirs).ratio()]
    if ":" in registered and ":" not in cited:
        main = normalise(registered.split(":", 1)[0])
        ratios.append(SequenceMatcher(None, ours, main).ratio())
    return round(max(ratios), 3)


def is_same_container(cited: str, registered: str) -> bool:
    """Return whether two journal names are the same, abbreviations allowed.

    >>> is_same_container("J Consult Clin Psychol",
    ...                   "Journal of Consulting and Clinical Psychology")
    True
    >>> is_same_container("BMJ Open", "BMC Medicine")
    False
    """
    ours, theirs = normalise(cited).split(), normalise(registered).split()
    if ours == theirs:
        return True
    short, full = sorted((ours, theirs), key=len)
    full = [word for word in full if word not in {"of", "and", "for", "in", "on"}]
    return len(short) == len(full) and all(
        long_word.startswith(word) for word, long_word in zip(short, full, strict=True)
    )


def is_same_family(cited: str, registered: str) -> bool:
    ours, theirs = normalise(cited), normalise(registered)
    return ours == theirs or ours in theirs.split() or theirs in ours.split()


def contrast(first: str, second: str, width: int = 50) -> tuple[str, str]:
    """Return both texts cut to ``width``, from a little before they differ.

    >>> contrast("A long shared beginning, then one ending",
    ...          "A long shared beginning, then another", 20)
    ('…nning, then one en…', '…nning, then another')
    """
    pairs = zip(first.casefold(), second.casefold(), strict=False)
    shared = next((i for i, (a, b) in enumerate(pairs) if a != b), len(first))
    start = shared - 12 if shared > 24 else 0

    def cut(text: str) -> str:
        shown = ("…" if start else "") + text[start:]
        return shown if len(shown) <= width else shown[: width - 1] + "…"

    return cut(first), cut(second)

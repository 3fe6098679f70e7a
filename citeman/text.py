"""Pure functions on BibTeX field text: braces and letter case.

Longer than the house's 300 lines on purpose: the title-case rule and the APA
renderer must share one reading of a title's case (sentence case, protected
words, proper nouns), and that reading is one set of word-level helpers that
only make sense together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from citeman.latex import to_text
from citeman.proper_words import ELEMENTS, PROPER


def strip_braces(value: str) -> str:
    """Return ``value`` without any ``{`` or ``}``.

    >>> strip_braces("{The} {DNA} of {{NASA}}")
    'The DNA of NASA'
    """
    return value.replace("{", "").replace("}", "")


@dataclass(frozen=True)
class Casing:
    """What a library's own titles tell about the case of their words.

    Built by :mod:`citeman.title_census` from every title of a library, so that
    the title-case rule and the APA renderer read a word the same way, all in
    lower case: ``proper`` are words the library capitalises inside sentences
    (its proper nouns); ``common`` words it writes in lower case there more
    often than capitalised, and ``plain`` the ones it writes so three times as
    often at least (a capital on one of them is Title Case). ``style`` is
    "title" or "sentence" when two thirds of the titles that tell are so, or "".
    """

    proper: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    plain: frozenset[str] = frozenset()
    style: str = ""


#: Knowing nothing of the library: the shipped word lists decide alone.
NO_CASING = Casing()


# Letter case of titles -----------------------------------------------------------
#
# A title is read as words split on whitespace outside braces. Each word is
# either *exempt* (its capitals are meaningful: a braced group, an acronym, a word
# with an inner capital or a digit, a LaTeX command), *neutral* (a short function
# word, or a word that opens a sentence), or counted as capitalised or lower-case.
# The counts decide the style, so that a sentence-case title may hold a proper
# noun ("… behaviours in England") without being called Title Case.

#: Words that both styles may write in lower case (APA's minor words and the
#: longer prepositions other styles also lower-case).
_MINOR = frozenset(
    {
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as",
        "at", "by", "in", "of", "off", "on", "per", "to", "up", "via", "vs", "vs.",
        "v.", "with", "from", "into", "onto", "over", "upon", "than", "between",
        "among", "within", "without", "through", "versus", "et", "al.", "al",
    }
)  # fmt: skip
#: Words that are never proper nouns: written with a capital inside a title
#: (not first, not after a colon), they show the title is in Title Case
#: ("Space and Beyond", "Faster Than Thought", "Blurred Of Mouth"). Not "may"
#: or "will" (a month, a name), nor the element symbols "in", "as", "at", "be".
_FUNCTION = (_MINOR | frozenset(
    """
    about above across after against along amid around before behind below
    beneath beside besides beyond despite down during except inside near off
    onto out outside past since toward towards under underneath unlike until
    unto whether while although because though unless whereas also not how
    what when where which who why whose its their our your his her this that
    these those there here are was were been being has have had does did
    could might must shall should would very more most some any each every
    all both either neither other such
    """.split()  # noqa: SIM905
)) - {"a", "in", "as", "at", "et", "al", "al.", "v."}  # fmt: skip
#: Tokens after which a new sentence starts (its first word is capitalised).
_DASHES = frozenset({"—", "---", "–", "--"})
_BREAKS = (":", "?", "!", "—", "---")
#: Marks after which APA capitalises the next word (a subtitle, a question).
_COLONS = (":", "?", "!")
_EDGE = re.compile(r"^[^\w\\{]+|[^\w}]+$")
_HYPHENS = re.compile(r"[-/‐–]")
_COMMAND = re.compile(r"(?<!\\)\\[A-Za-z]{3,}")

_EXEMPT = "exempt"
_NEUTRAL = "neutral"
_UPPER = "upper"
_LOWER = "lower"
_NO_LETTER = "no-letter"


#: Where a word may end: a brace (the depth changes) or a run of whitespace.
_MARKS = re.compile(r"[{}]|\s+")


@lru_cache(maxsize=65536)
def _split(title: str) -> tuple[str, ...]:
    """Split ``title`` on whitespace outside braces.

    Cached: each helper below reads the same title's words again, and a
    braced title is walked mark by mark, not character by character.
    """
    if "{" not in title:
        return tuple(title.split())
    words: list[str] = []
    depth = start = 0
    for mark in _MARKS.finditer(title):
        char = mark.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0:
            if mark.start() > start:
                words.append(title[start : mark.start()])
            start = mark.end()
    if start < len(title):
        words.append(title[start:])
    return tuple(words)


@lru_cache(maxsize=65536)
def _core(word: str) -> str:
    """Return ``word`` without the punctuation around it.

    Cached, as :func:`_kind` is: a library's titles share most of their words,
    and each helper below reads a word's core again.
    """
    return _EDGE.sub("", word)


@lru_cache(maxsize=65536)
def _reading(word: str) -> tuple[str, bool]:
    """Return :func:`_kind` of ``word``, and whether a sentence opens after it."""
    return _kind(word), word.endswith(_BREAKS) or word in _DASHES


def _is_protected(word: str) -> bool:
    """Return whether ``word`` has a brace group that is not a special character.

    ``{DNA}`` protects case; ``{\\"a}`` only writes one letter.
    """
    depth = 0
    for index, char in enumerate(word):
        if char == "{":
            if depth == 0 and word[index + 1 : index + 2] != "\\":
                return True
            depth += 1
        elif char == "}":
            depth -= 1
    return False


@lru_cache(maxsize=65536)
def _kind(word: str) -> str:
    """Return whether ``word``'s case is exempt, or whether it starts upper or lower.

    Cached: a library's titles share most of their words.
    """
    if "{" in word or "\\" in word:
        if _is_protected(word) or _COMMAND.search(word):
            return _EXEMPT
        word = to_text(word)
    core = _core(word)
    # Most cores are letters only: then no hyphen splits one, no digit is in
    # it, and its first letter is its first character (tests/test_text.py).
    letters = core.isalpha()
    if not letters and not any(char.isalpha() for char in core):
        return _NO_LETTER
    if core.lower() in _MINOR:
        return _NEUTRAL
    if len(core) == 1:
        # "A" is the article; any other lone capital is a symbol ("vitamin D").
        return _LOWER if core.islower() else (_UPPER if core == "A" else _EXEMPT)
    if core[0].isupper() and _is_proper(core):
        return _EXEMPT
    for part in (core,) if letters else _HYPHENS.split(core):
        if _has_inner_capital(part) or (len(part) == 1 and part.isupper()):
            return _EXEMPT
    first = core[0] if letters else next(char for char in core if char.isalpha())
    return _UPPER if first.isupper() else _LOWER


def _is_proper(core: str, extra: frozenset[str] = frozenset()) -> bool:
    """Return whether a capitalised word keeps its capital: "Gaussian", "Si".

    ``extra`` holds more such words in lower case (a library's own proper nouns).
    """
    if core in ELEMENTS:
        return True
    stem = core[:-2] if core.endswith(("'s", "’s")) else core
    return stem.lower() in PROPER or stem.lower() in extra


def _has_inner_capital(part: str) -> bool:
    """Return whether ``part`` has a capital after its first letter, or a digit."""
    # Most parts are letters, mostly in lower case after the first: asked
    # of the whole string first (no capital in a tail in lower case, no
    # digit among letters), character by character only otherwise.
    tail = part[1:]
    if not tail.islower() and any(char.isupper() for char in tail):
        return True
    return not part.isalpha() and any(char.isdigit() for char in part)


def _title_starts(title: str) -> tuple[bool, ...]:
    """Return :func:`_starts` of ``title``'s words (read once: :func:`_scan`)."""
    return _scan(title)[1]


def _starts(words: Sequence[str]) -> list[bool]:
    """Return, for each word, whether it opens the title or a sentence in it.

    A number opens a sentence too (``The LaTeX legacy: 2.09 and all that``).
    """
    starts = []
    opening = True
    for word in words:
        kind, breaks = _reading(word)
        has_letter = kind != _NO_LETTER
        starts.append(opening and has_letter)
        if has_letter or any(char.isdigit() for char in word):
            opening = False
        if breaks:
            opening = True
    return starts


def _census(title: str) -> tuple[int, int, int, bool]:
    """Count the words that tell a title's case.

    Return the capitalised words, the runs of them (``United States`` is one
    proper noun; a minor or lower-case word ends a run), the lower-case words,
    and whether the title is shouted (three or more words, all in capitals).
    """
    return _scan(title)[0]


@lru_cache(maxsize=65536)
def _scan(title: str) -> tuple[tuple[int, int, int, bool], tuple[bool, ...]]:
    """Return :func:`_census` and :func:`_title_starts` of ``title``.

    One walk over the words for both, cached per title: a title's case is
    judged from its census, and then it is recased from its starts.
    """
    upper = runs = lower = lettered = 0
    opening = in_run = True
    starts = []
    starting = True  # as in _starts: a number opens a sentence too
    for word in _split(title):
        kind, breaks = _reading(word)
        if kind != _NO_LETTER:
            starts.append(starting)
            starting = False
            lettered += 1
            if opening:
                in_run = False
            elif kind == _UPPER:
                upper += 1
                runs += not in_run
                in_run = True
            elif kind != _EXEMPT:
                lower += kind == _LOWER
                in_run = False
            opening = False
        else:
            starts.append(False)
            if any(char.isdigit() for char in word):
                starting = False
        if breaks:
            opening = starting = True
    shouting = lettered >= 3 and title.upper() == title
    return (upper, runs, lower, shouting), tuple(starts)


def is_sentence_case(title: str) -> bool:
    """Return whether ``title`` is in sentence case.

    Capitalised words (other than the first word and the first after a colon)
    are taken for proper nouns while there is at most one, or while their runs
    (``United States`` is one) are no more than the lower-case words. A title
    with no word that tells (``Depression``, ``Common Disorders``: one
    capitalised word could be a proper noun) is both sentence case and title
    case.

    >>> is_sentence_case("Common mental disorders")
    True
    >>> is_sentence_case("Adverse experiences and resilience in England")
    True
    >>> is_sentence_case("Mental health of refugees in the United States and Canada")
    True
    >>> is_sentence_case("Common Mental Disorders")
    False
    """
    upper, runs, lower, shouting = _census(title)
    return not shouting and (upper <= 1 or 0 < lower >= runs)


def is_title_case(title: str) -> bool:
    """Return whether every significant word of ``title`` is capitalised.

    Minor words (a, an, the, of, and, in, for, with, …) may go either way.

    >>> is_title_case("The Emerging Evidence for Long-Term Psychodynamic Therapy")
    True
    >>> is_title_case("Patterns of symptomatic recovery in psychotherapy")
    False
    """
    _, _, lower, shouting = _census(title)
    return not shouting and lower == 0


def case_style(title: str) -> str:
    """Return "sentence", "title" or "other" (mixed, or all in capitals).

    A title that is both (no word tells) counts as "sentence".

    >>> [case_style(t) for t in ("Common Mental Disorders", "Common mental disorders")]
    ['title', 'sentence']
    >>> case_style("PATTERNS OF RECOVERY IN PSYCHOTHERAPY")
    'other'
    """
    if is_sentence_case(title):
        return "sentence"
    if is_title_case(title):
        return "title"
    return "other"


def lower_case_starts(title: str, subtitles: bool = True) -> dict[int, str]:
    """Return the words opening ``title`` (or, with ``subtitles``, a part after
    a colon, question mark or exclamation mark) that start in lower case.

    APA capitalises both (6.17). Words whose case is meant stay out: iPhone,
    mRNA, braced words and commands, and a one-letter variable before a hyphen
    (``p-adic``, ``k-means``).

    The words are given by their index among the title's words.

    >>> lower_case_starts("pro M. Marcello"), lower_case_starts("World? : on women")
    ({0: 'pro'}, {2: 'on'})
    >>> lower_case_starts("p-adic numbers: {iPhone} apps and mRNA")
    {}
    """
    found = {}
    opening = first = True
    # Without a colon, question or exclamation mark only the first word opens.
    once = not any(mark in title for mark in _COLONS)
    for index, word in enumerate(_split(title)):
        kind = _kind(word)
        if kind == _NO_LETTER:
            # "7 bits good": after a number the next word stays in lower case.
            number = any(char.isdigit() for char in word)
            opening = word.endswith(_COLONS) or (opening and not number)
            first = first and not number
            continue
        core = _core(word)
        lower = kind in (_LOWER, _NEUTRAL) and core[:1].islower()
        # A one-letter variable (p-adic), or a name with dots (comp.text.tex).
        variable = (len(core.split("-")[0]) == 1 and "-" in core) or "." in core
        if opening and lower and not variable and (subtitles or first):
            found[index] = core
        if once:
            break
        opening = word.endswith(_COLONS)
        first = False
    return found


def recase_words(title: str, upper: Iterable[int], lower: Iterable[int]) -> str:
    """Return ``title`` with the words at ``upper`` capitalised, at ``lower``
    lower-cased (indexes among its words), and nothing else changed.

    >>> recase_words("reactions of Muonium: a study", [0, 3], [2])
    'Reactions of muonium: A study'
    """
    words = _split(title)
    changed = list(words)
    for index in upper:
        changed[index] = _change_first(words[index], str.upper)
    for index in lower:
        changed[index] = _lower_word(words[index], frozenset())
    return _rejoin(title, words, changed)


@lru_cache(maxsize=65536)
def unbraced(title: str) -> str | None:
    """Return the inside of a title braced whole (``{{The Great Book}}``), or None.

    Such braces keep every capital in every BibTeX style. A group that opens
    with a command (``{\\em …}``, ``{\\"a}``) is not a case protection.

    >>> unbraced("{The Great Book Of Things}"), unbraced("{\\\\TeX} and friends")
    ('The Great Book Of Things', None)
    """
    stripped = title.strip()
    if not stripped.startswith("{") or stripped.startswith("{\\"):
        return None
    depth = 0
    # The depth changes only at a brace: walked from brace to brace.
    for brace in _BRACES.finditer(stripped):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return stripped[1:-1] if brace.start() == len(stripped) - 1 else None
    return None


_BRACES = re.compile(r"[{}]")


@lru_cache(maxsize=65536)
def to_sentence_case(title: str, casing: Casing = NO_CASING) -> str:
    """Return ``title`` in sentence case, braces kept.

    The first word and the first word of each sentence (after a colon, question
    mark, exclamation mark or em dash) are capitalised. A title already in
    sentence case keeps its capitalised words (proper nouns), except a lone
    capital on a word that is never a proper noun ("with", "beyond") or that
    ``casing`` says the library writes in lower case. A title in Title Case has
    every other word lower-cased except braced ones, acronyms, words with an
    inner capital or a digit, LaTeX commands and proper words (the shipped list,
    or ``casing.proper``); in a hyphenated compound only the proper parts keep
    their capital. A short title with no lower-case word ("Space and Beyond")
    is in Title Case when such a word shows it, or when ``casing.titled``.
    Idempotent.

    >>> to_sentence_case("The Emerging Evidence for Long-Term Psychodynamic Therapy")
    'The emerging evidence for long-term psychodynamic therapy'
    >>> to_sentence_case("Living With {HIV} in the {UK}: A Qualitative Study")
    'Living with {HIV} in the {UK}: A qualitative study'
    >>> to_sentence_case("Severe mental illness (SMI) in countries (LMICs): A review")
    'Severe mental illness (SMI) in countries (LMICs): A review'
    >>> to_sentence_case("Signals in Non-Gaussian Noise")
    'Signals in non-Gaussian noise'
    >>> to_sentence_case("Space and Beyond"), to_sentence_case("Living in England")
    ('Space and beyond', 'Living in England')
    """
    return _rejoin(title, *_sentence_cased(title, casing))


def _sentence_cased(title: str, casing: Casing) -> tuple[tuple[str, ...], list[str]]:
    """Return ``title``'s words, and the same words in sentence case.

    See :func:`to_sentence_case`, which puts them back in the title.
    """
    words = _split(title)
    starts = _title_starts(title)
    keep = is_sentence_case(title)
    if keep and _census(title)[2] == 0:
        # No lower-case word tells: one capitalised word may be a proper noun.
        keep = not shows_title_case(title, casing)
    # Only a title kept in sentence case loses its stray capitals.
    stray = stray_capitals(title, casing) if keep else {}
    changed = []
    for index, (word, start) in enumerate(zip(words, starts, strict=True)):
        kind = _kind(word)
        if kind == _EXEMPT:
            changed.append(word if keep else _lower_after_hyphens(word, casing.proper))
        elif start:
            first = _change_first(word, str.upper)
            changed.append(_lower_after_hyphens(first, casing.proper))
        elif keep and index in stray:
            changed.append(_lower_word(word, casing.proper))
        elif keep or kind not in (_UPPER, _NEUTRAL):
            changed.append(word if keep else _lower_after_hyphens(word, casing.proper))
        elif _core(word).lower() in casing.proper:
            changed.append(_lower_after_hyphens(word, casing.proper))
        else:
            changed.append(_lower_word(word, casing.proper))
    return words, changed


def stray_capitals(title: str, casing: Casing = NO_CASING) -> dict[int, str]:
    """Return the words of a sentence-case title that only Title Case capitalises.

    Such a word stands inside a sentence of a title with lower-case words (not
    first, not after a colon, nor where :func:`_may_open` says a capital may
    open something) and is either never a proper noun ("With", "Beyond"; not
    "The" or "An", which may open a quoted title: ", The computer and the
    hand") or one the library nearly always writes in lower case
    (``casing.plain``), standing apart: next to a word with a capital or a
    number it may be part of a name ("TeX Users Group", "Version I").

    >>> plain = Casing(plain=frozenset({"muonium", "states"}))
    >>> stray_capitals("Reactions of Muonium with simple molecules", plain)
    {2: 'Muonium'}
    >>> stray_capitals("Learning With deep networks", plain)
    {1: 'With'}
    >>> stray_capitals("Visas for the United States and other lands", plain)
    {}
    """
    words = _split(title)
    starts = _title_starts(title)
    lower = 0
    for word in words:
        lower += _kind(word) == _LOWER
        if lower == 2:
            break
    else:
        return {}  # fewer than two lower-case words: no sentence to stray from
    found = {}
    quoted = False  # inside a quotation ("the `General Manipulation Of Arguments'")
    for index, (word, start) in enumerate(zip(words, starts, strict=True)):
        opens, closes = _quote_marks(word)
        inside = quoted or opens
        quoted = inside and not closes
        if start or _kind(word) not in (_UPPER, _NEUTRAL):
            continue
        core = _core(word)
        if not _capitalised(core):
            continue
        if inside or (index and _may_open(words[:index], word, starts[index - 1])):
            continue
        # A capital next to a word with a capital (not opening a sentence).
        before = (
            index > 0
            and not starts[index - 1]
            and _has_capital(words[index - 1])
            and _joins(words[index - 1])
        )
        after = (
            index + 1 < len(words)
            and not starts[index + 1]
            and _has_capital(words[index + 1])
            and _joins(word)
        )
        lowered = core.lower()
        if lowered in _FUNCTION and core not in ELEMENTS:
            if lowered not in ("the", "an"):  # may open a name or a title
                found[index] = core
        elif lowered in casing.plain - casing.proper and not (before or after):
            found[index] = core
    return found


#: What may end a sentence or a title quoted inside a title, or open one.
_SENTENCE_ENDS = (".", ";", "{\\Dash}", "\\emdash", "\\emdash{}", "--", "---")
_QUOTES = ("``", '"', "“", "‘", "'")


def _may_open(before: Sequence[str], word: str, after_start: bool) -> bool:
    """Return whether ``word``'s capital may open something after ``before``.

    A new sentence ("… spectroscopy. II. Effects of …", "A.\\ \\ Output"),
    an item after a semicolon or a dash, a quoted title (``The …''), an
    alternative title ("… or How envy was resisted"), or a title quoted
    after a subtitle's article ("\\TeX: The Program").
    """
    end = " ".join(before[-2:]).rstrip("\"'”’)\\ ")
    last = _core(before[-1]).lower()
    return (
        end.endswith(_SENTENCE_ENDS)
        or word.startswith(_QUOTES)
        or last == "or"
        or (after_start and last in _FUNCTION)
    )


@lru_cache(maxsize=65536)
def _quote_marks(word: str) -> tuple[bool, bool]:
    """Return whether ``word`` opens a quotation, and whether it closes one."""
    opens = word.startswith(("``", "`", "“", "‘", '"'))
    closes = word.rstrip(".,:;?!)").endswith(("''", "'", "”", "’", '"'))
    return opens, closes


def shows_title_case(title: str, casing: Casing) -> bool:
    """Return whether a title with no lower-case word is in Title Case.

    "Space and Beyond" is: "beyond" is never a proper noun. Otherwise the
    library decides: in a Title Case library such a title is Title Case; in a
    sentence-case one its capitals are taken for names ("Silmaril
    Consultants"); in a library of both, a capital on a word the library
    writes in lower case ("The FRL Manual") shows Title Case.

    >>> shows_title_case("Space and Beyond", NO_CASING)
    True
    >>> shows_title_case("Commonplace Book", Casing(common=frozenset({"book"})))
    True
    >>> shows_title_case("Commonplace Book", Casing(style="sentence"))
    False
    """
    words = _split(title)
    for word, start in zip(words, _title_starts(title), strict=True):
        if start or _kind(word) not in (_UPPER, _NEUTRAL):
            continue
        core = _core(word)
        if not _capitalised(core):
            continue
        lowered = core.lower()
        if lowered in _FUNCTION and lowered not in ("the", "an"):
            return True
        if casing.style == "title" and _kind(word) == _UPPER:
            return True
        if casing.style == "" and lowered in casing.common - casing.proper:
            return True
    return False


@lru_cache(maxsize=65536)
def _has_capital(word: str) -> bool:
    """Return whether ``word`` has a capital, a digit or a command (a name's part)."""
    return any(char.isupper() or char.isdigit() or char == "\\" for char in word)


def _capitalised(core: str) -> bool:
    """Return whether ``core`` is a capital then lower-case letters only."""
    tail = core[1:]
    return len(core) > 1 and core[0].isupper() and tail.isalpha() and tail.islower()


def _joins(word: str) -> bool:
    """Return whether ``word`` runs on into the next (no punctuation after it)."""
    return word[-1:].isalnum() or word.endswith("}")


def _lower_word(word: str, proper: frozenset[str]) -> str:
    """Lower-case a capitalised word inside a sentence, keeping proper parts.

    APA writes "non-Gaussian" and "Gaussian-like": in a plain hyphenated
    compound each part lowers unless it is a proper word on its own.

    >>> _lower_word("Non-Gaussian", frozenset()), _lower_word("Long-Term", frozenset())
    ('non-Gaussian', 'long-term')
    >>> _lower_word("Pre-Tudor", frozenset({"tudor"}))
    'pre-Tudor'
    """
    if "-" not in word or "{" in word or "\\" in word:
        return _change_all(word, str.lower)
    parts = word.split("-")
    for index, part in enumerate(parts):
        if not _keeps_capital(part, proper):
            parts[index] = part.lower()
    return "-".join(parts)


def _keeps_capital(part: str, proper: frozenset[str]) -> bool:
    """Return whether one part of a compound is a capitalised proper word."""
    core = _core(part)
    return len(core) > 1 and core[0].isupper() and _is_proper(core, proper)


def _lower_after_hyphens(word: str, proper: frozenset[str] = frozenset()) -> str:
    """Lower-case the capitalised words after a hyphen (``AlGaN-Based``).

    Only plain words (a capital, then lower-case letters) change: acronyms and
    braced or LaTeX parts keep their case.

    >>> _lower_after_hyphens("Doping-Enhanced"), _lower_after_hyphens("AlGaN-Based")
    ('Doping-enhanced', 'AlGaN-based')
    >>> _lower_after_hyphens("P-Type"), _lower_after_hyphens("Cu-DNA")
    ('P-type', 'Cu-DNA')
    >>> _lower_after_hyphens("Non-Gaussian")
    'Non-Gaussian'

    """
    if "-" not in word or "{" in word or "\\" in word:
        return word
    parts = word.split("-")
    for index, part in enumerate(parts[1:], 1):
        core = part.rstrip(".,:;?!)")
        if (
            len(core) > 1
            and core[0].isupper()
            and core[1:].isalpha()
            and core[1:].islower()
            and not _is_proper(core, proper)
        ):
            parts[index] = part[0].lower() + part[1:]
    return "-".join(parts)


@lru_cache(maxsize=65536)
def to_title_case(title: str) -> str:
    """Return ``title`` with every significant word capitalised, braces kept.

    >>> to_title_case("Patterns of symptomatic recovery in psychotherapy")
    'Patterns of Symptomatic Recovery in Psychotherapy'
    """
    words = _split(title)
    changed = []
    for word, start in zip(words, _title_starts(title), strict=True):
        kind = _kind(word)
        if start or kind == _LOWER:
            changed.append(_change_first(word, str.upper))
        else:
            changed.append(word)
    return _rejoin(title, words, changed)


@lru_cache(maxsize=65536)
def protect_case(title: str, proper: frozenset[str] = frozenset()) -> str:
    """Brace the words whose capitals must survive a style's case change.

    Acronyms and words with an inner capital are always braced; a capitalised
    word inside a sentence-case title is taken for a proper noun and braced too.
    In a Title Case title proper nouns cannot be told apart, so they are not.
    The proper parts of a compound are braced alone (``non-{Gaussian}``);
    ``proper`` adds lower-case words the library capitalises.

    >>> protect_case("Health-harming behaviours in England and the NHS")
    'Health-harming behaviours in {England} and the {NHS}'
    >>> protect_case("The Emerging Evidence for {DNA}: A Review")
    'The Emerging Evidence for {DNA}: A Review'
    >>> protect_case("Signals in non-Gaussian noise")
    'Signals in non-{Gaussian} noise'
    """
    words = _split(title)
    return _rejoin(title, words, _protected(title, words, _title_starts(title), proper))


def to_protected_sentence_case(title: str, casing: Casing) -> str:
    """Return ``protect_case(to_sentence_case(title, casing), casing.proper)``.

    Uncached: a casing that notes its questions (``title_guess``) must be
    asked them, and a library's titles are each recased once. The recased
    title's words are not read again: recasing changes no whitespace and no
    brace, so they are the recased words.

    >>> to_protected_sentence_case("Living With {HIV} in the NHS", NO_CASING)
    'Living with {HIV} in the {NHS}'
    """
    words, changed = _sentence_cased(title, casing)
    recased = _rejoin(title, words, changed)
    new = tuple(changed)
    # Nor are their starts: a word's letters, digits and closing marks,
    # which alone tell whether it starts a sentence, keep through recasing.
    protected = _protected(recased, new, _title_starts(title), casing.proper)
    return _rejoin(recased, new, protected)


def _protected(
    title: str, words: tuple[str, ...], starts: Sequence[bool], proper: frozenset[str]
) -> list[str]:
    """Return ``title``'s ``words`` braced as :func:`protect_case` braces them."""
    sentence = None  # whether the title is in sentence case: asked when needed
    changed = []
    for word, start in zip(words, starts, strict=True):
        # A word without a capital is braced nowhere below: most of a
        # sentence-case title, the words recasing lowered among them.
        if "{" in word or "\\" in word or word.islower():
            changed.append(word)
            continue
        kind = _kind(word)
        if kind == _EXEMPT and any(char.isupper() for char in word):  # an acronym
            changed.append(_brace_core(word))
            continue
        if "-" in word:
            parts = word.split("-")
            if any(_keeps_capital(part, proper) for part in parts):
                changed.append(_brace_proper_parts(parts, proper))
                continue
        if kind == _UPPER and not start:
            if sentence is None:
                sentence = is_sentence_case(title) and not is_title_case(title)
            if sentence:
                word = _brace_core(word)  # a proper noun
        changed.append(word)
    return changed


def _brace_proper_parts(parts: list[str], proper: frozenset[str]) -> str:
    """Brace the proper parts of a hyphenated compound: ``non-{Gaussian}``."""
    return "-".join(
        _brace_core(part) if _keeps_capital(part, proper) else part for part in parts
    )


_PUNCTUATED = re.compile(r"^([^\w]*)(.*?)([^\w]*)$")


def _brace_core(word: str) -> str:
    """Brace ``word`` inside its leading and trailing punctuation."""
    match = _PUNCTUATED.match(word)
    assert match is not None  # the pattern matches any string
    head, core, tail = match.groups()
    return f"{head}{{{core}}}{tail}" if core else word


#: Whitespace, kept by a split (str.split's whitespace: ``str.isspace``).
_SPACES = re.compile(r"(\s+)")


def _rejoin(title: str, words: tuple[str, ...], changed: list[str]) -> str:
    """Put changed words (``words`` are ``_split(title)``) back in ``title``,
    keeping its whitespace."""
    if words == tuple(changed):
        return title
    if "{" not in title:
        # Split as str.split splits: the words are the pieces between spaces.
        pieces = _SPACES.split(title)
        first = 0 if pieces[0] else 2
        pieces[first : first + 2 * len(changed) : 2] = changed
        return "".join(pieces)
    pieces = []
    position = 0
    for word, new in zip(words, changed, strict=True):
        found = title.index(word, position)
        pieces.append(title[position:found])
        pieces.append(new)
        position = found + len(word)
    pieces.append(title[position:])
    return "".join(pieces)


def _change_first(word: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` (``str.upper``) to the first letter outside commands."""
    for index in _letter_indexes(word):
        return word[:index] + change(word[index]) + word[index + 1 :]
    return word


def _change_all(word: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` (``str.lower``) to every letter outside command names."""
    if "\\" not in word and "{" not in word:
        return change(word)
    letters = list(word)
    for index in _letter_indexes(word):
        letters[index] = change(letters[index])
    return "".join(letters)


def _letter_indexes(word: str) -> list[int]:
    """Return the indexes of ``word``'s letters, skipping LaTeX command names."""
    indexes = []
    index = 0
    while index < len(word):
        char = word[index]
        if char == "\\":
            index += 1
            while index < len(word) and word[index].isalpha():
                index += 1
            if index == len(word) or word[index].isalpha():
                continue
            if not word[index].isalpha() and word[index - 1] == "\\":
                index += 1  # a one-character command such as \" or \'
            continue
        if char.isalpha():
            indexes.append(index)
        index += 1
    return indexes

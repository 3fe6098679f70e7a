"""Read one APA 7 reference: author, date, title and details, then its source.

APA's shape (§9.4) is ``Author. (Date). Title. Source.``; a work without
author moves its title before the date (§9.12). The source element and the
entry type it implies are read by :mod:`.source`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeman.importer import dates, details, elements, escape, people, source, tail
from citeman.importer.record import Draft, Reading, Title

_EDITORS = re.compile(r"\s*\((Eds?)\.\)\.?$")
_MINOR = {"a", "an", "the", "of", "and", "for", "in", "on", "to", "at", "&"}
Italics = Sequence[tuple[int, int]]


def read(text: str, italics: Italics = (), rich: bool = False) -> Reading:
    """Return the reading of one APA reference.

    ``rich`` says the document could show italics (Markdown, Word), so their
    absence is evidence too.
    """
    draft = Draft()
    date = dates.PATTERN.search(text)
    if date is None:
        return unreadable(text, "no date element such as (2020). was found")
    end = max(tail.read(draft, text, len(text)), date.end())
    for name, value in dates.fields(date).items():
        draft.put(name, value, date.start(), date.end())
    head_end = len(text[: date.start()].rstrip())
    if _is_title_first(text, head_end, italics):
        title = _title(draft, text, 0, head_end, italics, rich)
        source_start = date.end()
    else:
        _authors(draft, text, head_end)
        stop = _title_stop(text, date.end(), end, italics)
        title = _title(draft, text, date.end(), stop, italics, rich)
        source_start = stop
    source.read(draft, text, source_start, end, title, italics, rich)
    return draft.finish()


def unreadable(text: str, reason: str) -> Reading:
    """Return a ``@misc`` holding the whole reference in ``note``."""
    draft = Draft()
    draft.trouble(text, 0, len(text), f"cannot read this reference: {reason}")
    return draft.finish()


def _authors(draft: Draft, text: str, end: int) -> None:
    """Read the author element (editors when it ends with ``(Ed.)``/``(Eds.)``)."""
    head = text[:end]
    label = _EDITORS.search(head)
    role = "editor" if label else "author"
    names = people.inverted(head[: label.start()] if label else head)
    if names:
        draft.put(role, " and ".join(names), 0, end)
    else:
        draft.trouble(text, 0, end, "no author could be read before the date")


def _is_title_first(text: str, end: int, italics: Italics) -> bool:
    """Return whether the element before the date is a title (a work without author).

    An italic element, one ending in details or a description, or one in
    sentence case with more than one word is a title; a list with a person's
    name or a capitalised name (``World Health Organization``) is an author.
    """
    head = text[:end].rstrip(".").strip()
    if not head or _EDITORS.search(text[:end]):
        return False
    if any(start <= _first_letter(text) < stop for start, stop in italics):
        return True
    if head.endswith(("]", ")")) and details.SIGNS.search(head):
        return True
    names = people.inverted(text[:end])
    if "," in head and any(not name.startswith("{") for name in names):
        return False
    words = re.findall(r"[\w'’-]+", head)
    words = [word for word in words if word.lower() not in _MINOR]
    return len(words) > 1 and any(word[0].islower() for word in words[1:])


def _first_letter(text: str) -> int:
    return len(text) - len(text.lstrip())


def _title_stop(text: str, start: int, end: int, italics: Italics) -> int:
    """Return where the title element (title, details, description) ends."""
    stops = elements.ends(text, start, end)
    if not stops or stops[-1] < len(text[:end].rstrip()):
        stops.append(end)
    begin = start + len(text[start:end]) - len(text[start:end].lstrip())
    italic = next((stop for a, stop in italics if a == begin), None)
    if italic is not None:
        return next((stop for stop in stops if stop >= italic), end)
    for stop in stops:
        if text.startswith("In ", stop + 1) or text[:stop].rstrip(".").endswith("]"):
            return stop
    later = [a for a, _ in italics if a > begin]
    if later:
        before = [stop for stop in stops if stop <= later[0]]
        if before:
            return before[-1]
    if len(stops) == 1:
        return stops[0]
    # A journal source (``J. Phys. Soc. Jpn., 20(11), 1–9.``) may hold periods
    # of its own: the title ends at the first stop after which it reads whole.
    for stop in stops[:-1]:
        if source.is_article(text[stop:end].strip()):
            return stop
    if len(stops) >= 3 and not re.search(r"[^\W\d_]", text[stops[-2] : stops[-1]]):
        return stops[-3]  # a stray fragment after the source ("72. 2")
    return stops[-2]


def _title(
    draft: Draft, text: str, start: int, stop: int, italics: Italics, rich: bool
) -> Title:
    """Read the title element ``text[start:stop]``: title, details, description."""
    begin = start + len(text[start:stop]) - len(text[start:stop].lstrip())
    end = len(text[:stop].rstrip())
    if text[end - 1 : end] == "." and not text[: end - 1].endswith(("?", "!")):
        end -= 1
    description = ""
    if text[:end].endswith("]") and "[" in text[begin:end]:
        opening = text.rfind("[", begin, end)
        description = text[opening + 1 : end - 1]
        draft.spans["type"] = (opening + 1, end - 1)
        end = len(text[:opening].rstrip())
    end = details.take(draft, text, begin, end)
    title = text[begin:end]
    draft.put("title", escape.title(title), begin, end)
    italic = any(a <= begin < b for a, b in italics) if rich else None
    return Title(begin, end, description, italic)

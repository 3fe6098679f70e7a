"""Render entries with a style into finished references of one output format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import jinja2

from citeman.model import Entry
from citeman.render import budget, order, style
from citeman.render.counting import counted
from citeman.render.markup import Markup, Safe
from citeman.render.reference import Reference

# What a faulty (user) template can raise while it runs.
_TEMPLATE_FAULTS = (
    jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError,
    AttributeError, RuntimeError,  # RecursionError and budget.OverBudget
)  # fmt: skip


@dataclass(frozen=True)
class Rendered:
    """One finished reference: its entry's key and its text in the output format."""

    key: str
    text: Safe


class Renderer:
    """A style compiled for one output format; render many lists with it."""

    def __init__(self, chosen: style.Style, markup: Markup) -> None:
        """Build the sandboxed environment of ``chosen`` for ``markup``."""
        self.style = chosen
        self.markup = markup
        self.env = style.environment(chosen, markup)
        self.available = style.templates_of(chosen)
        self._compiled: dict[str, jinja2.Template] = {}

    def _template(self, entry_type: str) -> jinja2.Template:
        name = self.style.template_name(entry_type, self.available)
        compiled = self._compiled.get(name)
        if compiled is None:
            compiled = style.template(self.env, name, self.style.folder)
            self._compiled[name] = compiled
        return compiled

    def render(
        self,
        references: Sequence[Reference],
        suffixes: dict[str, str] | None = None,
        advance: Callable[[int], None] | None = None,
    ) -> list[Rendered]:
        """Return each reference rendered, in the order given.

        ``suffixes`` are the year letters (``2020a``) of the whole list;
        ``advance`` counts the references rendered.
        """
        suffixes = suffixes or {}
        rendered = []
        limits = budget.Budget()
        with budget.timer(limits.seconds) as restart:
            for number, reference in enumerate(counted(references, advance), 1):
                try:
                    # Compiling (once per template) has a budget of its own,
                    # not the first reference's: it is not the template's cost.
                    restart()
                    template = self._template(reference.type)
                    meter = self.env.meter = budget.Meter(limits)
                    restart()
                    body = meter.measured(
                        template.generate(
                            entry=reference, suffix=suffixes.get(reference.key, ""),
                            number=number,
                        )
                    )  # fmt: skip
                except _TEMPLATE_FAULTS as error:
                    raise style.failure(
                        error, self.style.folder, reference.key
                    ) from error
                tidy = self.markup.paragraph(" ".join(body.split()))
                rendered.append(Rendered(reference.key, Safe(tidy)))
        return rendered


def prepare(
    entries: Sequence[Entry],
    chosen: style.Style,
    context: Sequence[Entry] = (),
    advance: Callable[[int], None] | None = None,
) -> tuple[list[Reference], dict[str, str]]:
    """Return the references in the style's order and their year suffixes.

    Suffixes are computed over ``context`` (the whole library) when given, so a
    subset chosen with ``--keys`` keeps the letters the full list gives it.
    ``advance`` counts the references whose works are read for the order.
    """
    references = [Reference(entry) for entry in entries]
    whole = not context or (
        len(context) == len(entries)
        and all(ours is theirs for ours, theirs in zip(entries, context, strict=True))
    )
    if whole and chosen.disambiguate and chosen.sort == "author-date":
        # The common case: each work read once, for the order and the letters.
        ordered, works = order.arrange(references, advance)
        return ordered, order.year_suffixes(references, works)
    ordered = order.order(references, chosen.sort, advance)
    if not chosen.disambiguate:
        return ordered, {}
    pool = references if whole else [Reference(entry) for entry in context]
    return ordered, order.year_suffixes(pool)

"""Reporters: each turns a list of problems into one string in one output format."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from citeman.problem import Problem
from citeman.report import github, json, sarif, text

Reporter = Callable[[Sequence[Problem]], str]

#: Output formats of ``check`` (and ``audit``), by the name ``--format`` takes.
FORMATS: dict[str, Reporter] = {
    "text": text.render,
    "json": json.render,
    "github": github.render,
    "sarif": sarif.render,
}

"""The golden renderings: which inputs, styles and formats, and how to rewrite them.

``python -m tests.render.goldens`` rewrites every golden file from the current
code; review the diff like code before committing it.
"""

from __future__ import annotations

from pathlib import Path

from citeman import parse, render
from tests.conftest import DATA, ROOT

INPUTS = DATA / "render"
GOLDEN = DATA / "golden" / "render"
EXTENSIONS = {
    "text": "txt",
    "markdown": "md",
    "html": "html",
    "latex": "tex",
    "rtf": "rtf",
    "json": "json",
}
#: One input per entry type (and the fallback), each with APA's own examples.
ENTRY_TYPES = (
    "article", "book", "incollection", "report", "thesis", "unpublished", "online",
    "dataset", "software", "misc",
)  # fmt: skip
#: (style, input file, format) of every golden file.
CASES = [
    (style, source, fmt)
    for style in ("apa", "vancouver")
    for source in [
        ROOT / "library.bib",
        *(INPUTS / f"{name}.bib" for name in ENTRY_TYPES),
    ]
    for fmt in EXTENSIONS
]


def golden_path(style: str, source: Path, fmt: str) -> Path:
    """Return where the golden rendering of ``source`` is kept."""
    return GOLDEN / style / f"{source.stem}.{EXTENSIONS[fmt]}"


def produce(style: str, source: Path, fmt: str) -> str:
    """Return the rendering the golden file must equal."""
    library = parse.load(source)
    return render.render(library.entries, render.find(style), fmt)


if __name__ == "__main__":
    for style, source, fmt in CASES:
        path = golden_path(style, source, fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produce(style, source, fmt), encoding="utf-8", newline="")
        print(path.relative_to(ROOT))

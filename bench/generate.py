"""Generate large, varied, realistic BibTeX libraries for the benchmarks.

Deterministic: the same size always gives the same file. Entries mix types,
field orders, delimiters, LaTeX accents, Unicode, macros, comments, and a few
defects of the kinds the rules find, at the rates a real library has them.

    python bench/generate.py 10000 > bench/out/10k.bib
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

FAMILIES = [
    "Smith",
    'Kivim{\\"a}ki',
    "Müller",
    "Nguyen",
    "O'Brien",
    "van der Berg",
    "García-López",
    "Leichsenring",
    "Santesteban-Echarri",
    "Chen",
    "Okafor",
    "Björk",
    "Dupont",
    "Rabung",
    "Kopta",
    "Bellis",
    "Hughes",
    "Sipilä",
    "de Souza",
    "Ferrie",
    "Zhang",
    "Abbass",
    "Lindfors",
    "Ivanova",
    "Papadopoulos",
]
GIVEN = [
    "J.",
    "Mark A.",
    "Jean-Paul",
    "S. M.",
    "Olavi",
    "Ana",
    "K.",
    "Wei",
    "Fadia",
    "G. David",
    "Ren{\\'e}e",
    "L.",
]
WORDS = [
    "effectiveness",
    "psychodynamic",
    "therapy",
    "outcomes",
    "recovery",
    "survey",
    "adverse",
    "childhood",
    "experiences",
    "resilience",
    "health",
    "mental",
    "disorders",
    "longitudinal",
    "meta-analysis",
    "cohort",
    "socioeconomic",
    "status",
    "randomized",
    "trial",
    "protein",
    "network",
    "learning",
    "model",
]
JOURNALS = [
    "Journal of Affective Disorders",
    "BMC Medicine",
    "The Lancet Public Health",
    "Clinical Psychology Review",
    "Psychodynamic Psychiatry",
    "BMJ Open",
    "Journal of Consulting and Clinical Psychology",
    "Nature",
    "PLOS ONE",
]
PUBLISHERS = [
    "Springer",
    "Oxford University Press",
    "{NHS Digital}",
    "Wiley",
    "MIT Press",
]


def _authors(rng: random.Random) -> str:
    count = rng.choice([1, 1, 2, 2, 3, 4, 5, 6, 8, 16])
    names = []
    for _ in range(count):
        family, given = rng.choice(FAMILIES), rng.choice(GIVEN)
        names.append(
            f"{family}, {given}" if rng.random() < 0.8 else f"{given} {family}"
        )
    return " and ".join(names)


def _title(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(4, 11))
    if rng.random() < 0.1:  # a Title Case title, as real libraries have some
        return " ".join(word.capitalize() for word in words)
    title = " ".join(words).capitalize()
    if rng.random() < 0.3:
        title += ": A {DNA} study of " + rng.choice(WORDS)
    return title


def _entry(index: int, rng: random.Random) -> str:
    kind = rng.choices(
        ["article", "book", "incollection", "inproceedings", "techreport", "misc"],
        weights=[60, 10, 10, 12, 4, 4],
    )[0]
    year = rng.randint(1950, 2025)
    first = rng.randint(1, 900)
    pages = f"{first}--{first + rng.randint(1, 40)}"
    if rng.random() < 0.03:
        pages = f"{first}-{first + 9}"  # a page-range defect
    fields = [
        ("author", _authors(rng)),
        ("title", _title(rng)),
        ("year", str(year)),
    ]
    if kind == "article":
        fields += [
            ("journal", rng.choice(JOURNALS)),
            ("volume", str(rng.randint(1, 300))),
            ("number", str(rng.randint(1, 12))),
            ("pages", pages),
        ]
        if rng.random() < 0.7:
            fields.append(("doi", f"10.{rng.randint(1000, 9999)}/j.x.{year}.{index}"))
    elif kind in ("book", "techreport"):
        name = "publisher" if kind == "book" else "institution"
        fields.append((name, rng.choice(PUBLISHERS)))
    else:
        fields += [
            ("booktitle", "Proceedings of the " + _title(rng)),
            ("pages", pages),
            ("publisher", rng.choice(PUBLISHERS)),
        ]
    if rng.random() < 0.3:
        fields.append(("url", f"https://example.org/paper/{index}"))
    if rng.random() < 0.2:
        fields.append(
            ("abstract", " ".join(rng.choices(WORDS, k=60)).capitalize() + ".")
        )
    if rng.random() < 0.3:
        fields.append(("keywords", ", ".join(rng.sample(WORDS, 4))))
    rng.shuffle(fields)
    width = max(len(name) for name, _ in fields)
    lines = []
    for name, value in fields:
        quoted = rng.random() < 0.15 and '"' not in value
        written = f'"{value}"' if quoted else f"{{{value}}}"
        lines.append(f"  {name.ljust(width)} = {written}")
    key = f"{FAMILIES[index % len(FAMILIES)].split()[-1].strip('{}')[:8]}{year}x{index}"
    key = "".join(char for char in key if char.isalnum())
    head = "% imported from a reference manager\n" if rng.random() < 0.05 else ""
    return f"{head}@{kind}{{{key},\n" + ",\n".join(lines) + "\n}\n"


def generate(count: int, seed: int = 2026) -> str:
    """Return a library of ``count`` entries; the same arguments give the same text."""
    rng = random.Random(seed)
    header = '@string{lph = "The Lancet Public Health"}\n\n'
    return header + "\n".join(_entry(index, rng) for index in range(count))


def write(count: int, directory: Path) -> Path:
    """Write (once) and return the library of ``count`` entries under ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"generated-{count}.bib"
    if not path.exists():
        path.write_text(generate(count), encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))

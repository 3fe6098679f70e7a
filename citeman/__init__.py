"""citeman: lint, fix and render BibTeX bibliographies."""

__version__ = "0.1.0"

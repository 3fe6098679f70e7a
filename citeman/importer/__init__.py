"""Read a formatted reference list (text, Markdown, Word) back into BibTeX entries.

The pipeline, one module per step: :mod:`.document` reads a file into blocks
with their italics and positions, :mod:`.listing` finds the reference list and
splits it into references, :mod:`.apa` (or :mod:`.vancouver`) reads each
reference into a :class:`~citeman.importer.record.Imported`, :mod:`.keys`
names it and :mod:`.bibtex` writes it.
"""

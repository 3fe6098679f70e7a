"""``citeman server``: the Language Server Protocol server for ``.bib`` files."""

"""One author–date model, shared by ``render``, ``cite`` and ``audit``.

APA 7 names a work in the text by its authors and year and orders the
reference list by the same facts; the three commands read them here, so that a
citation ``cite`` prints is the one ``render``'s list implies and ``audit``
accepts. :mod:`~citeman.authordate.work` reads an entry (creators, initials,
"n.d.", "in press", the list order), :mod:`~citeman.authordate.naming` tells
a library's works apart (initials, more names, year letters),
:mod:`~citeman.authordate.text` writes the citation and
:mod:`~citeman.authordate.keys` compares names.
"""

"""``citeman audit``: check a manuscript's citations against its reference list.

``manuscript`` reads a file, ``citations`` (with ``keys``, ``prose`` and
``authors``) finds what it cites, ``works`` and ``resolve`` match that to the
list's entries, and ``run`` hands the result (``model.Audit``) to the CM5 rules,
which live with the others in ``citeman/rules/``. Nothing is imported here, so
``citeman.rules.base`` can import ``audit.model`` without a cycle.
"""

"""Say what an import found: problems as lines for stderr, the list as JSON."""

from __future__ import annotations

import json

from citeman.importer.run import ImportedList


def problem_lines(imported: ImportedList) -> list[str]:
    """Return one ``PATH:LINE:COLUMN: message`` line per problem, in list order."""
    lines = []
    for reference in imported.references:
        for trouble in reference.reading.troubles:
            span = imported.span(reference, trouble.start, trouble.end)
            part = reference.block.text[trouble.start : trouble.end]
            shown = part if len(part) <= 60 else part[:57] + "..."
            lines.append(
                f"{imported.document.path}:{span.line}:{span.column}: "
                f'{reference.key}: {trouble.message}: "{shown}" (kept in note)'
            )
    return lines


def json_document(imported: ImportedList) -> str:
    """Return every reference as JSON: text, key, type, fields, confidence, problems."""
    items = []
    for reference in imported.references:
        reading = reference.reading
        problems = []
        for trouble in reading.troubles:
            span = imported.span(reference, trouble.start, trouble.end)
            problems.append({
                "message": trouble.message,
                "start": trouble.start,
                "end": trouble.end,
                "line": span.line,
                "column": span.column,
            })  # fmt: skip
        items.append({
            "index": reference.index,
            "text": reference.block.text,
            "key": reference.key,
            "type": reading.type,
            "fields": reading.fields,
            "confidence": reading.confidence,
            "problems": problems,
        })  # fmt: skip
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"

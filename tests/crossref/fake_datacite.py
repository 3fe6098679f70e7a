"""A loopback DataCite: ``GET /dois/{doi}`` as its REST API answers it.

Records come from ``tests/fixtures/crossref/datacite.json``; a found DOI is a
JSON:API document (``{"data": {"id", "type": "dois", "attributes"}}``), an
unknown one a 404 with DataCite's ``{"errors": [...]}`` body.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from werkzeug import Request, Response

RECORDS = (
    Path(__file__).resolve().parent.parent / "fixtures" / "crossref" / "datacite.json"
)
NOT_FOUND = {
    "errors": [
        {"status": "404", "title": "The resource you are looking for doesn't exist."}
    ]
}


class DataCiteCorpus:
    """The DOIs the fake DataCite holds, by lower-cased DOI."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = {record["id"].lower(): record for record in records}

    @classmethod
    def load(cls, path: Path = RECORDS) -> DataCiteCorpus:
        return cls(json.loads(path.read_text(encoding="utf-8"))["dois"])

    def doi_body(self, doi: str) -> dict[str, Any] | None:
        record = self.records.get(doi.lower())
        return None if record is None else {"data": record}


@dataclass
class FakeDataCite:
    """A werkzeug handler; ``requests`` counts what reached it, ``down`` fails all."""

    corpus: DataCiteCorpus = field(default_factory=DataCiteCorpus.load)
    requests: int = 0
    down: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: Request) -> Response:
        with self._lock:
            self.requests += 1
        if self.down:
            return Response("<html>error</html>", 503, content_type="text/html")
        kind = "application/vnd.api+json"
        if request.path.startswith("/dois/"):
            found = self.corpus.doi_body(request.path[len("/dois/") :])
            if found is not None:
                return Response(json.dumps(found), 200, content_type=kind)
        return Response(json.dumps(NOT_FOUND), 404, content_type=kind)

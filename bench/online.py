"""Benchmark ``--online`` lookups: concurrency within Crossref's limits, and the cache.

Starts the test suite's fake Crossref on 127.0.0.1 with 100 ms of latency per
request, advertising ``x-concurrency-limit`` (default 5) and a rate limit that
does not bind (100 per second), and looks up 100 DOIs through citeman's real
client, gate, cache and resolver. The issue's target: wall time within 1.5x of
``100 x 0.1 s / concurrency``, no request refused for crowding, and 0 requests
on the rerun, which is answered from the on-disk cache.

    python bench/online.py               # concurrency 5
    python bench/online.py 3             # another advertised concurrency
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
import time
from pathlib import Path

from pytest_httpserver import HTTPServer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeman import parse  # noqa: E402
from citeman.online import cache  # noqa: E402
from citeman.online.client import Client, Settings  # noqa: E402
from citeman.online.crossref import CrossrefSource  # noqa: E402
from citeman.online.resolver import Resolver  # noqa: E402
from tests.crossref.fake import Corpus, FakeCrossref  # noqa: E402

LOOKUPS = 100
LATENCY = 0.1


def corpus(count: int) -> Corpus:
    """Return ``count`` made-up works under Crossref's test prefix 10.5555."""
    works = [
        {
            "DOI": f"10.5555/bench.{number}",
            "type": "journal-article",
            "title": [f"Benchmark work number {number}"],
            "author": [{"given": "A.", "family": "Bench", "sequence": "first"}],
            "container-title": ["Journal of Benchmarks"],
            "volume": str(number),
            "page": "1-2",
            "issued": {"date-parts": [[2020]]},
        }
        for number in range(count)
    ]
    return Corpus(works, {})


def library(count: int) -> str:
    return "".join(
        f"@article{{w{number}, title = {{Benchmark work number {number}}},"
        f" doi = {{10.5555/bench.{number}}}}}\n"
        for number in range(count)
    )


def run(url: str, cache_dir: Path, text: str) -> tuple[float, Resolver]:
    settings = Settings(base_url=url, mailto="bench@example.org")
    session = cache.build(cache.CachePolicy(cache_dir), print)
    resolver = Resolver(CrossrefSource(Client(session, settings)))
    entries = parse.loads(text, "bench.bib").entries
    started = time.perf_counter()
    resolver.prefetch(entries)
    return time.perf_counter() - started, resolver


def main() -> int:
    concurrency = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    fake = FakeCrossref(corpus(LOOKUPS), rate=100, concurrency=concurrency)
    fake.latency = LATENCY
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request(re.compile(r"^/")).respond_with_handler(fake)
    server.start()
    text = library(LOOKUPS)
    try:
        with tempfile.TemporaryDirectory() as directory:
            url = server.url_for("").rstrip("/")
            first, resolver = run(url, Path(directory), text)
            sent, crowded = fake.requests, fake.crowded
            second, rerun = run(url, Path(directory), text)
            again = fake.requests - sent
    finally:
        server.stop()
    ideal = LOOKUPS * LATENCY / concurrency
    ratio = first / ideal
    latency = f"{LATENCY * 1000:.0f} ms"
    print(f"lookups: {LOOKUPS}, latency {latency}, concurrency {concurrency}")
    print(f"first run:  {first:.2f} s wall, {sent} requests, {crowded} refused (429)")
    print(f"ideal:      {ideal:.2f} s  ->  {ratio:.2f}x (target <= 1.5x)")
    print(f"cached run: {second:.3f} s wall, {again} requests (target 0)")
    failed = len(resolver.unverified) + len(rerun.unverified)
    print(f"unverified: {failed}")
    ok = ratio <= 1.5 and again == 0 and crowded == 0 and failed == 0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

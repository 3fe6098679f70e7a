"""Starting citeman loads no HTTP, language-server, Word or template library.

``requests``/``requests-cache``, ``pygls``, ``python-docx`` and Jinja took most
of the time every ``citeman`` run (and every subprocess test) spent starting.
They are imported where they are used: the HTTP layer when a run goes online,
pygls by ``server``, docx for a .docx file, Jinja when something is rendered.
A fresh interpreter shows what importing the command and running it loaded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

HEAVY = ("requests", "requests_cache", "urllib3", "pygls", "lsprotocol", "docx",
         "jinja2")  # fmt: skip
#: Each command's module: imported only when that command runs.
COMMANDS = tuple(
    f"citeman.cli.{name}_command"
    for name in ("audit", "check", "cite", "fix", "import", "lookup", "render",
                 "rules", "server")
)  # fmt: skip

#: Import the command, run it in-process, and print the heavy modules loaded
#: after each step (as the last line of stdout, in JSON).
_PROBE = """
import json, sys
heavy = json.loads(sys.argv[1])
loaded = lambda: sorted(name for name in heavy if name in sys.modules)
import citeman.cli
after_import = loaded()
try:
    citeman.cli.main(sys.argv[2:], standalone_mode=False)
    code = 0
except SystemExit as stop:
    code = stop.code
print(json.dumps([after_import, code, loaded()]))
"""


def _probe(
    cwd: Path, *args: str, watched: tuple[str, ...] = HEAVY
) -> tuple[list[str], int, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(watched), *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    after_import, code, after_run = json.loads(done.stdout.splitlines()[-1])
    return after_import, code, after_run


def test_import_and_check_load_no_heavy_library(workdir: Path) -> None:
    shutil.copy(ROOT / "library.bib", workdir / "library.bib")
    after_import, code, after_check = _probe(workdir, "check", "library.bib")
    assert after_import == []
    assert code == 1  # the check ran: library.bib has problems to report
    assert after_check == []


def test_render_loads_jinja_when_it_renders(workdir: Path) -> None:
    # The probe sees what a command loads: render does need the templates.
    shutil.copy(ROOT / "library.bib", workdir / "library.bib")
    after_import, code, after_render = _probe(workdir, "render", "library.bib")
    assert (after_import, code) == ([], 0)
    assert after_render == ["jinja2"]


def test_a_command_loads_its_own_module_only(workdir: Path) -> None:
    shutil.copy(ROOT / "library.bib", workdir / "library.bib")
    after_import, code, after_render = _probe(
        workdir, "render", "library.bib", watched=COMMANDS
    )
    assert (after_import, code) == ([], 0)
    assert after_render == ["citeman.cli.render_command"]
    after_import, code, after_help = _probe(workdir, "--help", watched=COMMANDS)
    assert (after_import, code, after_help) == ([], 0, sorted(COMMANDS))

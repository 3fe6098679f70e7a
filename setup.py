"""Build hook: copy the top-level ``styles/`` into the wheel as ``citeman/styles``.

The repository keeps the built-in styles at the top level and holds no symbolic
link (a clone on a file system without links, Windows' default, would lose it).
Everything else about the build is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithStyles(build_py):
    """``build_py`` that also puts ``styles/*/*.toml`` and ``*.j2`` in the package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install finds styles/ beside the package
        target = Path(self.build_lib) / "citeman" / "styles"
        for source in sorted((HERE / "styles").glob("*/*")):
            if source.suffix in (".toml", ".j2") and source.is_file():
                destination = target / source.parent.name / source.name
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)


setup(cmdclass={"build_py": BuildWithStyles})

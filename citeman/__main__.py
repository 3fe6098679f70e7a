"""Run citeman as ``python -m citeman``."""

from citeman.cli import main

main()

"""The cyclic collector is off during bulk work, and skips its results afterwards."""

from __future__ import annotations

import gc

from citeman import collector


def test_paused_turns_the_collector_off_and_back_on() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_freezes_what_the_body_built_so_collections_skip_it() -> None:
    gc.unfreeze()
    try:
        with collector.paused():
            built = [[index] for index in range(1000)]
        assert gc.get_freeze_count() >= len(built)
        scanned = {id(thing) for thing in gc.get_objects()}
        assert not any(id(item) in scanned for item in built)
    finally:
        gc.unfreeze()


def test_paused_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()

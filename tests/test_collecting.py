"""Pausing the cyclic garbage collector: restored as it was, whatever happens in the block."""

from __future__ import annotations

import gc

import pytest

from factcheck.collecting import collecting_later


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_in_the_block_and_restored_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with collecting_later():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), collecting_later():
            raise RuntimeError("cut short")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()

"""Golden outputs of the bundled corpus in every report format, and of a check of a new article in every check
format (regenerate with tests/golden/regenerate.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def _regenerate_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("regenerate", GOLDEN / "regenerate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGENERATE = _regenerate_module()
OUTPUTS = REGENERATE.render_all()


@pytest.mark.parametrize("file_name", sorted([*REGENERATE.FORMATS.values(), *REGENERATE.CHECK_FILES.values()]))
def test_output_matches_golden(file_name: str) -> None:
    golden = (GOLDEN / file_name).read_text(encoding="utf-8")
    assert golden.startswith(REGENERATE.HEADER), "golden files carry the regeneration header"
    assert OUTPUTS[file_name] == golden[len(REGENERATE.HEADER) :], (
        f"{file_name} differs from the golden output; if the change is deliberate, run "
        "python tests/golden/regenerate.py and review the diff"
    )


def test_rendering_twice_is_byte_identical() -> None:
    assert REGENERATE.render_all() == OUTPUTS

"""Session fixtures: the demo network built once (helpers live in ``support``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.site import DEMO_CONTENT, build_content


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo network, built once per test session."""
    output = tmp_path_factory.mktemp("demo") / "output"
    build_content(DEMO_CONTENT, output)
    return output

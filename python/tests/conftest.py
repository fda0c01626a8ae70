from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def fixture_text(repo):
    def read(name: str) -> str:
        return (repo / "tests" / "fixtures" / name).read_text(encoding="utf-8")

    return read

"""The repository stays clean under its own linters: ``ruff check`` (rules in
pyproject.toml's ``[tool.ruff]``) over s3double, tests and examples, and ``mypy``
(``--strict``, ``[tool.mypy]``) over s3double. Both come with the ``test`` extra;
a test is skipped only when its tool is not installed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(tool: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(tool) is None:
        pytest.skip(f"{tool} is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [sys.executable, "-m", tool, *arguments],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "--no-cache", "s3double", "tests", "examples", "docs")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing(tmp_path: Path) -> None:
    result = _run("mypy", "--cache-dir", str(tmp_path / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout

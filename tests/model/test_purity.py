"""The model package is pure: standard library and ``s3double.model`` only.

STYLE.md: "Nothing under ``model/`` imports from outside it, so ``tests/model/``
runs without botocore." Checked twice: statically, and by running the model in a
fresh interpreter where botocore and xmltodict cannot be imported.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import s3double.model

MODEL_DIR = Path(s3double.model.__file__).parent
MODEL_FILES = sorted(MODEL_DIR.rglob("*.py"))
PACKAGE = "s3double.model"


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in ``source``, a module of ``package``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: climb from the module's package
                parts = package.split(".")
                base = parts[: len(parts) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def imports_of(path: Path) -> list[tuple[int, str]]:
    package = ".".join([PACKAGE, *path.parent.relative_to(MODEL_DIR).parts])
    return imported_modules(path.read_text(encoding="utf-8"), package)


def allowed(module: str) -> bool:
    top = module.partition(".")[0]
    return module == PACKAGE or module.startswith(PACKAGE + ".") or top in sys.stdlib_module_names


def test_the_scan_sees_the_whole_package() -> None:
    names = {path.name for path in MODEL_FILES}
    assert {"__init__.py", "store.py", "bucket.py", "versions.py", "deletion.py"} <= names
    assert any(module.startswith(PACKAGE + ".") for path in MODEL_FILES
               for _, module in imports_of(path)), "relative imports are resolved"


SAMPLE = """
import os, botocore.session
from . import versions
from .bucket import Bucket
from .. import errors
from ..wire.xml import parse
from xmltodict import parse as xparse
if True:
    import hypothesis
def f():
    import json
"""


def test_the_scan_finds_every_import_and_resolves_relative_ones() -> None:
    found = [module for _, module in imported_modules(SAMPLE, PACKAGE)]
    assert found == ["os", "botocore.session", PACKAGE, PACKAGE + ".bucket", "s3double",
                     "s3double.wire.xml", "xmltodict", "hypothesis", "json"]
    assert [module for module in found if not allowed(module)] == [
        "botocore.session", "s3double", "s3double.wire.xml", "xmltodict", "hypothesis"]


@pytest.mark.parametrize("module", ["botocore", "xmltodict", "s3double", "s3double.errors",
                                    "s3double.wire.xml", "s3double.modelling", "hypothesis"])
def test_the_rule_rejects_imports_from_outside(module: str) -> None:
    assert not allowed(module)


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda path: path.name)
def test_model_imports_only_stdlib_and_itself(path: Path) -> None:
    outside = [f"{path.name}:{line}: {module}" for line, module in imports_of(path)
               if not allowed(module)]
    assert outside == []


BLOCKED_RUN = textwrap.dedent("""
    import sys

    BLOCKED = ("botocore", "xmltodict")

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in BLOCKED:
                raise ModuleNotFoundError(f"No module named {name!r} (blocked)", name=name)
            return None

    sys.meta_path.insert(0, Block())
    try:
        import botocore  # noqa: F401
    except ModuleNotFoundError:
        pass
    else:
        raise SystemExit("the blocker does not work")

    import s3double.model as model
    from s3double.model.deletion import delete_key
    from s3double.model.listing import list_keys

    store = model.Store(version_id_seed=1)
    bucket = store.create_bucket("b", versioning="Enabled")
    version = bucket.put("k", b"body")
    outcome = delete_key(bucket, "k", now=store.now())
    assert outcome.delete_marker, outcome
    assert delete_key(bucket, "k", version.version_id, now=store.now()).version_id
    assert list_keys(bucket).objects == []
    loaded = sorted(n for n in sys.modules if n.partition(".")[0] in BLOCKED)
    assert not loaded, loaded
    print("model ok")
""")


def test_the_model_runs_where_botocore_and_xmltodict_cannot_be_imported() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCKED_RUN], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "model ok"

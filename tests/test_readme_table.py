"""README.md's table of served operations is the one the declarations make.

Regenerate it with ``python -m s3double.wire.served_table --write``.
"""

from __future__ import annotations

from pathlib import Path

from s3double.operations import OPERATIONS
from s3double.wire import served_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_table_matches_the_declarations():
    text = README.read_text(encoding="utf-8")
    assert served_table.with_table(text) == text, (
        "README.md's served-operations table is stale: run python -m s3double.wire.served_table --write"
    )


def test_every_served_operation_has_a_row_and_nothing_else_does():
    rows = served_table.table().splitlines()[2:]
    assert sorted(row.split(" | ")[0].lstrip("| ") for row in rows) == sorted(OPERATIONS)


def test_a_changed_declaration_makes_the_table_stale(monkeypatch):
    text = README.read_text(encoding="utf-8")
    declared = OPERATIONS["GetObjectTagging"]
    monkeypatch.setitem(OPERATIONS, "GetObjectTagging", type(declared)(
        declared.name, declared.handler, declared.headers | {"x-amz-request-payer"},
        declared.header_prefixes, declared.query, declared.body, declared.root,
        declared.group, declared.status,
    ))
    assert served_table.with_table(text) != text

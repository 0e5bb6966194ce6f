"""Every served S3 operation's declaration, collected.

Importing this module imports each group, whose ``@operation`` declarations fill
``OPERATIONS``; routing, the 501 check and the README's table read it from here.
"""

from __future__ import annotations

from . import buckets, configuration, listing, locking, multipart, objects  # noqa: F401  (declarations)
from .declaration import OPERATIONS, Operation

GROUPS = ("objects", "multipart", "buckets", "configuration", "listing", "locking")

__all__ = ["GROUPS", "OPERATIONS", "Operation", "served_table"]


def served_table(members: dict[str, dict[str, str]]) -> str:
    """The README's table of served operations, as Markdown: each operation with the
    request members it models, named as botocore names them. ``members`` maps an
    operation to its wire names (header or query parameter) -> member names."""
    rows = ["| operation | group | request members modelled |", "|---|---|---|"]
    order = {group: index for index, group in enumerate(GROUPS)}
    for declared in sorted(OPERATIONS.values(), key=lambda op: (order[op.group], op.name)):
        names = members.get(declared.name, {})
        modelled = {names.get(wire, wire) for wire in (*declared.headers, *declared.query)}
        modelled |= {f"{names.get(prefix + '*', prefix + '*')}" for prefix in declared.header_prefixes}
        cell = ", ".join(f"`{name}`" for name in sorted(modelled)) or "none"
        rows.append(f"| {declared.name} | {declared.group} | {cell} |")
    return "\n".join(rows) + "\n"

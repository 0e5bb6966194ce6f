"""S3's error messages live in one place, ``s3double/errors.py`` (``ErrorCode`` and
``Message``); every other module names them.

Parsed with ``ast``, every module under ``s3double/`` but ``errors.py`` is checked for
an S3 message written inline: a string literal or f-string passed as the message of
``S3Error(...)``, ``invalid_argument(...)`` or ``KeyError_(...)``, prose in one of
their fields (``additionalMessage="..."``), or a module-level
constant holding English prose (two lowercase words in a row, as a message has and a
header name or an operation list has not).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from s3double.errors import Message

PACKAGE = Path(__file__).resolve().parents[1] / "s3double"
CATALOGUE = PACKAGE / "errors.py"
# The call, and the position of its message argument.
MESSAGE_ARGUMENT = {"S3Error": 1, "invalid_argument": 0, "KeyError_": 3}
PROSE = re.compile(r"\b[a-z]+ [a-z]+\b")


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if path != CATALOGUE)


def _called(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _is_text(node: ast.expr) -> bool:
    """A message written in place: a literal, an f-string, or text built from them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return False


def inline_messages(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, source) of each message written inline in an error call."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or _called(node) not in MESSAGE_ARGUMENT:
            continue
        position = MESSAGE_ARGUMENT[_called(node) or ""]
        arguments = [node.args[position]] if len(node.args) > position else []
        arguments += [keyword.value for keyword in node.keywords if keyword.arg == "message"]
        for argument in arguments:
            if _is_text(argument):
                yield node.lineno, ast.unparse(argument)
        for keyword in node.keywords:  # a field holding prose (``additionalMessage=``)
            if keyword.arg != "message" and any(PROSE.search(text) for text in _texts(keyword.value)):
                yield node.lineno, ast.unparse(keyword.value)


def _texts(node: ast.AST) -> Iterator[str]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value


def prose_constants(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, text) of module-level assignments holding what reads like a message."""
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            for text in _texts(statement.value):
                if PROSE.search(text) and not text.startswith("<!--"):  # markup, not a message
                    yield statement.lineno, text


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_s3_message_is_written_outside_the_catalogue(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = [*inline_messages(tree), *prose_constants(tree)]
    assert found == [], f"{path}: name these messages in s3double.errors.Message: {found}"


def test_the_checks_catch_what_they_look_for() -> None:
    source = (
        'raise S3Error(ErrorCode.INVALID_REQUEST, "Bad thing happened")\n'
        'raise invalid_argument(f"Argument {name} is wrong", name, value)\n'
        'KeyError_(key, None, "AccessDenied", "Access " + "Denied")\n'
        'S3Error(ErrorCode.X, message="written here")\n'
        'S3Error(ErrorCode.X, Message.OBJECT_PROTECTED)\n'
        'S3Error(ErrorCode.X, Header="If-Match", additionalMessage="We do not accept it")\n'
        'invalid_argument(Message.INTEGER_BETWEEN.format(name=n, minimum=0), n, v)\n'
        'HEADER = "x-amz-mfa"\n'
        'REFUSED = {1: ("Code", "The object is locked")}\n'
    )
    tree = ast.parse(source)
    assert [line for line, _ in inline_messages(tree)] == [1, 2, 3, 4, 6]
    assert [line for line, _ in prose_constants(tree)] == [9]


def test_every_catalogued_message_is_used() -> None:
    """A message no module names is dead weight in the catalogue."""
    names = [name for name in vars(Message) if name.isupper()]
    sources = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))
    unused = [name for name in names if f"Message.{name}" not in sources]
    assert unused == []

"""The plain-form reader of DeleteObjects bodies agrees with the full parser on every
body: it reads botocore's form, and declines (None) whatever it does not read exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from s3double.errors import S3Error
from s3double.wire.plain_delete import plain_delete_request
from s3double.wire.readers import parse_delete

HEAD = b'<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'


def full(body: bytes):  # noqa: ANN201
    """What the full parser makes of ``body`` (the plain reader bypassed)."""
    from s3double.wire import readers

    original = readers.plain_delete_request
    readers.plain_delete_request = lambda _: None
    try:
        return parse_delete(body)
    except S3Error as error:
        return error.code
    finally:
        readers.plain_delete_request = original


def test_botocore_form_is_read_plainly():
    body = HEAD + b"<Object><Key>a b/c</Key></Object><Object><Key>k</Key><VersionId>v.1</VersionId></Object>"
    body += b"<Quiet>true</Quiet></Delete>"
    plain = plain_delete_request(body)
    assert plain is not None
    assert plain == full(body)
    assert [(entry.key, entry.version_id) for entry in plain.objects] == [("a b/c", None), ("k", "v.1")]
    assert plain.quiet is True


@pytest.mark.parametrize("inner", [
    b"<Object><Key>a&amp;b</Key></Object>",  # an entity
    b"<Object><Key>a\rb</Key></Object>",  # CR: an XML parser reads LF
    b"<Object><Key>a</Key><ETag>e</ETag></Object>",  # a condition
    b"<Object><Key>a</Key><VersionId></VersionId></Object>",  # an empty version id
    b"<Object> <Key>a</Key></Object>",  # white space between elements
    b"<Object><Key>a<x/>b</Key></Object>",  # markup inside a key
    b"",  # no object
    "<Object><Key>\ufffe</Key></Object>".encode(),  # not an XML character
    b"<Object><Key>\xff</Key></Object>",  # not UTF-8
])
def test_anything_else_goes_to_the_full_parser(inner):
    assert plain_delete_request(HEAD + inner + b"</Delete>") is None


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@given(
    st.lists(st.tuples(TEXT, st.none() | TEXT), min_size=1, max_size=5),
    st.sampled_from([b"", b"<Quiet>false</Quiet>"]),
)
def test_whenever_the_plain_reader_reads_it_agrees_with_the_full_parser(entries, quiet):
    inner = b"".join(
        b"<Object><Key>" + key.encode("utf-8", "surrogatepass") + b"</Key>"
        + (b"<VersionId>" + version.encode() + b"</VersionId>" if version is not None else b"")
        + b"</Object>"
        for key, version in entries
    )
    body = HEAD + inner + quiet + b"</Delete>"
    plain = plain_delete_request(body)
    if plain is not None:
        assert plain == full(body)

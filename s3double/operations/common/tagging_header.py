"""The ``x-amz-tagging`` header (PutObject, CreateMultipartUpload, and CopyObject with
``x-amz-tagging-directive: REPLACE``): a tag set in URL query syntax, ``k1=v1&k2=v2``.

S3's parsing, recorded (tests/data/aws/facts-bucket-configuration.md 1.8): a name
without ``=`` is a tag with an empty value; empty segments (``a&&&b``) are skipped; a
name given twice, or a segment with a second ``=`` (``k1=v1,k2=v2``), is 400
InvalidArgument naming the header. Names and values are URL-decoded (``+`` is a space,
as in any URL query), then the tag set is checked by ``model.tagging`` (400 InvalidTag,
or BadRequest past 10 tags), as PutObjectTagging checks it.
"""

from __future__ import annotations

from urllib.parse import unquote_plus

from ...errors import Message, S3Error, invalid_argument
from ...model.tagging import Tag, tag_set_problem

TAGGING = "x-amz-tagging"


def parse_tagging_header(value: str) -> tuple[Tag, ...]:
    """The tag set ``value`` names, in the order given; S3's error when it is malformed
    or breaks a tag rule."""
    tags: list[Tag] = []
    seen: set[str] = set()
    for segment in value.split("&"):
        if not segment:
            continue
        name, _, tag_value = segment.partition("=")
        key = unquote_plus(name)
        if "=" in tag_value or key in seen:
            raise _malformed(value)
        seen.add(key)
        tags.append((key, unquote_plus(tag_value)))
    problem = tag_set_problem(tags)
    if problem is not None:
        # Imported here: objects/__init__ imports the operations that import this module.
        from ..objects.tagging import tag_error

        raise tag_error(problem)
    return tuple(tags)


def _malformed(value: str) -> S3Error:
    return invalid_argument(Message.TAGGING_HEADER, TAGGING, value)

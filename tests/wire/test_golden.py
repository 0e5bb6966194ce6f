"""s3double's XML, parsed by botocore, equals S3's own documented responses, parsed alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from botocore.parsers import RestXMLParser
from botocore.session import get_session

from s3double.errors import ErrorCode, S3Error
from s3double.model.listing import KeyPage, VersionPage
from s3double.model.outcomes import Deleted
from s3double.model.versions import DeleteMarker, ObjectVersion
from s3double.operations.results import DeleteResult, KeyError_, KeyListing, VersionListing
from s3double.wire.render import render, render_error

DATA = Path(__file__).parent.parent / "data" / "aws"
S3_MODEL = get_session().get_service_model("s3")
UTC = dt.timezone.utc


def parse(operation: str, status: int, body: bytes) -> dict:
    shape = S3_MODEL.operation_model(operation).output_shape
    parsed = RestXMLParser().parse({"status_code": status, "headers": {}, "body": body}, shape)
    parsed.pop("ResponseMetadata", None)
    return _without_owner_ids(parsed)


def _without_owner_ids(value):
    if isinstance(value, dict):
        return {k: _without_owner_ids(v) for k, v in value.items() if k != "Owner"}
    if isinstance(value, list):
        return [_without_owner_ids(v) for v in value]
    return value


def golden(name: str, operation: str, status: int = 200) -> dict:
    return parse(operation, status, (DATA / name).read_bytes())


def ours(operation: str, result, method: str = "GET") -> dict:
    status, headers, body = render(result, method)
    assert headers["Content-Length"] == str(len(body))
    return parse(operation, status, body)


def version(key: str, version_id: str, etag: str, size: int, when: str) -> ObjectVersion:
    return ObjectVersion(key, version_id, b"x" * size, etag, dt.datetime.fromisoformat(when))


def test_mixed_delete_result():
    result = DeleteResult(
        [Deleted("sample1.txt")],
        [KeyError_("sample2.txt", None, "AccessDenied", "Access Denied")],
        quiet=False,
    )
    assert ours("DeleteObjects", result) == golden("delete_objects_mixed.xml", "DeleteObjects")


def test_versioned_delete_result():
    result = DeleteResult(
        [
            Deleted("SampleDocument.txt", delete_marker=True,
                    delete_marker_version_id="NeQt5xeFTfgPJD8B4CGWnkSLtluMr11s"),
            Deleted("SampleDocument.txt", "OYcLXagmS.WaD..oyH4KRguB95_YhLs7"),
        ],
        [],
        quiet=False,
    )
    assert ours("DeleteObjects", result) == golden("delete_objects_versioned.xml", "DeleteObjects")


def test_list_object_versions():
    entries = [
        (version("my-image.jpg", "3_L4kqtJl40Nr8X8gdRQBpUMLUo", '"fba9dede5f27731c9771645a39863328"',
                 434234, "2009-10-12T17:50:30+00:00"), True),
        (DeleteMarker("my-second-image.jpg", "03jpff543dhffds434rfdsFDN943fdsFkdmqnh892",
                      dt.datetime(2009, 11, 12, 17, 50, 30, tzinfo=UTC)), True),
        (version("my-second-image.jpg", "QUpfdndhfd8438MNFDN93jdnJFkdmqnh893",
                 '"9b2cf535f27731c974343645a3985328"', 166434, "2009-10-10T17:50:30+00:00"), False),
    ]
    result = VersionListing("bucket", VersionPage(entries=entries), "my", "", "", "", 5, None, "acct")
    assert ours("ListObjectVersions", result) == golden("list_object_versions.xml", "ListObjectVersions")


def test_list_objects_v2():
    page = KeyPage(
        objects=[version("my-image.jpg", "null", '"fba9dede5f27731c9771645a39863328"', 434234,
                         "2009-10-12T17:50:30+00:00")],
        common_prefixes=["photos/"],
    )
    result = KeyListing("bucket", page, 2, "", "", 1000, None, "acct")
    assert ours("ListObjectsV2", result) == golden("list_objects_v2.xml", "ListObjectsV2")


def test_error_document():
    status, headers, body = render_error(S3Error(ErrorCode.NO_SUCH_KEY, Key="myfoto.jpg"), "GET")
    shape = S3_MODEL.operation_model("GetObject").output_shape
    response = {"status_code": status, "headers": headers, "body": body}
    ours_parsed = RestXMLParser().parse(response, shape)
    theirs = RestXMLParser().parse(
        {"status_code": 404, "headers": {}, "body": (DATA / "error_no_such_key.xml").read_bytes()}, shape
    )
    assert ours_parsed["Error"]["Code"] == theirs["Error"]["Code"] == "NoSuchKey"
    assert ours_parsed["Error"]["Message"] == theirs["Error"]["Message"]
    assert ours_parsed["Error"]["Key"] == theirs["Error"]["Key"]
    assert ours_parsed["ResponseMetadata"]["RequestId"] == headers["x-amz-request-id"]
    assert len(headers["x-amz-request-id"]) == len("4442587FB7D0A2F9")  # S3's request-id shape


@pytest.mark.parametrize(
    "key", ["a\rb", "a\r\nb", "\ttab", "<&>\"'", " edge ", "é😀", "line\nfeed"]
)
def test_keys_survive_botocores_parser(key):
    result = DeleteResult([Deleted(key)], [KeyError_(key, "v", "NoSuchVersion", "m")], quiet=False)
    parsed = ours("DeleteObjects", result)
    assert parsed["Deleted"][0]["Key"] == key
    assert parsed["Errors"][0]["Key"] == key


def test_head_errors_carry_no_body():
    status, headers, body = render_error(S3Error(ErrorCode.NO_SUCH_KEY, Key="k"), "HEAD")
    assert (status, body) == (404, b"")
    assert headers["Content-Length"] == "0" and headers["x-amz-request-id"]

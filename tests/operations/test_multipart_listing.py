"""ListParts and ListMultipartUploads through boto3: order, pages and their markers,
prefix and delimiter, and the paginators that follow the markers.

Shapes: S3 API reference, ListParts and ListMultipartUploads; LocalStack's recorded
ListParts (test_s3.snapshot.json, test_complete_multipart_parts_checksum).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from multipart_support import refused_upload, send, start

from s3double.wire.render import canonical_user_id


def test_list_parts_shows_each_part_and_the_upload(s3double, s3, bucket):
    upload_id = start(s3, bucket)
    send(s3, bucket, upload_id, 2, b"bb")
    send(s3, bucket, upload_id, 1, b"a")

    listing = s3.list_parts(Bucket=bucket, Key="k", UploadId=upload_id)

    parts = s3double.store.bucket(bucket).uploads.get(upload_id, "k").parts
    assert [(p["PartNumber"], p["ETag"], p["Size"]) for p in listing["Parts"]] == [
        (1, parts[1].etag, 1), (2, parts[2].etag, 2),
    ]
    assert all("LastModified" in p for p in listing["Parts"])
    assert (listing["Bucket"], listing["Key"], listing["UploadId"]) == (bucket, "k", upload_id)
    assert (listing["PartNumberMarker"], listing["NextPartNumberMarker"]) == (0, 2)
    assert (listing["MaxParts"], listing["IsTruncated"], listing["StorageClass"]) == (
        1000, False, "STANDARD",
    )
    owner = {"ID": canonical_user_id("123456789012")}
    assert (listing["Initiator"], listing["Owner"]) == (owner, owner)


def test_list_parts_of_an_upload_without_parts(s3, bucket):
    upload_id = start(s3, bucket)

    listing = s3.list_parts(Bucket=bucket, Key="k", UploadId=upload_id)

    assert "Parts" not in listing and listing["IsTruncated"] is False


def test_list_parts_pages_resume_after_the_next_marker(s3, bucket):
    upload_id = start(s3, bucket)
    for number in (1, 2, 3, 5, 8):
        send(s3, bucket, upload_id, number, b"x")

    first = s3.list_parts(Bucket=bucket, Key="k", UploadId=upload_id, MaxParts=2)
    second = s3.list_parts(Bucket=bucket, Key="k", UploadId=upload_id, MaxParts=2,
                           PartNumberMarker=first["NextPartNumberMarker"])
    pages = s3.get_paginator("list_parts").paginate(
        Bucket=bucket, Key="k", UploadId=upload_id, PaginationConfig={"PageSize": 2}
    )

    assert [p["PartNumber"] for p in first["Parts"]] == [1, 2]
    assert (first["IsTruncated"], first["NextPartNumberMarker"], first["MaxParts"]) == (True, 2, 2)
    assert [p["PartNumber"] for p in second["Parts"]] == [3, 5]
    assert (second["PartNumberMarker"], second["IsTruncated"]) == (2, True)
    assert [p["PartNumber"] for page in pages for p in page["Parts"]] == [1, 2, 3, 5, 8]


def test_a_negative_max_parts_is_invalid_argument(s3double, s3, bucket):
    upload_id = start(s3, bucket)

    answer = refused_upload(s3double.store, s3.list_parts, Bucket=bucket, Key="k",
                            UploadId=upload_id, MaxParts=-1)

    assert (answer.status, answer.error["Code"], answer.error["ArgumentName"]) == (
        400, "InvalidArgument", "max-parts",
    )


# -- ListMultipartUploads -----------------------------------------------------------------


@pytest.fixture
def uploads(s3, bucket):  # noqa: ANN001, ANN201
    """(key, upload id) in the order S3 lists them: by key, then by initiation."""
    made = [(key, start(s3, bucket, key)) for key in ("b", "a/1", "b", "a/2", "c")]
    return sorted(made, key=lambda pair: (pair[0], made.index(pair)))


def listed(page):  # noqa: ANN001, ANN201
    return [(u["Key"], u["UploadId"]) for u in page.get("Uploads", [])]


def test_uploads_are_listed_by_key_then_initiation(s3, bucket, uploads):
    page = s3.list_multipart_uploads(Bucket=bucket)

    assert listed(page) == uploads
    assert (page["IsTruncated"], page["MaxUploads"], page["KeyMarker"]) == (False, 1000, "")
    assert (page["NextKeyMarker"], page["NextUploadIdMarker"]) == uploads[-1]
    first = page["Uploads"][0]
    assert first["StorageClass"] == "STANDARD" and "Initiated" in first
    assert first["Initiator"] == first["Owner"] == {"ID": canonical_user_id("123456789012")}


def test_a_page_ends_with_markers_that_resume_it(s3, bucket, uploads):
    first = s3.list_multipart_uploads(Bucket=bucket, MaxUploads=3)
    rest = s3.list_multipart_uploads(
        Bucket=bucket, KeyMarker=first["NextKeyMarker"], UploadIdMarker=first["NextUploadIdMarker"]
    )
    pages = s3.get_paginator("list_multipart_uploads").paginate(
        Bucket=bucket, PaginationConfig={"PageSize": 2}
    )

    assert listed(first) == uploads[:3] and first["IsTruncated"] is True
    assert (first["NextKeyMarker"], first["NextUploadIdMarker"]) == uploads[2]
    assert listed(rest) == uploads[3:]
    assert (rest["KeyMarker"], rest["UploadIdMarker"]) == uploads[2]
    assert [pair for page in pages for pair in listed(page)] == uploads


def test_a_key_marker_alone_skips_that_keys_uploads(s3, bucket, uploads):
    page = s3.list_multipart_uploads(Bucket=bucket, KeyMarker="a/2")

    assert listed(page) == [pair for pair in uploads if pair[0] > "a/2"]


def test_an_upload_id_marker_without_a_key_marker_is_ignored(s3, bucket, uploads):
    page = s3.list_multipart_uploads(Bucket=bucket, UploadIdMarker=uploads[2][1])

    assert listed(page) == uploads and page["UploadIdMarker"] == ""


def test_prefix_and_delimiter_group_uploads(s3, bucket, uploads):
    grouped = s3.list_multipart_uploads(Bucket=bucket, Delimiter="/")
    prefixed = s3.list_multipart_uploads(Bucket=bucket, Prefix="a/")

    assert [p["Prefix"] for p in grouped["CommonPrefixes"]] == ["a/"]
    assert listed(grouped) == [pair for pair in uploads if "/" not in pair[0]]
    assert grouped["Delimiter"] == "/"
    assert listed(prefixed) == uploads[:2] and prefixed["Prefix"] == "a/"


def test_url_encoding_applies_to_keys(s3, bucket):
    upload_id = start(s3, bucket, "a b+c/é")

    page = s3.list_multipart_uploads(Bucket=bucket, EncodingType="url")

    assert listed(page) == [(quote_plus("a b+c/é", safe="/"), upload_id)]
    assert page["EncodingType"] == "url"


def test_completed_and_aborted_uploads_leave_the_listing(s3, bucket, uploads):
    key, upload_id = uploads[0]
    part = send(s3, bucket, upload_id, 1, b"x", key=key)
    s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                 MultipartUpload={"Parts": [part]})
    s3.abort_multipart_upload(Bucket=bucket, Key=uploads[1][0], UploadId=uploads[1][1])

    assert listed(s3.list_multipart_uploads(Bucket=bucket)) == uploads[2:]


def test_an_unknown_encoding_type_is_invalid_argument(s3double, s3, bucket):
    answer = refused_upload(s3double.store, s3.list_multipart_uploads, Bucket=bucket,
                            EncodingType="base64")

    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidArgument",
        "Message": "Invalid Encoding Method specified in Request",
        "ArgumentName": "encoding-type",
        "ArgumentValue": "base64",
    })


# -- against the recording (facts-copy-multipart.md 8.1, recorded/list_parts.json) -------


def _recorded_list_parts(name: str) -> dict:
    path = Path(__file__).resolve().parents[1] / "data" / "aws" / "recorded" / "list_parts.json"
    for recording in json.loads(path.read_text(encoding="utf-8"))["recordings"]:
        if recording["source"]["test"].endswith("::test_multipart_and_list_parts"):
            return recording["responses"][name]
    raise LookupError(name)


SHAPE = ("IsTruncated", "Key", "MaxParts", "NextPartNumberMarker", "PartNumberMarker",
         "StorageClass")


def test_list_parts_repeats_the_recorded_test_multipart_and_list_parts(s3double, s3, bucket):
    """LocalStack's test_multipart_and_list_parts, step by step: the listing's fields
    before and after the part, and 404 NoSuchUpload once completed. (AWS's Initiator
    also carries a DisplayName, masked in the recording; s3double sends the ID only.)"""
    key = "test-list-parts"
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    created = s3.list_parts(Bucket=bucket, Key=key, UploadId=upload_id)
    part = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=1,
                          Body=b"upload-part-1" * 5)
    uploaded = s3.list_parts(Bucket=bucket, Key=key, UploadId=upload_id)
    s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={
        "Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    completed = refused_upload(s3double.store, s3.list_parts, Bucket=bucket, Key=key,
                               UploadId=upload_id)

    for got, name in ((created, "list-part-after-created"), (uploaded, "list-part-after-upload")):
        expected = _recorded_list_parts(name)
        assert {field: got[field] for field in SHAPE} == {field: expected[field] for field in SHAPE}
        assert [(p["PartNumber"], p["ETag"], p["Size"]) for p in got.get("Parts", [])] == [
            (p["PartNumber"], p["ETag"], p["Size"]) for p in expected.get("Parts", [])
        ]
        assert set(got["Owner"]) == set(expected["Owner"]) == {"ID"}
    error = _recorded_list_parts("list-part-after-complete-exc")["Error"]
    assert (completed.status, completed.error) == (404, {**error, "UploadId": upload_id})

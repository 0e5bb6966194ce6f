"""CopyObject through boto3: within and across buckets, metadata directive, source
versions, refusals (tests/data/aws/facts-objects.md section 10) and the version headers
of section 11; restoring a version by copying it onto its key, the metadata and tagging
directives and multipart sources (facts-copy-multipart.md sections 3 and 9). The
copy-source conditions are in test_copy_conditions.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re

import pytest
from s3_refusals import refused

VERSION_ID = re.compile(r"[A-Za-z0-9._]{32}")
COPY_TO_ITSELF = (
    "This copy request is illegal because it is trying to copy an object to itself without "
    "changing the object's metadata, storage class, website redirect location or encryption "
    "attributes."
)
COPY_DELETE_MARKER = (
    "The source of a copy request may not specifically refer to a delete marker by version id."
)


def etag(body: bytes) -> str:
    return f'"{hashlib.md5(body).hexdigest()}"'


def make_bucket(s3, name: str, status: str | None) -> str:  # noqa: ANN001
    s3.create_bucket(Bucket=name)
    if status is not None:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": status})
    return name


def fetch(s3, bucket: str, key: str, **params) -> tuple[dict, bytes]:  # noqa: ANN001
    response = s3.get_object(Bucket=bucket, Key=key, **params)
    return response, response.pop("Body").read()


@pytest.fixture
def source(s3, bucket):  # noqa: ANN001, ANN201
    s3.put_object(
        Bucket=bucket, Key="src", Body=b"source body", ContentType="text/plain",
        Metadata={"origin": "source"}, CacheControl="max-age=5",
    )
    return bucket


# -- copies --------------------------------------------------------------------------


def test_copy_within_a_bucket(s3double, s3, source):
    copied_at = dt.datetime(2025, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)
    s3double.clock.set(copied_at)

    response = s3.copy_object(Bucket=source, Key="dst", CopySource={"Bucket": source, "Key": "src"})

    assert response["CopyObjectResult"]["ETag"] == etag(b"source body")
    got, body = fetch(s3, source, "dst")
    assert body == b"source body"
    assert got["ETag"] == etag(b"source body")
    assert got["LastModified"] == response["CopyObjectResult"]["LastModified"] == copied_at
    assert fetch(s3, source, "src")[1] == b"source body"


def test_copy_across_buckets(s3, source):
    make_bucket(s3, "other-bucket", None)

    s3.copy_object(Bucket="other-bucket", Key="dst", CopySource=f"{source}/src")

    assert fetch(s3, "other-bucket", "dst")[1] == b"source body"


@pytest.mark.parametrize("key", ["with space", "a+b", "100%", "ünïcödé/ключ", "emoji 🎉"])
def test_copy_source_key_is_url_encoded_by_botocore(s3, bucket, key):
    s3.put_object(Bucket=bucket, Key=key, Body=b"odd key")

    s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": key})

    assert fetch(s3, bucket, "dst")[1] == b"odd key"


def test_metadata_directive_copy_keeps_source_metadata(s3, source):
    s3.copy_object(
        Bucket=source, Key="dst", CopySource={"Bucket": source, "Key": "src"},
        MetadataDirective="COPY",
    )

    got, _ = fetch(s3, source, "dst")
    assert got["Metadata"] == {"origin": "source"}
    assert got["ContentType"] == "text/plain"
    assert got["CacheControl"] == "max-age=5"


def test_metadata_directive_replace_uses_the_request(s3, source):
    s3.copy_object(
        Bucket=source, Key="dst", CopySource={"Bucket": source, "Key": "src"},
        MetadataDirective="REPLACE", Metadata={"fresh": "yes"}, ContentType="application/json",
    )

    got, body = fetch(s3, source, "dst")
    assert body == b"source body"
    assert got["Metadata"] == {"fresh": "yes"}
    assert got["ContentType"] == "application/json"
    assert "CacheControl" not in got


def test_copy_by_source_version_id(s3, versioned_bucket):
    old = s3.put_object(Bucket=versioned_bucket, Key="src", Body=b"old")["VersionId"]
    s3.put_object(Bucket=versioned_bucket, Key="src", Body=b"new")

    response = s3.copy_object(
        Bucket=versioned_bucket, Key="dst",
        CopySource={"Bucket": versioned_bucket, "Key": "src", "VersionId": old},
    )

    assert response["CopySourceVersionId"] == old
    assert fetch(s3, versioned_bucket, "dst")[1] == b"old"


def test_copy_result_carries_the_source_checksum(s3, bucket):
    s3.put_object(Bucket=bucket, Key="src", Body=b"sum", ChecksumAlgorithm="SHA256")

    response = s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"})

    expected = base64.b64encode(hashlib.sha256(b"sum").digest()).decode()
    assert response["CopyObjectResult"]["ChecksumSHA256"] == expected


# -- copying onto itself -------------------------------------------------------------


@pytest.mark.parametrize("status", [None, "Enabled", "Suspended"])
@pytest.mark.parametrize("directive", [{}, {"MetadataDirective": "COPY"}], ids=["default", "COPY"])
def test_copy_to_itself_without_replace_is_refused(s3double, s3, status, directive):
    name = make_bucket(s3, "self-copy", status)
    s3.put_object(Bucket=name, Key="k", Body=b"x")

    answer = refused(
        s3double.store, s3.copy_object, Bucket=name, Key="k",
        CopySource={"Bucket": name, "Key": "k"}, **directive,
    )

    assert answer.status == 400
    assert answer.error == {"Code": "InvalidRequest", "Message": COPY_TO_ITSELF}


def test_copy_to_itself_with_replace_changes_metadata(s3, source):
    s3.copy_object(
        Bucket=source, Key="src", CopySource={"Bucket": source, "Key": "src"},
        MetadataDirective="REPLACE", Metadata={"origin": "replaced"},
    )

    got, body = fetch(s3, source, "src")
    assert (body, got["Metadata"]) == (b"source body", {"origin": "replaced"})


# -- refusals ------------------------------------------------------------------------


def test_missing_source_key(s3double, s3, bucket):
    answer = refused(
        s3double.store, s3.copy_object, Bucket=bucket, Key="dst",
        CopySource={"Bucket": bucket, "Key": "absent"},
    )

    assert answer.status == 404
    assert answer.error == {
        "Code": "NoSuchKey", "Message": "The specified key does not exist.", "Key": "absent",
    }


def test_missing_source_bucket(s3double, s3, bucket):
    answer = refused(
        s3double.store, s3.copy_object, Bucket=bucket, Key="dst",
        CopySource={"Bucket": "no-such-source", "Key": "k"},
    )

    assert answer.status == 404
    assert answer.error == {
        "Code": "NoSuchBucket",
        "Message": "The specified bucket does not exist",
        "BucketName": "no-such-source",
    }


def test_missing_destination_bucket(s3double, s3, source):
    answer = refused(
        s3double.store, s3.copy_object, Bucket="no-such-target", Key="dst",
        CopySource={"Bucket": source, "Key": "src"},
    )

    assert answer.status == 404
    assert answer.error == {
        "Code": "NoSuchBucket",
        "Message": "The specified bucket does not exist",
        "BucketName": "no-such-target",
    }


def test_source_delete_marker_by_version_id(s3double, s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="src", Body=b"x")
    marker = s3.delete_object(Bucket=versioned_bucket, Key="src")["VersionId"]

    answer = refused(
        s3double.store, s3.copy_object, Bucket=versioned_bucket, Key="dst",
        CopySource={"Bucket": versioned_bucket, "Key": "src", "VersionId": marker},
    )

    assert answer.status == 400
    assert answer.error == {"Code": "InvalidRequest", "Message": COPY_DELETE_MARKER}


def test_source_whose_current_version_is_a_delete_marker(s3double, s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="src", Body=b"x")
    s3.delete_object(Bucket=versioned_bucket, Key="src")

    answer = refused(
        s3double.store, s3.copy_object, Bucket=versioned_bucket, Key="dst",
        CopySource={"Bucket": versioned_bucket, "Key": "src"},
    )

    assert answer.status == 404
    assert answer.error == {
        "Code": "NoSuchKey", "Message": "The specified key does not exist.", "Key": "src",
    }


# -- version headers (facts-objects.md 11) ----------------------------------------------


@pytest.mark.parametrize("target_status", [None, "Enabled", "Suspended"])
@pytest.mark.parametrize("source_status", [None, "Enabled", "Suspended"])
def test_copy_version_headers(s3, source_status, target_status):
    make_bucket(s3, "copy-source", source_status)
    make_bucket(s3, "copy-target", target_status)
    put = s3.put_object(Bucket="copy-source", Key="k", Body=b"x")

    response = s3.copy_object(Bucket="copy-target", Key="k", CopySource="copy-source/k")

    if source_status == "Enabled":
        assert response["CopySourceVersionId"] == put["VersionId"]
    else:  # unversioned, or the "null" version of a Suspended bucket
        assert "CopySourceVersionId" not in response
    if target_status == "Enabled":
        assert VERSION_ID.fullmatch(response["VersionId"])
        assert s3.head_object(Bucket="copy-target", Key="k")["VersionId"] == response["VersionId"]
    elif target_status == "Suspended":
        assert response["VersionId"] == "null"
    else:
        assert "VersionId" not in response


def test_copy_in_place_in_a_versioned_bucket_adds_a_version(s3, versioned_bucket):
    first = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"x")["VersionId"]

    response = s3.copy_object(
        Bucket=versioned_bucket, Key="k", CopySource={"Bucket": versioned_bucket, "Key": "k"},
        MetadataDirective="REPLACE", Metadata={"edited": "1"},
    )

    assert response["CopySourceVersionId"] == first
    versions = s3.list_object_versions(Bucket=versioned_bucket)["Versions"]
    assert [entry["VersionId"] for entry in versions] == [response["VersionId"], first]


# -- restoring a version (facts-copy-multipart.md 3.2) --------------------------------------


def test_copying_an_older_version_onto_its_key_restores_it(s3, versioned_bucket):
    """A source VersionId makes a copy onto the same key legal without a directive: a new
    current version with the old bytes and metadata; every older version stays."""
    first = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"v1", Metadata={"rev": "1"})
    second = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"v2", Metadata={"rev": "2"})

    response = s3.copy_object(
        Bucket=versioned_bucket, Key="k",
        CopySource={"Bucket": versioned_bucket, "Key": "k", "VersionId": first["VersionId"]},
    )

    assert response["CopySourceVersionId"] == first["VersionId"]
    assert VERSION_ID.fullmatch(response["VersionId"])
    assert response["CopyObjectResult"]["ETag"] == first["ETag"]
    got, body = fetch(s3, versioned_bucket, "k")
    assert (body, got["Metadata"], got["VersionId"]) == (b"v1", {"rev": "1"}, response["VersionId"])
    versions = s3.list_object_versions(Bucket=versioned_bucket)["Versions"]
    assert [(v["VersionId"], v["IsLatest"]) for v in versions] == [
        (response["VersionId"], True), (second["VersionId"], False), (first["VersionId"], False),
    ]


def test_restoring_the_version_under_a_delete_marker(s3, versioned_bucket):
    kept = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"kept")["VersionId"]
    marker = s3.delete_object(Bucket=versioned_bucket, Key="k")["VersionId"]

    response = s3.copy_object(
        Bucket=versioned_bucket, Key="k",
        CopySource={"Bucket": versioned_bucket, "Key": "k", "VersionId": kept},
    )

    assert fetch(s3, versioned_bucket, "k")[1] == b"kept"
    listing = s3.list_object_versions(Bucket=versioned_bucket)
    assert [v["VersionId"] for v in listing["Versions"]] == [response["VersionId"], kept]
    assert [(m["VersionId"], m["IsLatest"]) for m in listing["DeleteMarkers"]] == [(marker, False)]


def test_naming_the_current_version_is_a_regular_copy_too(s3, versioned_bucket):
    current = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"x")["VersionId"]

    response = s3.copy_object(
        Bucket=versioned_bucket, Key="k",
        CopySource={"Bucket": versioned_bucket, "Key": "k", "VersionId": current},
    )

    assert response["VersionId"] != current
    assert len(s3.list_object_versions(Bucket=versioned_bucket)["Versions"]) == 2


# -- the metadata and tagging directives (facts-copy-multipart.md 3.5, 3.6) -------------


def test_metadata_directive_copy_ignores_metadata_sent(s3, source):
    s3.copy_object(
        Bucket=source, Key="dst", CopySource={"Bucket": source, "Key": "src"},
        Metadata={"sent": "ignored"}, ContentType="application/json", ContentLanguage="fr",
    )

    got, _ = fetch(s3, source, "dst")
    assert (got["Metadata"], got["ContentType"]) == ({"origin": "source"}, "text/plain")
    assert "ContentLanguage" not in got


def test_metadata_directive_replace_without_content_type_falls_back(s3, source):
    s3.copy_object(Bucket=source, Key="dst", CopySource={"Bucket": source, "Key": "src"},
                   MetadataDirective="REPLACE")

    got, _ = fetch(s3, source, "dst")
    assert (got["Metadata"], got["ContentType"]) == ({}, "binary/octet-stream")


def tags_of(s3, bucket: str, key: str) -> list[dict[str, str]]:  # noqa: ANN001
    return s3.get_object_tagging(Bucket=bucket, Key=key)["TagSet"]


@pytest.mark.parametrize("directive", [None, "COPY"])
def test_tagging_directive_copy_keeps_the_source_tags(s3, source, directive):
    s3.put_object_tagging(Bucket=source, Key="src",
                          Tagging={"TagSet": [{"Key": "team", "Value": "data"}]})
    params = {"TaggingDirective": directive} if directive else {}

    s3.copy_object(Bucket=source, Key="dst", CopySource={"Bucket": source, "Key": "src"},
                   Tagging="ignored=yes", **params)

    assert tags_of(s3, source, "dst") == [{"Key": "team", "Value": "data"}]


def test_tagging_directive_replace_takes_the_tagging_header(s3, source):
    s3.put_object_tagging(Bucket=source, Key="src",
                          Tagging={"TagSet": [{"Key": "team", "Value": "data"}]})

    s3.copy_object(Bucket=source, Key="dst", CopySource={"Bucket": source, "Key": "src"},
                   TaggingDirective="REPLACE", Tagging="stage=raw%20data&empty=")

    assert tags_of(s3, source, "dst") == [
        {"Key": "stage", "Value": "raw data"}, {"Key": "empty", "Value": ""},
    ]
    assert tags_of(s3, source, "src") == [{"Key": "team", "Value": "data"}]


def test_tagging_directive_replace_without_tags_empties_them(s3, source):
    s3.put_object_tagging(Bucket=source, Key="src",
                          Tagging={"TagSet": [{"Key": "team", "Value": "data"}]})

    s3.copy_object(Bucket=source, Key="dst", CopySource={"Bucket": source, "Key": "src"},
                   TaggingDirective="REPLACE")

    assert tags_of(s3, source, "dst") == []


def test_tags_follow_the_source_version_copied(s3, versioned_bucket):
    """facts 3.6: the same in versioned buckets (tags belong to each version)."""
    old = s3.put_object(Bucket=versioned_bucket, Key="src", Body=b"1")
    s3.put_object_tagging(Bucket=versioned_bucket, Key="src", VersionId=old["VersionId"],
                          Tagging={"TagSet": [{"Key": "v", "Value": "old"}]})
    s3.put_object(Bucket=versioned_bucket, Key="src", Body=b"2")

    s3.copy_object(
        Bucket=versioned_bucket, Key="dst",
        CopySource={"Bucket": versioned_bucket, "Key": "src", "VersionId": old["VersionId"]},
    )

    assert tags_of(s3, versioned_bucket, "dst") == [{"Key": "v", "Value": "old"}]


@pytest.mark.parametrize("tagging", ["key1=val1&key1=val2", "key1=val1,key2=val2"])
def test_a_malformed_tagging_header_is_invalid_argument(s3double, s3, source, tagging):
    """facts-bucket-configuration.md 1.8."""
    answer = refused(
        s3double.store, s3.copy_object, Bucket=source, Key="dst",
        CopySource={"Bucket": source, "Key": "src"}, TaggingDirective="REPLACE", Tagging=tagging,
    )

    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidArgument",
        "Message": "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL "
        "query parameters without tag name duplicates.",
        "ArgumentName": "x-amz-tagging", "ArgumentValue": tagging,
    })


def test_a_tag_breaking_a_rule_is_invalid_tag(s3double, s3, source):
    answer = refused(
        s3double.store, s3.copy_object, Bucket=source, Key="dst",
        CopySource={"Bucket": source, "Key": "src"}, TaggingDirective="REPLACE",
        Tagging="bad%2Ckey=v",
    )

    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidTag", "Message": "The TagKey you have provided is invalid",
        "TagKey": "bad,key",
    })


def test_a_replaced_tag_set_alone_does_not_make_a_copy_onto_itself_legal(s3double, s3, source):
    answer = refused(
        s3double.store, s3.copy_object, Bucket=source, Key="src",
        CopySource={"Bucket": source, "Key": "src"}, TaggingDirective="REPLACE", Tagging="a=b",
    )

    assert answer.error == {"Code": "InvalidRequest", "Message": COPY_TO_ITSELF}


# -- sources -------------------------------------------------------------------------


def test_a_copy_of_a_multipart_object_is_one_part_with_an_md5_etag(s3double, s3, bucket):
    """S3 API reference, Object (ETag): an object made by Copy has the MD5 of its data."""
    body = b"p" * (5 * 1024 * 1024) + b"tail"
    s3double.store.bucket(bucket).put("big", body, etag='"0123456789abcdef0123456789abcdef-2"',
                                      parts=2)

    response = s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "big"})

    assert response["CopyObjectResult"]["ETag"] == etag(body)
    assert s3double.store.bucket(bucket).current("dst").parts == 1


def test_a_copy_source_without_a_key_is_invalid_argument(s3double, s3, bucket):
    """facts-copy-multipart.md 3.4: S3 names the header as the value."""
    answer = refused(s3double.store, s3.copy_object, Bucket=bucket, Key="dst",
                     CopySource="wrongformat")

    assert (answer.status, answer.error) == (400, {
        "Code": "InvalidArgument", "Message": "Invalid copy source object key",
        "ArgumentName": "x-amz-copy-source", "ArgumentValue": "x-amz-copy-source",
    })

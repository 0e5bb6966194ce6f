"""DeleteObjects: requests S3 refuses as a whole, and the limits it accepts.

Spec: issue 2, "DeleteObjects, as S3 does it"; wording from
tests/data/aws/facts-deletes.md section 5. Every refused request leaves the bucket
exactly as it was.
"""

from __future__ import annotations

import pytest
from delete_support import (
    ALGORITHMS,
    BAD_CONTENT_MD5,
    INVALID_CONTENT_MD5,
    MALFORMED_XML,
    MISSING_INTEGRITY,
    content_md5,
    delete_body,
    rewrite_delete_request,
    s3_error,
    skip_retry_sleeps,
    versions_state,
    with_md5,
)

from s3double.operations.common.integrity import checksum_of

SEEDED = ("a", "b", "c")


@pytest.fixture
def seeded(s3double, s3, bucket):
    """``bucket`` holding a, b and c; returns the ListObjectVersions state."""
    model = s3double.store.bucket(bucket)
    for key in SEEDED:
        model.put(key, key.encode())
    return versions_state(s3, bucket)


@pytest.fixture
def retry_delays(monkeypatch):
    return skip_retry_sleeps(monkeypatch)


def assert_retried(caught, delays):
    """Every attempt botocore made (it may retry BadDigest) was refused the same way."""
    assert caught.value.response["ResponseMetadata"]["RetryAttempts"] == len(delays)


def delete_abc(s3, bucket, **extra):
    return s3.delete_objects(
        Bucket=bucket, Delete={"Objects": [{"Key": key} for key in SEEDED]}, **extra
    )


# -- how many objects ----------------------------------------------------------


@pytest.mark.parametrize("count", [1, 2, 999, 1000])
def test_one_to_a_thousand_objects_are_deleted(s3double, s3, bucket, count):
    model = s3double.store.bucket(bucket)
    keys = [f"key-{index:04d}" for index in range(count)]
    for key in keys:
        model.put(key, b"x")
    model.put("stays", b"x")
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys]})
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert sorted(entry["Key"] for entry in response["Deleted"]) == keys
    assert "Errors" not in response
    assert [key for key in keys if model.current(key) is not None] == []
    assert model.current("stays") is not None


@pytest.mark.parametrize("count", [0, 1001, 1500])
def test_zero_or_more_than_a_thousand_objects_is_malformed_xml(s3, bucket, seeded, count):
    objects = [{"Key": key} for key in SEEDED] + [{"Key": f"k{n}"} for n in range(count - 3)]
    with s3_error(s3, 400, "MalformedXML", MALFORMED_XML):
        s3.delete_objects(Bucket=bucket, Delete={"Objects": objects[:count]})
    assert versions_state(s3, bucket) == seeded


def test_zero_objects_with_quiet_is_malformed_xml(s3, bucket, seeded):
    with s3_error(s3, 400, "MalformedXML", MALFORMED_XML):
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [], "Quiet": True})
    assert versions_state(s3, bucket) == seeded


def test_a_thousand_and_one_objects_on_a_versioned_bucket_adds_no_marker(
    s3double, s3, versioned_bucket
):
    s3.put_object(Bucket=versioned_bucket, Key="a", Body=b"a")
    before = versions_state(s3, versioned_bucket)
    with s3_error(s3, 400, "MalformedXML", MALFORMED_XML):
        s3.delete_objects(
            Bucket=versioned_bucket, Delete={"Objects": [{"Key": "a"}] * 1001}
        )
    assert versions_state(s3, versioned_bucket) == before


# -- Content-MD5 and x-amz-checksum-* ---------------------------------------------


def test_neither_content_md5_nor_checksum_is_invalid_request(s3, bucket, seeded):
    rewrite_delete_request(s3, headers=lambda body: {})
    with s3_error(s3, 400, "InvalidRequest", MISSING_INTEGRITY):
        delete_abc(s3, bucket)
    assert versions_state(s3, bucket) == seeded


def test_a_correct_content_md5_alone_is_accepted(s3double, s3, bucket, seeded):
    sent = {}

    def integrity(body):
        sent["body"] = body
        return with_md5(body)

    rewrite_delete_request(s3, headers=integrity)
    response = delete_abc(s3, bucket)
    assert sorted(entry["Key"] for entry in response["Deleted"]) == list(SEEDED)
    assert versions_state(s3, bucket) == []
    assert b"<Key>a</Key>" in sent["body"]


def test_a_wrong_content_md5_is_bad_digest(s3, bucket, seeded, retry_delays):
    rewrite_delete_request(s3, headers=lambda body: {"Content-MD5": content_md5(body + b" ")})
    with s3_error(s3, 400, "BadDigest", BAD_CONTENT_MD5) as caught:
        delete_abc(s3, bucket)
    assert_retried(caught, retry_delays)
    assert versions_state(s3, bucket) == seeded


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("not base64!", id="not-base64"),
        pytest.param("q83vEjRWeJA=", id="8-bytes"),
        pytest.param("0123456789abcdef0123456789abcdef", id="hex-digest"),
    ],
)
def test_a_malformed_content_md5_is_invalid_digest(s3, bucket, seeded, value):
    rewrite_delete_request(s3, headers=lambda body: {"Content-MD5": value})
    with s3_error(s3, 400, "InvalidDigest", INVALID_CONTENT_MD5, **{"Content-MD5": value}):
        delete_abc(s3, bucket)
    assert versions_state(s3, bucket) == seeded


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_correct_checksum_of_each_algorithm_is_accepted(s3, bucket, seeded, algorithm):
    def integrity(body):
        return {
            f"x-amz-checksum-{algorithm.lower()}": checksum_of(algorithm, body),
            "x-amz-sdk-checksum-algorithm": algorithm,
        }

    rewrite_delete_request(s3, headers=integrity)
    response = delete_abc(s3, bucket)
    assert sorted(entry["Key"] for entry in response["Deleted"]) == list(SEEDED)
    assert versions_state(s3, bucket) == []


@pytest.mark.parametrize("algorithm", ["CRC32", "SHA1", "SHA256"])
def test_botocore_checksum_algorithm_parameter_is_accepted(s3, bucket, seeded, algorithm):
    """The algorithms botocore computes without awscrt, through the public parameter."""
    response = delete_abc(s3, bucket, ChecksumAlgorithm=algorithm)
    assert sorted(entry["Key"] for entry in response["Deleted"]) == list(SEEDED)
    assert versions_state(s3, bucket) == []


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_wrong_checksum_is_bad_digest(s3, bucket, seeded, algorithm, retry_delays):
    def integrity(body):
        return {f"x-amz-checksum-{algorithm.lower()}": checksum_of(algorithm, body + b" ")}

    rewrite_delete_request(s3, headers=integrity)
    message = f"The {algorithm} you specified did not match the calculated checksum."
    with s3_error(s3, 400, "BadDigest", message) as caught:
        delete_abc(s3, bucket)
    assert_retried(caught, retry_delays)
    assert versions_state(s3, bucket) == seeded


def test_a_body_changed_after_botocore_computed_its_checksum_is_bad_digest(
    s3, bucket, seeded, retry_delays
):
    """botocore's own CRC32 of the body it serialised, sent with another body."""
    rewrite_delete_request(s3, body=delete_body("b"))
    message = "The CRC32 you specified did not match the calculated checksum."
    with s3_error(s3, 400, "BadDigest", message) as caught:
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a"}]})
    assert_retried(caught, retry_delays)
    assert versions_state(s3, bucket) == seeded


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize("value", ["deadbeef", "not base64!"], ids=["hex", "not-base64"])
def test_a_malformed_checksum_is_invalid_request(s3, bucket, seeded, algorithm, value):
    header = f"x-amz-checksum-{algorithm.lower()}"
    rewrite_delete_request(s3, headers=lambda body: {header: value})
    with s3_error(s3, 400, "InvalidRequest", f"Value for {header} header is invalid."):
        delete_abc(s3, bucket)
    assert versions_state(s3, bucket) == seeded


def test_two_checksum_headers_are_invalid_request(s3, bucket, seeded):
    def integrity(body):
        return {
            "x-amz-checksum-crc32": checksum_of("CRC32", body),
            "x-amz-checksum-sha256": checksum_of("SHA256", body),
        }

    rewrite_delete_request(s3, headers=integrity)
    message = "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."
    with s3_error(s3, 400, "InvalidRequest", message):
        delete_abc(s3, bucket)
    assert versions_state(s3, bucket) == seeded


def test_a_correct_checksum_does_not_excuse_a_wrong_content_md5(s3, bucket, seeded, retry_delays):
    def integrity(body):
        return {"Content-MD5": content_md5(b"other"), "x-amz-checksum-crc32": checksum_of("CRC32", body)}

    rewrite_delete_request(s3, headers=integrity)
    with s3_error(s3, 400, "BadDigest", BAD_CONTENT_MD5) as caught:
        delete_abc(s3, bucket)
    assert_retried(caught, retry_delays)
    assert versions_state(s3, bucket) == seeded


# -- the XML document ------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_key", ["\x01", "\x0b", "\x1f", "tab\x00nul", "\ufffe", "\uffff", "lone \ud800 surrogate"],
    ids=["x01", "x0b", "x1f", "nul", "ufffe", "uffff", "surrogate"],
)
def test_a_key_xml_forbids_is_malformed_xml_and_nothing_is_deleted(s3, bucket, seeded, bad_key):
    objects = [{"Key": "a"}, {"Key": bad_key}, {"Key": "b"}]
    with s3_error(s3, 400, "MalformedXML", MALFORMED_XML):
        s3.delete_objects(Bucket=bucket, Delete={"Objects": objects})
    assert versions_state(s3, bucket) == seeded


def test_a_forbidden_key_on_a_versioned_bucket_adds_no_marker(s3, versioned_bucket):
    s3.put_object(Bucket=versioned_bucket, Key="a", Body=b"a")
    before = versions_state(s3, versioned_bucket)
    with s3_error(s3, 400, "MalformedXML", MALFORMED_XML):
        s3.delete_objects(
            Bucket=versioned_bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "bad\x0bkey"}]}
        )
    assert versions_state(s3, versioned_bucket) == before


NAMESPACE = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"'
MALFORMED_BODIES = {
    "not-xml": b"this is not xml",
    "unclosed": f"<Delete {NAMESPACE}><Object><Key>a</Key></Object>".encode(),
    "mismatched-tags": f"<Delete {NAMESPACE}><Object><Key>a</Object></Key></Delete>".encode(),
    "doctype-entity": (
        b'<?xml version="1.0"?><!DOCTYPE Delete [<!ENTITY k "a">]>'
        + f"<Delete {NAMESPACE}><Object><Key>&k;</Key></Object></Delete>".encode()
    ),
    "doctype-only": f"<!DOCTYPE Delete><Delete {NAMESPACE}><Object><Key>a</Key></Object></Delete>".encode(),
    "undefined-entity": f"<Delete {NAMESPACE}><Object><Key>&k;</Key></Object></Delete>".encode(),
    "unknown-root": f"<Remove {NAMESPACE}><Object><Key>a</Key></Object></Remove>".encode(),
    "unknown-element-in-delete": (
        f"<Delete {NAMESPACE}><Object><Key>a</Key></Object><Colour>red</Colour></Delete>".encode()
    ),
    "unknown-element-in-object": (
        f"<Delete {NAMESPACE}><Object><Key>a</Key><Colour>red</Colour></Object></Delete>".encode()
    ),
    "missing-key": f"<Delete {NAMESPACE}><Object><VersionId>null</VersionId></Object></Delete>".encode(),
    "key-outside-object": f"<Delete {NAMESPACE}><Key>a</Key></Delete>".encode(),
    "control-char-reference": f"<Delete {NAMESPACE}><Object><Key>a&#1;</Key></Object></Delete>".encode(),
    "raw-control-char": f"<Delete {NAMESPACE}><Object><Key>a\x01</Key></Object></Delete>".encode(),
    "two-roots": delete_body("a") + delete_body("b"),
    "no-objects": delete_body(),
    "no-objects-quiet": delete_body(quiet=True),
}


@pytest.mark.parametrize("body", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
def test_a_malformed_document_is_malformed_xml(s3, bucket, seeded, body):
    rewrite_delete_request(s3, body=body, headers=with_md5)
    with s3_error(s3, 400, "MalformedXML", MALFORMED_XML):
        s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a"}]})
    assert versions_state(s3, bucket) == seeded


WELL_FORMED_BODIES = {
    "cdata-key": (f"<Delete {NAMESPACE}><Object><Key><![CDATA[a<b]]></Key></Object></Delete>", ["a<b"]),
    "character-references": (
        f"<Delete {NAMESPACE}><Object><Key>cr&#13;lf&#10;&#x1F600;</Key></Object></Delete>",
        ["cr\rlf\n\U0001F600"],
    ),
    "pretty-printed": (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Delete {NAMESPACE}>\n  <Object>\n'
        "    <Key>a</Key>\n  </Object>\n  <Object>\n    <Key>c</Key>\n  </Object>\n"
        "  <Quiet>false</Quiet>\n</Delete>\n",
        ["a", "c"],
    ),
    "quiet-first": (
        f"<Delete {NAMESPACE}><Quiet>false</Quiet><Object><Key>b</Key></Object></Delete>", ["b"]
    ),
}


@pytest.mark.parametrize(
    ("body", "deleted"), WELL_FORMED_BODIES.values(), ids=WELL_FORMED_BODIES.keys()
)
def test_a_well_formed_raw_document_is_served(s3double, s3, bucket, seeded, body, deleted):
    """Any well-formed spelling of the document works, not only botocore's."""
    model = s3double.store.bucket(bucket)
    for key in deleted:
        model.put(key, b"x")
    rewrite_delete_request(s3, body=body.encode(), headers=with_md5)
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "unrelated"}]})
    assert response["Deleted"] == [{"Key": key} for key in deleted]
    assert [model.current(key) for key in deleted] == [None] * len(deleted)
    assert sorted(row[1] for row in versions_state(s3, bucket)) == sorted(set(SEEDED) - set(deleted))

"""The call record: every request served, in order, with parameters and outcomes."""

from __future__ import annotations

import pytest

from s3double.model.outcomes import Deleted


def test_every_request_is_recorded_in_order(s3double, s3):
    s3.create_bucket(Bucket="rec-bucket")
    s3.put_object(Bucket="rec-bucket", Key="a", Body=b"1")
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket="rec-bucket", Key="missing")
    calls = s3double.calls()
    assert [(c.operation, c.bucket, c.key, c.status, c.error_code) for c in calls] == [
        ("CreateBucket", "rec-bucket", None, 200, None),
        ("PutObject", "rec-bucket", "a", 200, None),
        ("GetObject", "rec-bucket", "missing", 404, "NoSuchKey"),
    ]
    assert len(s3double.calls) == 3


def test_delete_objects_records_identifiers_and_every_outcome_even_quiet(s3double, s3):
    s3.create_bucket(Bucket="rec-bucket")
    s3.put_object(Bucket="rec-bucket", Key="a", Body=b"1")
    s3.delete_objects(
        Bucket="rec-bucket",
        Delete={"Objects": [{"Key": "a"}, {"Key": "b", "VersionId": "nope"}], "Quiet": True},
    )
    (call,) = s3double.calls("DeleteObjects")
    assert call.identifiers == [("a", None), ("b", "nope")]
    assert call.deleted == [Deleted("a")]
    assert [(e.key, e.code) for e in call.errors] == [("b", "NoSuchVersion")]
    assert call.document.quiet is True


def test_queries_support_the_assertions_users_write(s3double, s3):
    bucket = s3double.store.create_bucket("rec-bucket")
    keys = [f"k{index}" for index in range(2500)]
    for key in keys:
        bucket.put(key, b"x")
    for start in range(0, len(keys), 1000):
        batch = keys[start : start + 1000]
        s3.delete_objects(Bucket="rec-bucket", Delete={"Objects": [{"Key": k} for k in batch]})
    s3.delete_object(Bucket="rec-bucket", Key="k0")

    assert max(len(c.identifiers) for c in s3double.calls("DeleteObjects")) <= 1000
    counts = s3double.calls.deleted_keys("rec-bucket")
    assert counts["k0"] == 2 and counts["k1"] == 1 and len(counts) == 2500
    assert s3double.calls(bucket="other") == []


def test_each_activation_starts_a_new_record(s3double, s3):
    s3.list_buckets()
    s3double.stop()
    s3double.start()
    assert s3double.calls() == []


# -- how much is kept: record=, record_limit=, record_headers= ---------------------------


def test_the_lean_record_keeps_no_request_headers_by_default(s3double, s3):
    s3.create_bucket(Bucket="rec-bucket")
    s3.put_object(Bucket="rec-bucket", Key="a", Body=b"1", Metadata={"owner": "me"})
    (call,) = s3double.calls("PutObject")
    assert (call.method, call.bucket, call.key, call.status) == ("PUT", "rec-bucket", "a", 200)
    assert dict(call.headers) == {} and dict(call.query) == {}


@pytest.mark.s3double(record_headers=["X-Amz-Meta-Owner", "content-md5"])
def test_the_lean_record_keeps_the_headers_asked_for(s3double, s3):
    s3.create_bucket(Bucket="rec-bucket")
    s3.put_object(Bucket="rec-bucket", Key="a", Body=b"1", Metadata={"owner": "me"})
    (call,) = s3double.calls("PutObject")
    assert dict(call.headers) == {"x-amz-meta-owner": "me"}  # no Content-MD5 was sent


@pytest.mark.s3double(record="full")
def test_the_full_record_keeps_every_header(s3double, s3):
    s3.create_bucket(Bucket="rec-bucket")
    s3.put_object(Bucket="rec-bucket", Key="a", Body=b"1", Metadata={"owner": "me"})
    (call,) = s3double.calls("PutObject")
    assert call.headers["x-amz-meta-owner"] == "me" and "user-agent" in call.headers


@pytest.mark.s3double(record="off")
def test_an_off_record_keeps_nothing_but_counts(s3double, s3):
    s3.create_bucket(Bucket="rec-bucket")
    s3.put_object(Bucket="rec-bucket", Key="a", Body=b"1")
    assert s3double.calls() == [] and len(s3double.calls) == 0
    assert (s3double.calls.served, s3double.calls.dropped) == (2, 2)
    assert s3double.calls.deleted_keys() == {}


@pytest.mark.s3double(record_limit=2)
def test_a_bounded_record_keeps_the_newest_calls(s3double, s3):
    s3.create_bucket(Bucket="rec-bucket")
    for key in ("a", "b", "c"):
        s3.put_object(Bucket="rec-bucket", Key=key, Body=b"1")
    assert [call.key for call in s3double.calls()] == ["b", "c"]
    assert (len(s3double.calls), s3double.calls.served, s3double.calls.dropped) == (2, 4, 2)


def test_the_lean_record_keeps_query_and_outcomes(s3double, s3):
    s3.create_bucket(Bucket="rec-bucket")
    s3.put_bucket_versioning(Bucket="rec-bucket", VersioningConfiguration={"Status": "Enabled"})
    version = s3.put_object(Bucket="rec-bucket", Key="a", Body=b"1")["VersionId"]
    s3.delete_object(Bucket="rec-bucket", Key="a", VersionId=version)
    (call,) = s3double.calls("DeleteObject")
    assert call.query == {"versionId": version} and call.status == 204
    assert s3double.calls.deleted_keys("rec-bucket") == {"a": 1}


def test_the_record_options_work_on_the_decorator_and_the_context_manager():
    import boto3

    import s3double as package

    double = package.mock_s3(record="off")

    @double
    def quiet() -> None:
        boto3.client("s3", region_name="us-east-1").list_buckets()

    quiet()
    assert double.calls() == [] and double.calls.served == 1
    with package.mock_s3(record_limit=0) as bounded:
        boto3.client("s3", region_name="us-east-1").list_buckets()
        assert bounded.calls() == [] and bounded.calls.dropped == 1


@pytest.mark.parametrize("options", [{"record": "some"}, {"record_limit": -1}])
def test_bad_record_options_are_refused(options):
    import s3double as package

    with pytest.raises(ValueError):
        package.S3Double(**options)

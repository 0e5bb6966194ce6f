"""When the double itself fails (issue 13, item 7), the request is undone whole, for
every operation that changes something, a bug halfway through a 1,000-key
DeleteObjects in each versioning state, and a bug while the answer is written (the
store's request journal, ``model/journal.py``). ``test_internal_errors.py`` covers the
500 on the wire, the record and the failure at the double's exit.

Facts: tests/data/aws/facts-hostile-input.md, 4."""

from __future__ import annotations

import contextlib

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import s3double
from s3double.model.keyspace import UnversionedObjects
from s3double.operations.objects import delete_objects as delete_objects_module
from s3double.wire import serve as serve_module

ONE_TRY = Config(retries={"total_max_attempts": 1})
KEYS = [f"logs/{n:04d}" for n in range(1000)]


class ModelBug(RuntimeError):
    pass


@contextlib.contextmanager
def failing(double):  # noqa: ANN001, ANN201
    """Run the block in ``double``, which must fail on leaving with InternalDoubleError
    (an exception of the block itself, a failed assert, is raised as is)."""
    with pytest.raises(s3double.InternalDoubleError) as failed, double:
        yield failed


def client():
    return boto3.client("s3", region_name="us-east-1", config=ONE_TRY)


def fail_on_call(monkeypatch, module, name, failing_call):  # noqa: ANN001
    """Make ``module.name`` raise ModelBug on its ``failing_call``-th call."""
    original = getattr(module, name)
    count = [0]

    def buggy(*args, **kwargs):
        count[0] += 1
        if count[0] == failing_call:
            raise ModelBug(f"bug on call {failing_call}")
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, buggy)
    return count


def state(double):
    """Everything a request could change, read through the model's public face."""
    return [
        (b.name, b.versioning, b.object_lock_enabled, b.default_retention, b.mfa_delete, b.policy,
         type(b.objects).__name__, list(b.objects.index.walk()), list(b.objects.live.walk()),
         [(key, b.versions(key)) for key in b.objects.index.walk()],
         [(u.upload_id, u.key, dict(u.parts)) for u in b.uploads])
        for b in double.store
    ]


def delete_all(s3, bucket):  # noqa: ANN001
    return s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": key} for key in KEYS]})


@pytest.mark.parametrize("versioning", [None, "Enabled", "Suspended"])
def test_a_bug_halfway_through_delete_objects_is_a_500_and_deletes_nothing(monkeypatch, versioning):
    """Once: a raw RuntimeError reached the client, 499 keys stayed deleted, and the
    call was missing from ``calls``."""
    double = s3double.mock_s3(version_id_seed=1)
    with failing(double) as failed:
        bucket = double.store.create_bucket("logs", versioning=versioning)
        bucket.put_many(KEYS, b"x")
        if versioning:
            bucket.put(KEYS[3], b"second")
        before = state(double)
        count = fail_on_call(monkeypatch, delete_objects_module, "delete_key", 500)
        with pytest.raises(ClientError) as caught:
            delete_all(client(), "logs")
        assert count[0] == 500
        response = caught.value.response
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 500
        assert response["Error"] == {
            "Code": "InternalError", "Message": "We encountered an internal error. Please try again."
        }
        assert response["ResponseMetadata"]["RequestId"]
        assert state(double) == before
        [call] = double.calls("DeleteObjects")
        assert call.status == 500 and call.error_code == "InternalError"
        assert "ModelBug: bug on call 500" in call.traceback
        assert "delete_objects.py" in call.traceback
        assert [type(error) for error in double.internal_errors] == [ModelBug]
        # The double still serves, from the state as it was.
        monkeypatch.undo()
        assert len(delete_all(client(), "logs")["Deleted"]) == 1000
    assert isinstance(failed.value.__cause__, ModelBug)
    assert "ModelBug" in str(failed.value)
    assert not double.active


def test_with_the_record_off_the_failure_is_still_kept(monkeypatch):
    with s3double.mock_s3(raise_internal_errors=False, record="off") as double:
        double.store.create_bucket("logs").put_many(KEYS, b"x")
        fail_on_call(monkeypatch, delete_objects_module, "delete_key", 7)
        with pytest.raises(ClientError):
            delete_all(client(), "logs")
        assert len(double.calls) == 0  # record="off" keeps no calls ...
        assert [type(error) for error in double.internal_errors] == [ModelBug]  # ... but failures
        assert len(list(double.store.bucket("logs").objects.index.walk())) == 1000


def test_a_failing_renderer_undoes_the_change_it_was_writing(monkeypatch):
    """The write of the answer is part of the request: a put stored, then a bug while
    rendering, leaves no object."""
    double = s3double.mock_s3()
    with failing(double):
        double.store.create_bucket("b")
        monkeypatch.setattr(serve_module, "write", lambda *a, **k: {}["bug"])
        with pytest.raises(ClientError) as caught:
            client().put_object(Bucket="b", Key="k", Body=b"x")
        assert caught.value.response["Error"]["Code"] == "InternalError"
        assert double.store.bucket("b").current("k") is None
        assert [type(error) for error in double.internal_errors] == [KeyError]


def test_a_failing_request_reader_is_a_500_too(monkeypatch):
    from s3double.wire import request as request_module

    double = s3double.mock_s3()
    with failing(double):
        monkeypatch.setattr(request_module, "reader_for", lambda operation: [][0])
        with pytest.raises(ClientError) as caught:
            client().list_buckets()
        assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
        [call] = double.calls("ListBuckets")
        assert call.status == 500 and "IndexError" in call.traceback


# -- every kind of change is undone ------------------------------------------------------

MD5_X = "dzpqFaXpM+ig3mt3vBzLfQ=="  # Content-MD5 of b"x"  (base64 of md5(b"x"))


def _seed(store):
    plain = store.create_bucket("plain")
    plain.put_many(["a", "b", "c"], b"x")
    versioned = store.create_bucket("versioned", versioning="Enabled")
    versioned.put("a", b"1")
    versioned.put("a", b"2")
    versioned.add_delete_marker("b")
    suspended = store.create_bucket("suspended", versioning="Enabled")
    suspended.put("a", b"1")
    suspended.set_versioning(s3double.model.VersioningState.SUSPENDED)
    suspended.put("a", b"null")
    store.create_bucket("locked", object_lock=True).put("a", b"x")
    store.create_bucket("empty")
    upload = store.bucket("plain").uploads.initiate("big", initiated=store.now(), initiator=store.account_id)
    upload.upload_part(1, b"only part", now=store.now())


def _upload_id(c):
    return c.list_multipart_uploads(Bucket="plain")["Uploads"][0]["UploadId"]


def _version_of(c, bucket, key):
    return c.list_object_versions(Bucket=bucket, Prefix=key)["Versions"][0]["VersionId"]


CHANGES = {
    "CreateBucket": lambda c: c.create_bucket(Bucket="fresh"),
    "DeleteBucket": lambda c: c.delete_bucket(Bucket="empty"),
    "PutObject/plain": lambda c: c.put_object(Bucket="plain", Key="a", Body=b"new"),
    "PutObject/new-key": lambda c: c.put_object(Bucket="plain", Key="zz", Body=b"new"),
    "PutObject/versioned": lambda c: c.put_object(Bucket="versioned", Key="b", Body=b"new"),
    "PutObject/suspended": lambda c: c.put_object(Bucket="suspended", Key="a", Body=b"new"),
    "DeleteObject/plain": lambda c: c.delete_object(Bucket="plain", Key="a"),
    "DeleteObject/versioned": lambda c: c.delete_object(Bucket="versioned", Key="a"),
    "DeleteObject/suspended": lambda c: c.delete_object(Bucket="suspended", Key="a"),
    "DeleteObject/version": lambda c: c.delete_object(
        Bucket="versioned", Key="a", VersionId=_version_of(c, "versioned", "a")),
    "DeleteObjects": lambda c: c.delete_objects(
        Bucket="versioned", Delete={"Objects": [{"Key": "a"}, {"Key": "b"}, {"Key": "new"}]}),
    "CopyObject": lambda c: c.copy_object(Bucket="versioned", Key="a", CopySource="plain/a"),
    "PutBucketVersioning/enable": lambda c: c.put_bucket_versioning(
        Bucket="plain", VersioningConfiguration={"Status": "Enabled"}),
    "PutBucketVersioning/suspend": lambda c: c.put_bucket_versioning(
        Bucket="versioned", VersioningConfiguration={"Status": "Suspended"}),
    "PutObjectLockConfiguration": lambda c: c.put_object_lock_configuration(
        Bucket="locked", ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}}),
    "PutObjectLegalHold": lambda c: c.put_object_legal_hold(
        Bucket="locked", Key="a", LegalHold={"Status": "ON"}),
    "PutObjectRetention": lambda c: c.put_object_retention(
        Bucket="locked", Key="a",
        Retention={"Mode": "GOVERNANCE", "RetainUntilDate": "2100-01-01T00:00:00Z"}),
    "PutBucketPolicy": lambda c: c.put_bucket_policy(Bucket="plain", Policy=(
        '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*",'
        '"Action":"s3:DeleteObject","Resource":"arn:aws:s3:::plain/*"}]}')),
    "PutObjectTagging": lambda c: c.put_object_tagging(
        Bucket="plain", Key="a", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]}),
    "CreateMultipartUpload": lambda c: c.create_multipart_upload(Bucket="plain", Key="other"),
    "UploadPart": lambda c: c.upload_part(
        Bucket="plain", Key="big", UploadId=_upload_id(c), PartNumber=1, Body=b"part"),
    "CompleteMultipartUpload": lambda c: c.complete_multipart_upload(
        Bucket="plain", Key="big", UploadId=_upload_id(c), MultipartUpload={"Parts": [
            {"PartNumber": 1, "ETag": c.list_parts(Bucket="plain", Key="big", UploadId=_upload_id(c))
             ["Parts"][0]["ETag"]}]}),
    "AbortMultipartUpload": lambda c: c.abort_multipart_upload(
        Bucket="plain", Key="big", UploadId=_upload_id(c)),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_bug_after_any_change_undoes_it_whole(monkeypatch, change):
    """The answer is written inside the request's transaction: a bug there comes after
    every change the operation made, so each operation's changes are checked undone."""
    double = s3double.mock_s3(version_id_seed=2)
    with failing(double):
        _seed(double.store)
        before = state(double)
        real_write = serve_module.write

        def buggy_write(operation, result, method):
            if operation.startswith(("List", "Get", "Head")):  # the helpers' reads still work
                return real_write(operation, result, method)
            raise ModelBug(f"rendering {operation}")

        monkeypatch.setattr(serve_module, "write", buggy_write)
        with pytest.raises(ClientError) as caught:
            change(client())
        assert caught.value.response["Error"]["Code"] == "InternalError"
        assert state(double) == before
        assert len(double.internal_errors) == 1


def test_a_bucket_made_versioned_then_failing_is_unversioned_storage_again(monkeypatch):
    double = s3double.mock_s3()
    with failing(double):
        plain = double.store.create_bucket("plain")
        plain.put_many(["a", "b"], b"x")
        monkeypatch.setattr(serve_module, "write", lambda *a: 1 / 0)
        with pytest.raises(ClientError):
            client().put_bucket_versioning(Bucket="plain", VersioningConfiguration={"Status": "Enabled"})
        assert isinstance(plain.objects, UnversionedObjects)
        plain.put("c", b"x")
        assert list(plain.objects.index.walk()) == ["a", "b", "c"]

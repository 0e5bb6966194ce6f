"""Clients other than a plain boto3 client: the resource API, s3transfer (upload_file,
download_file, *_fileobj, copy) and awscli driven in-process."""

from __future__ import annotations

import hashlib
import io
import json

import boto3
import pytest
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

import s3double

MB = 1024 * 1024


@pytest.fixture
def double():
    with s3double.mock_s3(record="full") as active:  # some tests read the headers sent
        yield active


@pytest.fixture
def client(double):
    return boto3.client("s3", region_name="us-east-1")


def payload(size):
    """Deterministic, incompressible-looking bytes."""
    block = hashlib.sha256(str(size).encode()).digest() * 2048  # 64 KiB
    return (block * (size // len(block) + 1))[:size]


def quoted_md5(data):
    return f'"{hashlib.md5(data).hexdigest()}"'


# -- resource API ---------------------------------------------------------------------


def test_resource_object_put_get_delete(double):
    s3 = boto3.resource("s3", region_name="us-east-1")
    bucket = s3.Bucket("resource-bucket")
    bucket.create()
    obj = bucket.Object("notes/today.txt")
    put = obj.put(Body=b"hello resource", ContentType="text/plain", Metadata={"team": "storage"})
    assert put["ETag"] == quoted_md5(b"hello resource")

    got = s3.Object("resource-bucket", "notes/today.txt").get()
    assert got["Body"].read() == b"hello resource"
    assert got["ContentType"] == "text/plain"
    assert got["Metadata"] == {"team": "storage"}
    obj.load()
    assert obj.content_length == len(b"hello resource")
    assert obj.e_tag == quoted_md5(b"hello resource")

    obj.delete()
    assert double.store.bucket("resource-bucket").current("notes/today.txt") is None
    with pytest.raises(ClientError) as raised:
        obj.get()
    assert raised.value.response["Error"]["Code"] == "NoSuchKey"


def test_resource_bucket_listing_and_batch_delete(double):
    seeded = double.store.create_bucket("resource-list")
    for key in ("a/1", "a/2", "b/1", "c"):
        seeded.put(key, key.encode())
    bucket = boto3.resource("s3", region_name="us-east-1").Bucket("resource-list")

    assert [o.key for o in bucket.objects.all()] == ["a/1", "a/2", "b/1", "c"]
    assert [o.key for o in bucket.objects.filter(Prefix="a/")] == ["a/1", "a/2"]
    assert [o.size for o in bucket.objects.all()] == [3, 3, 3, 1]
    # page_size makes the collection follow continuation tokens.
    assert [o.key for o in bucket.objects.page_size(1)] == ["a/1", "a/2", "b/1", "c"]

    response = bucket.delete_objects(Delete={"Objects": [{"Key": "a/1"}, {"Key": "missing"}]})
    assert sorted(entry["Key"] for entry in response["Deleted"]) == ["a/1", "missing"]
    assert [o.key for o in bucket.objects.all()] == ["a/2", "b/1", "c"]

    # The collection's batch action is a DeleteObjects per page.
    batches = bucket.objects.filter(Prefix="b/").delete()
    assert [entry["Key"] for batch in batches for entry in batch["Deleted"]] == ["b/1"]
    assert [o.key for o in bucket.objects.all()] == ["a/2", "c"]


def test_resource_object_versions_and_emptying_a_versioned_bucket(double):
    s3 = boto3.resource("s3", region_name="us-east-1")
    bucket = s3.Bucket("resource-versions")
    bucket.create()
    bucket.Versioning().enable()
    assert bucket.Versioning().status == "Enabled"

    first = bucket.Object("doc").put(Body=b"v1")["VersionId"]
    second = bucket.Object("doc").put(Body=b"v2")["VersionId"]
    marker = s3.Object("resource-versions", "doc").delete()
    assert marker["DeleteMarker"] is True
    other = bucket.Object("other").put(Body=b"x")["VersionId"]

    listed = [(v.object_key, v.id, v.is_latest) for v in bucket.object_versions.all()]
    # Versions come newest first per key; delete markers are listed apart (after).
    assert listed == [
        ("doc", second, False),
        ("doc", first, False),
        ("other", other, True),
        ("doc", marker["VersionId"], True),
    ]
    assert [o.key for o in bucket.objects.all()] == ["other"]
    assert s3.ObjectVersion("resource-versions", "doc", first).get()["Body"].read() == b"v1"

    # The classic routine: delete every version and marker, then the bucket.
    bucket.object_versions.delete()
    assert list(bucket.object_versions.all()) == []
    bucket.delete()
    assert double.store.bucket("resource-versions") is None


# -- s3transfer -------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 100 * 1024, 5 * MB], ids=["1B", "100KiB", "5MiB"])
def test_upload_file_and_download_file_round_trip(client, double, tmp_path, size):
    data = payload(size)
    source = tmp_path / "source.bin"
    source.write_bytes(data)
    client.create_bucket(Bucket="transfers")

    client.upload_file(str(source), "transfers", "up/file.bin")
    stored = double.store.bucket("transfers").current("up/file.bin")
    assert stored.body == data
    assert stored.etag == quoted_md5(data)

    target = tmp_path / "target.bin"
    client.download_file("transfers", "up/file.bin", str(target))
    assert target.read_bytes() == data


def test_upload_fileobj_and_download_fileobj_round_trip(client, double):
    data = payload(3 * MB + 17)
    client.create_bucket(Bucket="transfers")
    client.upload_fileobj(
        io.BytesIO(data), "transfers", "obj.bin", ExtraArgs={"ContentType": "application/x-test"}
    )
    assert double.store.bucket("transfers").current("obj.bin").content_type == "application/x-test"

    received = io.BytesIO()
    client.download_fileobj("transfers", "obj.bin", received)
    assert received.getvalue() == data


def test_upload_over_the_multipart_threshold_is_a_multipart_upload(client, double, tmp_path):
    """Default TransferConfig: 12 MiB goes as CreateMultipartUpload, two parts (8 MiB,
    4 MiB) with CRC32 checksums, CompleteMultipartUpload; it downloads back identical."""
    data = payload(12 * MB)
    source = tmp_path / "big.bin"
    source.write_bytes(data)
    client.create_bucket(Bucket="transfers")
    sent = []
    client.meta.events.register_first(
        "before-send.s3", lambda event_name, **_: sent.append(event_name.rsplit(".", 1)[-1])
    )

    client.upload_file(str(source), "transfers", "big.bin")

    assert sent[0] == "CreateMultipartUpload" and sent[-1] == "CompleteMultipartUpload"
    assert sent.count("UploadPart") == 2
    bucket = double.store.bucket("transfers")
    stored = bucket.current("big.bin")
    assert stored.body == data
    digests = hashlib.md5(data[: 8 * MB]).digest() + hashlib.md5(data[8 * MB :]).digest()
    assert stored.etag == f'"{hashlib.md5(digests).hexdigest()}-2"'
    assert stored.checksum.algorithm == "CRC32" and stored.checksum.value.endswith("-2")
    assert len(bucket.uploads) == 0
    target = tmp_path / "back.bin"
    client.download_file("transfers", "big.bin", str(target))
    assert target.read_bytes() == data


def test_large_file_with_a_raised_threshold_uploads_whole_and_downloads_in_ranges(
    client, double, tmp_path
):
    data = payload(9 * MB)
    source = tmp_path / "big.bin"
    source.write_bytes(data)
    client.create_bucket(Bucket="transfers")
    config = TransferConfig(multipart_threshold=64 * MB)
    client.upload_file(str(source), "transfers", "big.bin", Config=config)
    assert double.store.bucket("transfers").current("big.bin").body == data

    ranges = []
    client.meta.events.register_first(
        "before-send.s3.GetObject", lambda request, **_: ranges.append(request.headers.get("Range"))
    )
    target = tmp_path / "back.bin"
    # Default config: a 9 MiB object is fetched as several ranged GETs.
    client.download_file("transfers", "big.bin", str(target))
    assert target.read_bytes() == data
    assert len(ranges) > 1
    assert all(value is not None and value.startswith(b"bytes=") for value in ranges)


def test_client_copy_under_the_threshold(client, double):
    client.create_bucket(Bucket="copy-src")
    client.create_bucket(Bucket="copy-dst")
    client.put_bucket_versioning(Bucket="copy-src", VersioningConfiguration={"Status": "Enabled"})
    old = client.put_object(Bucket="copy-src", Key="k", Body=b"old", Metadata={"v": "1"})
    client.put_object(Bucket="copy-src", Key="k", Body=b"new")

    client.copy({"Bucket": "copy-src", "Key": "k"}, "copy-dst", "latest")
    old_source = {"Bucket": "copy-src", "Key": "k", "VersionId": old["VersionId"]}
    client.copy(old_source, "copy-dst", "old")

    dst = double.store.bucket("copy-dst")
    assert dst.current("latest").body == b"new"
    assert dst.current("old").body == b"old"
    assert dst.current("old").metadata == {"v": "1"}
    assert client.head_object(Bucket="copy-dst", Key="old")["ETag"] == quoted_md5(b"old")


def _copied_parts(double, operation):
    return [call for call in double.calls(operation) if call.status == 200]


def test_client_copy_over_8_mib_copies_in_parts(client, double):
    """Above s3transfer's default 8 MiB threshold a copy is CreateMultipartUpload,
    UploadPartCopy per 8 MiB range (each with x-amz-copy-source-if-match: the ETag its
    HeadObject saw) and CompleteMultipartUpload; s3transfer carries the metadata over."""
    data = payload(9 * MB + 5)
    client.create_bucket(Bucket="copy-src")
    client.create_bucket(Bucket="copy-dst")
    client.put_object(Bucket="copy-src", Key="big", Body=data, ContentType="video/mp4",
                      Metadata={"take": "3"})

    client.copy({"Bucket": "copy-src", "Key": "big"}, "copy-dst", "big-copy")

    copied = double.store.bucket("copy-dst").current("big-copy")
    assert copied.body == data
    assert (copied.content_type, copied.metadata) == ("video/mp4", {"take": "3"})
    assert copied.etag.endswith('-2"') and copied.parts == 2
    part_copies = _copied_parts(double, "UploadPartCopy")
    # s3transfer copies parts on several threads: in any order
    assert sorted(call.headers["x-amz-copy-source-range"] for call in part_copies) == [
        f"bytes=0-{8 * MB - 1}", f"bytes={8 * MB}-{9 * MB + 4}",
    ]
    source_etag = client.head_object(Bucket="copy-src", Key="big")["ETag"]
    assert {call.headers["x-amz-copy-source-if-match"] for call in part_copies} == {source_etag}
    assert len(double.store.bucket("copy-dst").uploads) == 0


def test_resource_meta_client_copy_of_an_older_version_in_parts(double):
    s3 = boto3.resource("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="copy-versions")
    s3.meta.client.put_bucket_versioning(
        Bucket="copy-versions", VersioningConfiguration={"Status": "Enabled"}
    )
    old_data = payload(10 * MB)
    old = s3.Object("copy-versions", "big").put(Body=old_data)["VersionId"]
    s3.Object("copy-versions", "big").put(Body=b"small and new")

    s3.meta.client.copy(
        {"Bucket": "copy-versions", "Key": "big", "VersionId": old}, "copy-versions", "restored",
        Config=TransferConfig(multipart_chunksize=5 * MB),
    )

    restored = double.store.bucket("copy-versions").current("restored")
    assert restored.body == old_data and restored.parts == 2
    assert all(
        call.headers["x-amz-copy-source"].endswith(f"?versionId={old}")
        for call in _copied_parts(double, "UploadPartCopy")
    )


def test_resource_object_upload_and_download_file(double, tmp_path):
    data = payload(64 * 1024)
    source = tmp_path / "source.bin"
    source.write_bytes(data)
    s3 = boto3.resource("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="resource-transfers")
    s3.Object("resource-transfers", "k").upload_file(str(source))
    target = tmp_path / "target.bin"
    s3.Bucket("resource-transfers").download_file("k", str(target))
    assert target.read_bytes() == data


# -- awscli, in-process ---------------------------------------------------------------


@pytest.fixture
def aws(double, capsys):
    """Run one awscli command in-process; returns (exit code, stdout)."""
    clidriver = pytest.importorskip("awscli.clidriver")

    def run(*args):
        capsys.readouterr()
        code = clidriver.create_clidriver().main(list(args))
        captured = capsys.readouterr()
        return code, captured.out

    return run


def test_awscli_s3api_list_buckets(aws, double):
    double.store.create_bucket("cli-one")
    double.store.create_bucket("cli-two")
    code, out = aws("s3api", "list-buckets", "--output", "json")
    assert code == 0
    assert [b["Name"] for b in json.loads(out)["Buckets"]] == ["cli-one", "cli-two"]


def test_awscli_s3_rm_recursive_in_a_versioned_bucket_adds_markers(aws, double):
    bucket = double.store.create_bucket("cli-versioned", versioning="Enabled")
    keys = ["logs/a", "logs/b", "top"]
    for key in keys:
        bucket.put(key, b"x")

    code, out = aws("s3", "rm", "s3://cli-versioned/", "--recursive")
    assert code == 0
    assert sorted(out.splitlines()) == [f"delete: s3://cli-versioned/{key}" for key in keys]
    for key in keys:
        assert [entry.is_delete_marker for entry in bucket.versions(key)] == [True, False]


def test_awscli_s3_rm_recursive_in_an_unversioned_bucket_empties_it(aws, double):
    bucket = double.store.create_bucket("cli-plain")
    for key in ("one", "dir/two", "dir/sub/three"):
        bucket.put(key, b"x")
    code, out = aws("s3", "rm", "s3://cli-plain/dir/", "--recursive")
    assert code == 0
    assert sorted(out.splitlines()) == [
        "delete: s3://cli-plain/dir/sub/three",
        "delete: s3://cli-plain/dir/two",
    ]
    assert bucket.is_empty() is False
    assert bucket.current("one").body == b"x"
    assert bucket.current("dir/two") is None


def test_awscli_s3_ls_after_rm_recursive_in_a_versioned_bucket_lists_nothing(aws, double):
    bucket = double.store.create_bucket("cli-ls", versioning="Enabled")
    bucket.put("folder/a", b"x")
    bucket.put("folder/b", b"x")
    code, out = aws("s3", "ls", "s3://cli-ls/")
    assert (code, out.split()) == (0, ["PRE", "folder/"])

    assert aws("s3", "rm", "s3://cli-ls/", "--recursive")[0] == 0
    # Every key's current version is a delete marker: no object, so no folder either.
    code, out = aws("s3", "ls", "s3://cli-ls/")
    assert out == ""


def test_awscli_s3api_delete_objects(aws, double):
    bucket = double.store.create_bucket("cli-delete", versioning="Enabled")
    version = bucket.put("kept-version", b"x")
    request = {
        "Objects": [{"Key": "kept-version"}, {"Key": "never-existed"}],
        "Quiet": False,
    }
    code, out = aws(
        "s3api", "delete-objects", "--bucket", "cli-delete",
        "--delete", json.dumps(request), "--output", "json",
    )
    assert code == 0
    deleted = json.loads(out)["Deleted"]
    assert sorted(entry["Key"] for entry in deleted) == ["kept-version", "never-existed"]
    assert all(entry["DeleteMarker"] is True for entry in deleted)
    stack = bucket.versions("kept-version")
    assert [entry.version_id for entry in stack] == [
        next(e["DeleteMarkerVersionId"] for e in deleted if e["Key"] == "kept-version"),
        version.version_id,
    ]

    code, out = aws(
        "s3api", "delete-objects", "--bucket", "cli-delete", "--output", "json",
        "--delete",
        json.dumps({"Objects": [{"Key": "kept-version", "VersionId": version.version_id}]}),
    )
    assert code == 0
    assert json.loads(out)["Deleted"] == [{"Key": "kept-version", "VersionId": version.version_id}]
    assert [entry.is_delete_marker for entry in bucket.versions("kept-version")] == [True]


def test_awscli_s3_cp_round_trip(aws, double, tmp_path):
    double.store.create_bucket("cli-copy")
    data = payload(200 * 1024)
    source = tmp_path / "in.bin"
    source.write_bytes(data)
    code, _ = aws("s3", "cp", str(source), "s3://cli-copy/path/in.bin")
    assert code == 0
    assert double.store.bucket("cli-copy").current("path/in.bin").body == data
    target = tmp_path / "out.bin"
    code, _ = aws("s3", "cp", "s3://cli-copy/path/in.bin", str(target))
    assert code == 0
    assert target.read_bytes() == data


def test_awscli_s3api_error_is_reported_with_a_nonzero_exit(aws, capsys):
    code = pytest.importorskip("awscli.clidriver").create_clidriver().main(
        ["s3api", "delete-objects", "--bucket", "no-such-bucket-here",
         "--delete", json.dumps({"Objects": [{"Key": "k"}]})]
    )
    assert code != 0
    assert "NoSuchBucket" in capsys.readouterr().err


# -- awscli s3 cp with write options (the user guide's `aws s3 cp --sse`) -------------------------

KMS_KEY_ID = "0b6f4a8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c"


def encryption_of(double, bucket, key):
    options = double.store.bucket(bucket).current(key).options
    return options.encryption if options is not None else None


def test_awscli_s3_cp_sse(aws, double, tmp_path):
    """``--sse`` alone is SSE-S3; ``--sse aws:kms`` the account's aws/s3 key, or the key
    ``--sse-kms-key-id`` names, which head-object reports as its ARN."""
    from s3double.model.encryption import managed_key_arn

    double.store.create_bucket("cli-sse")
    source = tmp_path / "in.bin"
    source.write_bytes(payload(64 * 1024))
    assert aws("s3", "cp", str(source), "s3://cli-sse/aes", "--sse")[0] == 0
    assert encryption_of(double, "cli-sse", "aes") is None  # SSE-S3, S3's default
    assert aws("s3", "cp", str(source), "s3://cli-sse/kms", "--sse", "aws:kms")[0] == 0
    managed = encryption_of(double, "cli-sse", "kms")
    assert (managed.algorithm, managed.kms_key_id) == (
        "aws:kms", managed_key_arn("us-east-1", double.account_id),
    )
    code, _ = aws("s3", "cp", str(source), "s3://cli-sse/named", "--sse", "aws:kms",
                  "--sse-kms-key-id", KMS_KEY_ID)
    assert code == 0
    code, out = aws("s3api", "head-object", "--bucket", "cli-sse", "--key", "named",
                    "--output", "json")
    head = json.loads(out)
    assert (code, head["ServerSideEncryption"], head["SSEKMSKeyId"]) == (
        0, "aws:kms", f"arn:aws:kms:us-east-1:{double.account_id}:key/{KMS_KEY_ID}",
    )


def test_awscli_s3_cp_sse_of_a_large_file_is_a_multipart_upload_that_keeps_it(aws, double, tmp_path):
    double.store.create_bucket("cli-sse")
    data = payload(9 * MB)
    source = tmp_path / "in.bin"
    source.write_bytes(data)
    code, _ = aws("s3", "cp", str(source), "s3://cli-sse/big", "--sse", "aws:kms",
                  "--sse-kms-key-id", KMS_KEY_ID)
    assert code == 0
    stored = double.store.bucket("cli-sse").current("big")
    assert (stored.body, stored.etag.endswith('-2"')) == (data, True)
    assert encryption_of(double, "cli-sse", "big").kms_key_id.endswith(f":key/{KMS_KEY_ID}")


def test_awscli_s3_cp_sse_c_storage_class_and_acl(aws, double, tmp_path):
    double.store.create_bucket("cli-sse-c")
    source = tmp_path / "in.bin"
    source.write_bytes(b"customer keyed")
    key = "1234567890abcdef1234567890abcdef"
    code, _ = aws("s3", "cp", str(source), "s3://cli-sse-c/k", "--sse-c", "AES256",
                  "--sse-c-key", key, "--storage-class", "STANDARD_IA",
                  "--acl", "bucket-owner-full-control")
    assert code == 0
    stored = double.store.bucket("cli-sse-c").current("k").options
    assert (stored.encryption.is_customer_key, stored.storage_class) == (True, "STANDARD_IA")
    target = tmp_path / "out.bin"
    assert aws("s3", "cp", "s3://cli-sse-c/k", str(target))[0] != 0  # the key is needed
    code, _ = aws("s3", "cp", "s3://cli-sse-c/k", str(target), "--sse-c", "AES256",
                  "--sse-c-key", key)
    assert (code, target.read_bytes()) == (0, b"customer keyed")


def test_awscli_s3_cp_between_buckets_with_sse(aws, double):
    bucket = double.store.create_bucket("cli-sse-copy")
    bucket.put("src", b"x")
    code, _ = aws("s3", "cp", "s3://cli-sse-copy/src", "s3://cli-sse-copy/dst", "--sse", "aws:kms",
                  "--sse-kms-key-id", KMS_KEY_ID)
    assert code == 0
    assert encryption_of(double, "cli-sse-copy", "dst").kms_key_id.endswith(KMS_KEY_ID)
    assert encryption_of(double, "cli-sse-copy", "src") is None

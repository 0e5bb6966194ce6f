"""aiobotocore in-process: clients made after ``import s3double`` answered by the hook
(awaitable answers), deletes as S3 does them, the same double and call record."""

from __future__ import annotations

import asyncio
import urllib.request

import pytest

import s3double
from s3double.model.versions import DeleteMarker, ObjectVersion

aiobotocore_session = pytest.importorskip("aiobotocore.session")
from botocore.exceptions import ClientError  # noqa: E402


def run(test):
    """Run ``test(client, double)`` on a fresh double with an aiobotocore client."""

    async def main():
        with s3double.mock_s3(record="full") as double:  # a test reads the headers sent
            session = aiobotocore_session.get_session()
            async with session.create_client("s3", region_name="us-east-1") as client:
                return await test(client, double)

    return asyncio.run(main())


async def versioned(client, name="aio-versioned"):
    await client.create_bucket(Bucket=name)
    await client.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


def test_delete_objects_with_versions_and_markers():
    async def test(client, double):
        bucket = await versioned(client)
        first = (await client.put_object(Bucket=bucket, Key="report", Body=b"v1"))["VersionId"]
        second = (await client.put_object(Bucket=bucket, Key="report", Body=b"v2"))["VersionId"]
        await client.put_object(Bucket=bucket, Key="notes", Body=b"n")
        response = await client.delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": "report", "VersionId": first}, {"Key": "notes"}]}
        )
        deleted = {entry["Key"]: entry for entry in response["Deleted"]}
        assert deleted["report"] == {"Key": "report", "VersionId": first}
        marker = deleted["notes"]["DeleteMarkerVersionId"]
        model = double.store.bucket(bucket)
        assert [version.version_id for version in model.versions("report")] == [second]
        assert isinstance(model.current("notes"), DeleteMarker)

        undone = await client.delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": "notes", "VersionId": marker}]}
        )
        assert undone["Deleted"][0]["DeleteMarker"] is True
        assert isinstance(model.current("notes"), ObjectVersion)
        listed = await client.list_object_versions(Bucket=bucket)
        assert {entry["Key"] for entry in listed["Versions"]} == {"report", "notes"}
        assert "DeleteMarkers" not in listed

    run(test)


def test_quiet_mode_and_per_key_errors():
    async def test(client, double):
        bucket = await versioned(client)
        for key in ("keep", "drop"):
            await client.put_object(Bucket=bucket, Key=key, Body=key.encode())
        double.faults.fail_keys("AccessDenied", keys=["keep"])
        response = await client.delete_objects(
            Bucket=bucket, Delete={"Objects": [{"Key": "keep"}, {"Key": "drop"}], "Quiet": True}
        )
        assert "Deleted" not in response
        assert [(error["Key"], error["Code"]) for error in response["Errors"]] == [("keep", "AccessDenied")]
        assert isinstance(double.store.bucket(bucket).current("drop"), DeleteMarker)
        assert double.calls("DeleteObjects")[-1].document.quiet is True

    run(test)


def test_the_1000_key_limit():
    async def test(client, double):
        await client.create_bucket(Bucket="aio-many")
        keys = [{"Key": f"k{index:04d}"} for index in range(1001)]
        with pytest.raises(ClientError) as raised:
            await client.delete_objects(Bucket="aio-many", Delete={"Objects": keys})
        assert raised.value.response["Error"]["Code"] == "MalformedXML"
        response = await client.delete_objects(Bucket="aio-many", Delete={"Objects": keys[:1000]})
        assert len(response["Deleted"]) == 1000

    run(test)


def test_errors_streaming_bodies_and_concurrent_requests():
    async def test(client, double):
        await client.create_bucket(Bucket="aio-stream")
        with pytest.raises(ClientError) as raised:  # an error document, awaited
            await client.get_object(Bucket="aio-stream", Key="missing")
        assert raised.value.response["Error"]["Code"] == "NoSuchKey"

        await asyncio.gather(
            *(
                client.put_object(Bucket="aio-stream", Key=f"part-{i}", Body=bytes([i]) * 1000)
                for i in range(25)
            )
        )
        got = await client.get_object(Bucket="aio-stream", Key="part-7")
        async with got["Body"] as stream:
            assert await stream.read() == bytes([7]) * 1000
        chunked = await client.get_object(Bucket="aio-stream", Key="part-8")
        chunks = [chunk async for chunk in chunked["Body"].iter_chunks(300)]
        assert [len(chunk) for chunk in chunks] == [300, 300, 300, 100]
        listed = await client.list_objects_v2(Bucket="aio-stream")
        assert listed["KeyCount"] == 25
        assert len(double.calls("PutObject")) == 25

    run(test)


def test_a_body_that_reads_asynchronously():
    """PutObject's trailing checksum makes aiobotocore send an AioAwsChunkedWrapper, whose
    ``read`` is a coroutine: the hook answers with a coroutine that reads it first."""

    async def test(client, double):
        await client.create_bucket(Bucket="aio-chunked")
        await client.put_object(
            Bucket="aio-chunked", Key="k", Body=b"checked" * 100, ChecksumAlgorithm="SHA256"
        )
        call = double.calls("PutObject")[-1]
        assert call.headers.get("x-amz-checksum-sha256")
        assert double.store.bucket("aio-chunked").current("k").body == b"checked" * 100

    run(test)


def test_presigning_with_aiobotocore():
    async def test(client, double):
        await client.create_bucket(Bucket="aio-presign")
        await client.put_object(Bucket="aio-presign", Key="k", Body=b"shared")
        url = await client.generate_presigned_url("get_object", Params={"Bucket": "aio-presign", "Key": "k"})
        with urllib.request.urlopen(url) as response:
            assert response.read() == b"shared"
        assert double.calls()[-1].operation == "GetObject"

    run(test)

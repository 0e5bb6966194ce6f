"""aioboto3 in-process: its client and resource API (batch deletes through collections)."""

from __future__ import annotations

import asyncio

import pytest

import s3double
from s3double.model.versions import DeleteMarker

aioboto3 = pytest.importorskip("aioboto3")


def test_client_delete_objects_in_a_versioned_bucket():
    async def main():
        with s3double.mock_s3() as double:
            async with aioboto3.Session().client("s3", region_name="us-east-1") as client:
                await client.create_bucket(Bucket="ab3")
                await client.put_bucket_versioning(
                    Bucket="ab3", VersioningConfiguration={"Status": "Enabled"}
                )
                put = await client.put_object(Bucket="ab3", Key="a", Body=b"1")
                response = await client.delete_objects(
                    Bucket="ab3",
                    Delete={"Objects": [{"Key": "a"}, {"Key": "a", "VersionId": put["VersionId"]}]},
                )
                assert len(response["Deleted"]) == 2
                versions = double.store.bucket("ab3").versions("a")
                assert [type(version) for version in versions] == [DeleteMarker]

    asyncio.run(main())


def test_resource_collections_delete_in_batches():
    async def main():
        with s3double.mock_s3() as double:
            seeded = double.store.create_bucket("ab3-res", versioning="Enabled")
            for index in range(1200):
                seeded.put(f"logs/{index:04d}", b"x")
                seeded.put(f"logs/{index:04d}", b"y")
            async with aioboto3.Session().resource("s3", region_name="us-east-1") as s3:
                bucket = await s3.Bucket("ab3-res")
                await bucket.objects.filter(Prefix="logs/00").delete()  # 100 keys: delete markers
                assert isinstance(seeded.current("logs/0001"), DeleteMarker)
                await bucket.object_versions.delete()  # every version and marker, 1,000 a batch
            sizes = [len(call.identifiers) for call in double.calls("DeleteObjects")]
            assert sizes[0] == 100
            assert max(sizes) <= 1000 and sum(sizes[1:]) == 2 * 1200 + 100
            assert all(not seeded.versions(f"logs/{index:04d}") for index in range(1200))

    asyncio.run(main())

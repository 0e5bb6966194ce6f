"""s3fs in-process: its sync API (run on fsspec's own event-loop thread) and its async API,
deleting as S3 does (batches of 1,000, Quiet, delete markers, versions)."""

from __future__ import annotations

import asyncio

import pytest

import s3double
from s3double.model.versions import DeleteMarker

s3fs = pytest.importorskip("s3fs")


def filesystem(**options):
    return s3fs.S3FileSystem(skip_instance_cache=True, **options)


def test_recursive_rm_batches_quiet_deletes():
    with s3double.mock_s3() as double:
        bucket = double.store.create_bucket("fs-bucket", versioning="Enabled")
        for index in range(1005):
            bucket.put(f"dir/{index:04d}", b"x")
        fs = filesystem()
        assert len(fs.ls("fs-bucket/dir")) == 1005
        fs.rm("fs-bucket/dir", recursive=True)

        calls = double.calls("DeleteObjects")
        assert sorted(len(call.identifiers) for call in calls) == [6, 1000]  # s3fs adds the "dir" key
        assert all(call.document.quiet for call in calls)
        assert all(isinstance(bucket.current(f"dir/{index:04d}"), DeleteMarker) for index in range(1005))
        assert all(len(bucket.versions(f"dir/{index:04d}")) == 2 for index in range(1005))


def test_versions_then_removing_a_versioned_bucket():
    with s3double.mock_s3() as double:
        bucket = double.store.create_bucket("fs-versions", versioning="Enabled")
        fs = filesystem(version_aware=True)
        for text in (b"first", b"second"):
            with fs.open("fs-versions/doc.txt", "wb") as handle:
                handle.write(text)
        fs.pipe("fs-versions/other.txt", b"other")
        versions = bucket.versions("doc.txt")
        assert [version.body for version in versions] == [b"second", b"first"]
        assert fs.cat_file(f"fs-versions/doc.txt?versionId={versions[1].version_id}") == b"first"

        fs.rm("fs-versions/other.txt")
        assert isinstance(bucket.current("other.txt"), DeleteMarker)

        # A versioned bucket removed whole: every version and marker, by version id.
        fs.rm("fs-versions", recursive=True)
        by_version = [call for call in double.calls("DeleteObjects") if all(v for _, v in call.identifiers)]
        assert sorted(key for call in by_version for key, _ in call.identifiers) == [
            "doc.txt",
            "doc.txt",
            "other.txt",
            "other.txt",
        ]
        assert double.store.bucket("fs-versions") is None
        assert double.calls("DeleteBucket")[-1].status == 204


def test_async_api():
    async def main():
        with s3double.mock_s3() as double:
            double.store.create_bucket("fs-async")
            fs = s3fs.S3FileSystem(asynchronous=True, skip_instance_cache=True)
            session = await fs.set_session()
            await asyncio.gather(*(fs._pipe_file(f"fs-async/k{i}", str(i).encode()) for i in range(30)))
            assert len(await fs._ls("fs-async")) == 30
            assert await fs._cat_file("fs-async/k7") == b"7"
            await fs._rm([f"fs-async/k{i}" for i in range(30)])
            assert double.store.bucket("fs-async").current("k7") is None
            await session.close()

    asyncio.run(main())

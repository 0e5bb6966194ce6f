"""An aiobotocore client made before ``import s3double`` (so without the hook's handlers)
is served by URL at its HTTP session, from the same double, model and call record."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("aiobotocore")

SCRIPT = textwrap.dedent(
    """
    import asyncio, socket
    def refuse(*a, **k): raise AssertionError("network")
    socket.socket.connect = refuse; socket.getaddrinfo = refuse
    import aiobotocore.session

    async def main():
        session = aiobotocore.session.get_session()
        async with session.create_client("s3", region_name="us-east-1") as early:
            import s3double
            with s3double.mock_s3() as double:
                await early.create_bucket(Bucket="early-bucket")
                await early.put_bucket_versioning(
                    Bucket="early-bucket", VersioningConfiguration={"Status": "Enabled"})
                await early.put_object(Bucket="early-bucket", Key="k", Body=b"early bytes")
                got = await early.get_object(Bucket="early-bucket", Key="k")
                assert await got["Body"].read() == b"early bytes"
                deleted = await early.delete_objects(
                    Bucket="early-bucket", Delete={"Objects": [{"Key": "k"}], "Quiet": False})
                assert deleted["Deleted"][0]["DeleteMarker"] is True
                later = aiobotocore.session.get_session()
                async with later.create_client("s3", region_name="us-east-1") as late:
                    listed = await late.list_object_versions(Bucket="early-bucket")
                    assert len(listed["Versions"]) == 1 and len(listed["DeleteMarkers"]) == 1
                ops = [call.operation for call in double.calls()]
                assert ops == ["CreateBucket", "PutBucketVersioning", "PutObject", "GetObject",
                               "DeleteObjects", "ListObjectVersions"], ops
                try:
                    await early.get_object(Bucket="early-bucket", Key="k")
                except early.exceptions.NoSuchKey:
                    pass
        print("ok")

    asyncio.run(main())
    """
)


def test_client_made_before_import_is_served():
    env = {
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "PATH": "",
        "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "example",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.stdout.strip() == "ok", result.stderr

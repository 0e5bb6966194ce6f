"""The AWS SDK for JavaScript v3 (``@aws-sdk/client-s3``, pinned in js/package.json)
deleting through the HTTP server. Each test runs js/run.mjs with ``node``, with the
steps to send; the SDK is installed with ``npm ci`` once per session when missing.

The SDK sends DeleteObjects with a CRC32 checksum and no Content-MD5, and streams
bodies aws-chunked with a trailing checksum: both are checked here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from clients_support import batches, kinds, seed_versioned

# The tests read the headers each client sent: the full call record keeps them.
pytestmark = pytest.mark.s3double(record="full")

JS_DIR = Path(__file__).parent / "js"
NODE = shutil.which("node")


def pinned_version():
    return json.loads((JS_DIR / "package.json").read_text())["dependencies"]["@aws-sdk/client-s3"]


def installed_version():
    installed = JS_DIR / "node_modules" / "@aws-sdk" / "client-s3" / "package.json"
    return json.loads(installed.read_text())["version"] if installed.exists() else None


@pytest.fixture(scope="session")
def js_sdk():
    """js/node_modules holding the pinned SDK (``npm ci`` from the committed lock file)."""
    if NODE is None:
        pytest.skip("node is not installed: the AWS SDK for JavaScript v3 tests need Node 18+")
    if installed_version() != pinned_version():
        npm = shutil.which("npm")
        assert npm is not None, "node is installed but npm is not: cannot install @aws-sdk/client-s3"
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=JS_DIR, check=True, timeout=600
        )
    assert installed_version() == pinned_version()
    return JS_DIR


def run_js(server, steps, **plan):
    """Send ``steps`` with the JavaScript SDK; one result per step."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }
    document = json.dumps({"endpoint": server.endpoint_url, "steps": steps, **plan})
    finished = subprocess.run(
        [NODE, "run.mjs"],
        cwd=JS_DIR,
        input=document,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


def delete(bucket, objects, quiet=None):
    document = {"Objects": objects}
    if quiet is not None:
        document["Quiet"] = quiet
    return {"command": "DeleteObjects", "input": {"Bucket": bucket, "Delete": document}}


def test_delete_objects_with_versions_and_delete_markers(js_sdk, s3double_server):
    bucket, ids = seed_versioned(s3double_server)
    (result,) = run_js(
        s3double_server,
        [
            delete(
                "versioned",
                [
                    {"Key": "a", "VersionId": ids["a"][1]},
                    {"Key": "b"},
                    {"Key": "c", "VersionId": ids["c"][0]},
                ],
            )
        ],
    )

    deleted = {entry["Key"]: entry for entry in result["ok"]["Deleted"]}
    assert deleted["a"]["VersionId"] == ids["a"][1] and "DeleteMarker" not in deleted["a"]
    assert deleted["b"]["DeleteMarker"] is True
    marker = deleted["b"]["DeleteMarkerVersionId"]
    assert kinds(bucket, "a") == ["ObjectVersion"] and bucket.current("a").body == b"new a"
    assert kinds(bucket, "b") == ["DeleteMarker", "ObjectVersion", "ObjectVersion"]
    assert bucket.current("c").version_id == ids["c"][1]
    call = s3double_server.calls("DeleteObjects")[0]
    assert "content-md5" not in call.headers and "x-amz-checksum-crc32" in call.headers

    # Removing the delete marker by its version id brings the object back.
    listed, removed, got = run_js(
        s3double_server,
        [
            {"command": "ListObjectVersions", "input": {"Bucket": "versioned", "Prefix": "b"}},
            delete("versioned", [{"Key": "b", "VersionId": marker}]),
            {"command": "GetObject", "input": {"Bucket": "versioned", "Key": "b"}},
        ],
    )
    assert [(m["Key"], m["VersionId"], m["IsLatest"]) for m in listed["ok"]["DeleteMarkers"]] == [
        ("b", marker, True)
    ]
    assert removed["ok"]["Deleted"] == [
        {"Key": "b", "VersionId": marker, "DeleteMarker": True, "DeleteMarkerVersionId": marker}
    ]
    assert "ok" in got, got
    assert got["ok"]["Body"] == "new b"


def test_quiet_mode_reports_only_errors(js_sdk, s3double_server):
    bucket, _ = seed_versioned(s3double_server)
    s3double_server.faults.fail_keys("AccessDenied", keys=["b"])
    (result,) = run_js(s3double_server, [delete("versioned", [{"Key": "a"}, {"Key": "b"}], quiet=True)])
    assert "Deleted" not in result["ok"]
    assert [(e["Key"], e["Code"]) for e in result["ok"]["Errors"]] == [("b", "AccessDenied")]
    assert kinds(bucket, "a")[0] == "DeleteMarker" and kinds(bucket, "b")[0] == "ObjectVersion"


def test_the_1000_key_limit(js_sdk, s3double_server):
    bucket = s3double_server.store.create_bucket("many")
    for index in range(1001):
        bucket.put(f"k{index:04}", b"x")
    too_many, exactly = run_js(
        s3double_server,
        [
            delete("many", [{"Key": f"k{index:04}"} for index in range(1001)]),
            delete("many", [{"Key": f"k{index:04}"} for index in range(1000)]),
        ],
    )
    assert too_many["error"]["name"] == "MalformedXML" and too_many["error"]["status"] == 400
    assert len(exactly["ok"]["Deleted"]) == 1000
    assert bucket.current("k0999") is None and bucket.current("k1000").body == b"x"
    assert batches(s3double_server) == [1001, 1000]


def test_streamed_put_with_a_trailing_checksum_then_read_and_delete(js_sdk, s3double_server):
    s3double_server.store.create_bucket("plain")
    put, head, ranged, removed = run_js(
        s3double_server,
        [
            {
                "command": "PutObject",
                "input": {
                    "Bucket": "plain",
                    "Key": "streamed.txt",
                    "Body": {"$stream": "streamed by node"},
                    "ContentLength": 16,
                },
            },
            {"command": "HeadObject", "input": {"Bucket": "plain", "Key": "streamed.txt"}},
            {
                "command": "GetObject",
                "input": {"Bucket": "plain", "Key": "streamed.txt", "Range": "bytes=9-15"},
            },
            {"command": "DeleteObject", "input": {"Bucket": "plain", "Key": "streamed.txt"}},
        ],
    )
    assert put["status"] == 200 and put["ok"]["ChecksumCRC32"]
    assert head["ok"]["ContentLength"] == 16
    assert (ranged["status"], ranged["ok"]["Body"]) == (206, "by node")
    assert removed["status"] == 204
    call = s3double_server.calls("PutObject")[0]
    assert call.headers["x-amz-trailer"] == "x-amz-checksum-crc32"  # it came aws-chunked
    assert call.headers["x-amz-checksum-crc32"] == put["ok"]["ChecksumCRC32"]
    assert s3double_server.store.bucket("plain").current("streamed.txt") is None


@pytest.mark.s3double_server(credentials={"AKIDJS": "js-secret-key"})
def test_signatures_verified(js_sdk, s3double_server):
    """The JavaScript SDK's SigV4 (headers, aws-chunked with a trailer) passes the
    server's verification; a wrong secret does not."""
    bucket, ids = seed_versioned(s3double_server)
    keys = {"accessKeyId": "AKIDJS", "secretAccessKey": "js-secret-key"}
    put, removed = run_js(
        s3double_server,
        [
            {
                "command": "PutObject",
                "input": {
                    "Bucket": "versioned",
                    "Key": "a",
                    "Body": {"$stream": "signed"},
                    "ContentLength": 6,
                },
            },
            delete("versioned", [{"Key": "b", "VersionId": ids["b"][0]}]),
        ],
        **keys,
    )
    assert put["status"] == 200 and removed["ok"]["Deleted"][0]["VersionId"] == ids["b"][0]
    assert bucket.current("a").body == b"signed" and bucket.current("b").version_id == ids["b"][1]
    (refused,) = run_js(
        s3double_server, [delete("versioned", [{"Key": "c"}])], accessKeyId="AKIDJS", secretAccessKey="wrong"
    )
    assert (refused["error"]["name"], refused["error"]["status"]) == ("SignatureDoesNotMatch", 403)
    assert kinds(bucket, "c") == ["ObjectVersion", "ObjectVersion"]

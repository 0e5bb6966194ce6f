"""The same boto3 steps against moto and against s3double, side by side.

The table "Where moto and S3 differ" in docs/migrating-from-moto.md comes from this
script. Each backend runs in its own process (its own interpreter, if you like), so
neither patches botocore under the other:

    python docs/moto_comparison.py --moto-python python3 --s3double-python .venv/bin/python

s3double does not depend on moto, and nothing in its test suite runs this file: it
needs moto installed for the interpreter named by ``--moto-python``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

REGION = "us-east-1"
SCENARIOS: dict[str, Callable[[Any], Any]] = {}


def scenario(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    SCENARIOS[function.__name__] = function
    return function


def outcome(call: Callable[[], Any]) -> Any:
    """What a call did: its answer, or the error's status and code."""
    from botocore.exceptions import ClientError

    try:
        return call()
    except ClientError as error:
        return f"{error.response['ResponseMetadata']['HTTPStatusCode']} {error.response['Error']['Code']}"
    except Exception as error:
        return f"{type(error).__name__}: {str(error)[:80]}"


def versioned(s3: Any, name: str, status: str = "Enabled") -> str:
    s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": status})
    return name


@scenario
def delete_objects_1001_keys(s3: Any) -> Any:
    s3.create_bucket(Bucket="many-keys")
    objects = [{"Key": f"k{i}"} for i in range(1001)]
    return outcome(lambda: len(s3.delete_objects(Bucket="many-keys", Delete={"Objects": objects})["Deleted"]))


@scenario
def delete_objects_quiet(s3: Any) -> Any:
    s3.create_bucket(Bucket="quiet")
    s3.put_object(Bucket="quiet", Key="a", Body=b"1")
    answer = s3.delete_objects(Bucket="quiet", Delete={"Objects": [{"Key": "a"}, {"Key": "b"}], "Quiet": True})
    return {"Deleted": len(answer.get("Deleted", [])), "Errors": len(answer.get("Errors", []))}


@scenario
def suspended_put_replaces_null_version(s3: Any) -> Any:
    versioned(s3, "suspended")
    first = s3.put_object(Bucket="suspended", Key="k", Body=b"v1")["VersionId"]
    s3.put_bucket_versioning(Bucket="suspended", VersioningConfiguration={"Status": "Suspended"})
    put = s3.put_object(Bucket="suspended", Key="k", Body=b"null-1").get("VersionId")
    s3.put_object(Bucket="suspended", Key="k", Body=b"null-2")
    ids = [v["VersionId"] for v in s3.list_object_versions(Bucket="suspended").get("Versions", [])]
    return {"put_version_id": put, "versions": ["v1" if i == first else i for i in ids]}


@scenario
def suspended_delete_marker_is_null(s3: Any) -> Any:
    versioned(s3, "suspended-delete", "Suspended")
    s3.put_object(Bucket="suspended-delete", Key="k", Body=b"x")
    answer = s3.delete_object(Bucket="suspended-delete", Key="k")
    markers = s3.list_object_versions(Bucket="suspended-delete").get("DeleteMarkers", [])
    return {"VersionId": answer.get("VersionId"), "markers": [m["VersionId"] for m in markers],
            "versions": len(s3.list_object_versions(Bucket="suspended-delete").get("Versions", []))}


def _strip_integrity(request: Any, **_: Any) -> None:
    for name in list(request.headers.keys()):
        if name.lower() == "content-md5" or name.lower().startswith("x-amz-checksum") \
                or name.lower() == "x-amz-sdk-checksum-algorithm":
            del request.headers[name]


@scenario
def delete_objects_without_content_md5(s3: Any) -> Any:
    s3.create_bucket(Bucket="no-md5")
    s3.meta.events.register_first("before-sign.s3.DeleteObjects", _strip_integrity)
    return outcome(lambda: len(s3.delete_objects(Bucket="no-md5", Delete={"Objects": [{"Key": "a"}]})["Deleted"]))


def _wrong_md5(request: Any, **_: Any) -> None:
    _strip_integrity(request)
    request.headers["Content-MD5"] = base64.b64encode(hashlib.md5(b"other").digest()).decode()


@scenario
def delete_objects_wrong_content_md5(s3: Any) -> Any:
    s3.create_bucket(Bucket="bad-md5")
    s3.meta.events.register_first("before-sign.s3.DeleteObjects", _wrong_md5)
    return outcome(lambda: len(s3.delete_objects(Bucket="bad-md5", Delete={"Objects": [{"Key": "a"}]})["Deleted"]))


@scenario
def put_object_wrong_content_md5(s3: Any) -> Any:
    s3.create_bucket(Bucket="bad-put-md5")
    wrong = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    return outcome(lambda: s3.put_object(Bucket="bad-put-md5", Key="k", Body=b"x", ContentMD5=wrong) and "stored")


@scenario
def object_lock_enabled_false(s3: Any) -> Any:
    s3.create_bucket(Bucket="lock-false", ObjectLockEnabledForBucket=False)
    return {
        "lock": outcome(lambda: s3.get_object_lock_configuration(Bucket="lock-false")
                        ["ObjectLockConfiguration"]["ObjectLockEnabled"]),
        "versioning": s3.get_bucket_versioning(Bucket="lock-false").get("Status"),
    }


@scenario
def delete_object_unknown_version_id(s3: Any) -> Any:
    versioned(s3, "unknown-version")
    s3.put_object(Bucket="unknown-version", Key="k", Body=b"x")
    return outcome(lambda: s3.delete_object(Bucket="unknown-version", Key="k",
                                            VersionId="3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def delete_objects_unknown_version_id(s3: Any) -> Any:
    versioned(s3, "unknown-versions")
    s3.put_object(Bucket="unknown-versions", Key="k", Body=b"x")
    answer = s3.delete_objects(Bucket="unknown-versions", Delete={"Objects": [
        {"Key": "k", "VersionId": "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"}]})
    return {"Deleted": len(answer.get("Deleted", [])),
            "Errors": [e["Code"] for e in answer.get("Errors", [])]}


@scenario
def get_delete_marker_by_version_id(s3: Any) -> Any:
    versioned(s3, "marker-get")
    s3.put_object(Bucket="marker-get", Key="k", Body=b"x")
    marker = s3.delete_object(Bucket="marker-get", Key="k")["VersionId"]
    return outcome(lambda: s3.get_object(Bucket="marker-get", Key="k", VersionId=marker) and "200")


@scenario
def delete_bucket_holding_only_delete_markers(s3: Any) -> Any:
    versioned(s3, "markers-only")
    version = s3.put_object(Bucket="markers-only", Key="k", Body=b"x")["VersionId"]
    s3.delete_object(Bucket="markers-only", Key="k")
    s3.delete_object(Bucket="markers-only", Key="k", VersionId=version)
    return outcome(lambda: s3.delete_bucket(Bucket="markers-only")["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def list_objects_next_marker_without_delimiter(s3: Any) -> Any:
    s3.create_bucket(Bucket="v1-listing")
    for key in ("a", "b", "c"):
        s3.put_object(Bucket="v1-listing", Key=key, Body=b"x")
    answer = s3.list_objects(Bucket="v1-listing", MaxKeys=1)
    return {"IsTruncated": answer["IsTruncated"], "NextMarker": answer.get("NextMarker")}


@scenario
def create_bucket_again_us_east_1(s3: Any) -> Any:
    s3.create_bucket(Bucket="twice")
    return outcome(lambda: s3.create_bucket(Bucket="twice")["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def lock_configuration_on_unversioned_bucket(s3: Any) -> Any:
    s3.create_bucket(Bucket="plain-lock")
    return outcome(lambda: s3.put_object_lock_configuration(
        Bucket="plain-lock", ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
        ["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def suspend_versioning_on_lock_bucket(s3: Any) -> Any:
    s3.create_bucket(Bucket="locked-versioning", ObjectLockEnabledForBucket=True)
    return outcome(lambda: s3.put_bucket_versioning(
        Bucket="locked-versioning", VersioningConfiguration={"Status": "Suspended"})
        ["ResponseMetadata"]["HTTPStatusCode"])


def _locked(s3: Any, name: str, mode: str) -> str:
    import datetime

    s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    return s3.put_object(Bucket=name, Key="k", Body=b"x", ObjectLockMode=mode,
                         ObjectLockRetainUntilDate=until)["VersionId"]


@scenario
def delete_objects_compliance_locked_version(s3: Any) -> Any:
    version = _locked(s3, "compliance", "COMPLIANCE")
    answer = s3.delete_objects(Bucket="compliance", Delete={"Objects": [{"Key": "k", "VersionId": version}]})
    return {"Deleted": len(answer.get("Deleted", [])), "Errors": [e["Code"] for e in answer.get("Errors", [])]}


@scenario
def shorten_compliance_retention(s3: Any) -> Any:
    import datetime

    version = _locked(s3, "shorten", "COMPLIANCE")
    sooner = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    return outcome(lambda: s3.put_object_retention(
        Bucket="shorten", Key="k", VersionId=version,
        Retention={"Mode": "COMPLIANCE", "RetainUntilDate": sooner})["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def governance_bypass_on_bucket_without_lock(s3: Any) -> Any:
    s3.create_bucket(Bucket="no-lock-bypass")
    s3.put_object(Bucket="no-lock-bypass", Key="k", Body=b"x")
    return outcome(lambda: s3.delete_object(Bucket="no-lock-bypass", Key="k", BypassGovernanceRetention=True)
                   ["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def governance_bypass_false_on_bucket_without_lock(s3: Any) -> Any:
    s3.create_bucket(Bucket="no-lock-false")
    s3.put_object(Bucket="no-lock-false", Key="k", Body=b"x")
    return outcome(lambda: s3.delete_object(Bucket="no-lock-false", Key="k", BypassGovernanceRetention=False)
                   ["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def governance_locked_version_bypass_false(s3: Any) -> Any:
    version = _locked(s3, "governance-false", "GOVERNANCE")
    return outcome(lambda: s3.delete_object(Bucket="governance-false", Key="k", VersionId=version,
                                            BypassGovernanceRetention=False)["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def governance_locked_version_bypass_true(s3: Any) -> Any:
    version = _locked(s3, "governance-true", "GOVERNANCE")
    return outcome(lambda: s3.delete_object(Bucket="governance-true", Key="k", VersionId=version,
                                            BypassGovernanceRetention=True)["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def expected_bucket_owner_mismatch(s3: Any) -> Any:
    s3.create_bucket(Bucket="owned")
    return outcome(lambda: s3.list_objects_v2(Bucket="owned", ExpectedBucketOwner="999999999999")
                   ["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def mfa_delete_without_token(s3: Any) -> Any:
    s3.create_bucket(Bucket="mfa")
    return outcome(lambda: s3.put_bucket_versioning(
        Bucket="mfa", VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"})
        ["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def copy_onto_itself_without_replace(s3: Any) -> Any:
    s3.create_bucket(Bucket="self-copy")
    s3.put_object(Bucket="self-copy", Key="k", Body=b"x")
    return outcome(lambda: s3.copy_object(Bucket="self-copy", Key="k", CopySource="self-copy/k")
                   ["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def multipart_part_too_small(s3: Any) -> Any:
    s3.create_bucket(Bucket="small-parts")
    upload = s3.create_multipart_upload(Bucket="small-parts", Key="k")["UploadId"]
    parts = [{"PartNumber": n, "ETag": s3.upload_part(Bucket="small-parts", Key="k", UploadId=upload,
                                                     PartNumber=n, Body=b"tiny")["ETag"]} for n in (1, 2)]
    return outcome(lambda: s3.complete_multipart_upload(
        Bucket="small-parts", Key="k", UploadId=upload, MultipartUpload={"Parts": parts})
        ["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def bucket_name_too_short(s3: Any) -> Any:
    return outcome(lambda: s3.create_bucket(Bucket="ab")["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def head_current_delete_marker(s3: Any) -> Any:
    versioned(s3, "marker-head")
    s3.put_object(Bucket="marker-head", Key="k", Body=b"x")
    s3.delete_object(Bucket="marker-head", Key="k")
    try:
        s3.head_object(Bucket="marker-head", Key="k")
        return "200"
    except Exception as error:
        headers = error.response["ResponseMetadata"]["HTTPHeaders"]  # type: ignore[attr-defined]
        return {"status": error.response["ResponseMetadata"]["HTTPStatusCode"],  # type: ignore[attr-defined]
                "x-amz-delete-marker": headers.get("x-amz-delete-marker")}


@scenario
def bucket_tagging(s3: Any) -> Any:
    s3.create_bucket(Bucket="tagged")
    return outcome(lambda: s3.put_bucket_tagging(
        Bucket="tagged", Tagging={"TagSet": [{"Key": "team", "Value": "storage"}]})
        ["ResponseMetadata"]["HTTPStatusCode"])


@scenario
def sts_get_caller_identity(s3: Any) -> Any:
    import boto3

    answer = boto3.client("sts", region_name=REGION).get_caller_identity()
    return {key: answer[key] for key in ("Account", "Arn", "UserId")}


@scenario
def dynamodb_list_tables(s3: Any) -> Any:
    import boto3

    return outcome(lambda: boto3.client("dynamodb", region_name=REGION).list_tables()["TableNames"])


def run_backend(backend: str) -> dict[str, Any]:
    os.environ.setdefault("AWS_DEFAULT_REGION", REGION)
    if backend == "moto":
        # moto's documented set-up: fake credentials in the environment.
        for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
            os.environ[name] = "testing"
        from moto import mock_aws as mock
    else:
        import s3double

        mock = s3double.mock_aws
    import boto3

    results = {}
    for name, function in SCENARIOS.items():
        with mock():
            results[name] = outcome(
                lambda scenario=function: scenario(boto3.client("s3", region_name=REGION))
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("moto", "s3double"))
    parser.add_argument("--moto-python", default=sys.executable)
    parser.add_argument("--s3double-python", default=sys.executable)
    args = parser.parse_args()
    if args.backend:
        print(json.dumps(run_backend(args.backend)))
        return
    runs = {}
    for backend, python in (("moto", args.moto_python), ("s3double", args.s3double_python)):
        done = subprocess.run([python, __file__, "--backend", backend],
                              capture_output=True, text=True, check=True)
        runs[backend] = json.loads(done.stdout.strip().splitlines()[-1])
    for name in SCENARIOS:
        moto, ours = runs["moto"][name], runs["s3double"][name]
        mark = "  " if moto == ours else "!="
        print(f"{mark} {name}\n     moto:     {moto}\n     s3double: {ours}")


if __name__ == "__main__":
    main()

"""docs/migrating-from-moto.md stays true: it quotes the runnable example, the README's
first screen sends moto users to it, the errors point at sections it has, and the
s3double column of its table is what the comparison script gets from s3double."""

from __future__ import annotations

import importlib.util
import pathlib
import re

import boto3
import pytest

import s3double
from s3double import errors

ROOT = pathlib.Path(__file__).parent.parent
GUIDE = ROOT / "docs" / "migrating-from-moto.md"
EXAMPLE = ROOT / "examples" / "test_migrated_from_moto.py"


def guide() -> str:
    return GUIDE.read_text()


def headings() -> set[str]:
    return {line.lstrip("#").strip() for line in guide().splitlines() if line.startswith("#")}


def test_the_guide_quotes_the_runnable_example_verbatim():
    assert f"```python\n{EXAMPLE.read_text()}```" in guide()


def test_the_guide_shows_the_moto_version_as_text_only():
    before = guide().split("Before, with moto:", 1)[1].split("After, with s3double", 1)[0]
    assert "from moto import mock_aws" in before
    code = EXAMPLE.read_text()
    assert "from moto" not in code and "import moto" not in code


def test_the_readme_first_screen_tells_a_moto_user_what_to_change():
    first_screen = "\n".join((ROOT / "README.md").read_text().splitlines()[:20])
    for words in ("moto", "from s3double import", "mock_aws", "UnservedRequestError",
                  "(docs/migrating-from-moto.md)"):
        assert words in first_screen


@pytest.mark.parametrize(
    "entry_point",
    ["`with mock_aws():`", "`@mock_aws` on a class", "MOTO_S3_CUSTOM_ENDPOINTS", "moto.server",
     "MOTO_ACCOUNT_ID", "AWS_DEFAULT_REGION", "mock_s3"],
)
def test_every_moto_entry_point_has_a_row(entry_point):
    table = guide().split("## What each moto entry point becomes", 1)[1].split("\n## ", 1)[0]
    assert any(line.startswith(f"| {entry_point}") or entry_point in line.split("|")[1]
               for line in table.splitlines() if line.startswith("| "))


def test_errors_point_to_sections_the_guide_has():
    assert "docs/migrating-from-moto.md" in errors.GUIDE
    refused = str(errors.unserved_service("sqs", "ListQueues"))
    config = str(errors.ConfigFileError("/nowhere"))
    for message in (refused, config):
        section = re.search(r"See '([^']+)'", message).group(1)
        assert section in headings()


def test_custom_endpoints_are_served_without_configuration(monkeypatch):
    """The guide: MOTO_S3_CUSTOM_ENDPOINTS has no counterpart because none is needed."""
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", "http://minio.internal:9000")
    with s3double.mock_aws() as double:
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="custom-endpoint")
        client.put_object(Bucket="custom-endpoint", Key="a/b.txt", Body=b"x")
        assert client.meta.endpoint_url == "http://minio.internal:9000"
        assert double.store.bucket("custom-endpoint").current("a/b.txt") is not None


# The s3double column of the guide's table, as the comparison script records it.
S3DOUBLE_ANSWERS = {
    "delete_objects_1001_keys": "400 MalformedXML",
    "delete_objects_quiet": {"Deleted": 0, "Errors": 0},
    "suspended_put_replaces_null_version": {"put_version_id": None, "versions": ["null", "v1"]},
    "suspended_delete_marker_is_null": {"VersionId": "null", "markers": ["null"], "versions": 0},
    "delete_objects_without_content_md5": "400 InvalidRequest",
    "delete_objects_wrong_content_md5": "400 BadDigest",
    "put_object_wrong_content_md5": "400 BadDigest",
    "governance_locked_version_bypass_false": "403 AccessDenied",
    "governance_bypass_on_bucket_without_lock": "400 InvalidArgument",
    "governance_bypass_false_on_bucket_without_lock": "400 InvalidArgument",
    "suspend_versioning_on_lock_bucket": "409 InvalidBucketState",
    "lock_configuration_on_unversioned_bucket": "409 InvalidBucketState",
    "shorten_compliance_retention": "403 AccessDenied",
    "delete_object_unknown_version_id": "400 InvalidArgument",
    "delete_objects_unknown_version_id": {"Deleted": 0, "Errors": ["NoSuchVersion"]},
    "get_delete_marker_by_version_id": "405 MethodNotAllowed",
    "list_objects_next_marker_without_delimiter": {"IsTruncated": True, "NextMarker": None},
    "expected_bucket_owner_mismatch": "403 AccessDenied",
    "mfa_delete_without_token": "403 AccessDenied",
    "object_lock_enabled_false": {"lock": "404 ObjectLockConfigurationNotFoundError",
                                  "versioning": None},
    "delete_bucket_holding_only_delete_markers": "409 BucketNotEmpty",
    "create_bucket_again_us_east_1": 200,
    "bucket_tagging": 204,  # S3's recorded status (facts-bucket-configuration.md §1.1)
}


@pytest.fixture(scope="module")
def comparison():
    spec = importlib.util.spec_from_file_location("moto_comparison", ROOT / "docs" / "moto_comparison.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_s3double_column_is_what_s3double_answers(comparison):
    results = {name: comparison.outcome(lambda f=function: _run(f))
               for name, function in comparison.SCENARIOS.items() if name in S3DOUBLE_ANSWERS}
    assert results == S3DOUBLE_ANSWERS
    identity = _run(comparison.SCENARIOS["sts_get_caller_identity"])
    assert identity["Arn"] == "arn:aws:iam::123456789012:user/s3double"
    refused = comparison.outcome(lambda: _run(comparison.SCENARIOS["dynamodb_list_tables"]))
    assert refused.startswith("UnservedRequestError: s3double serves S3 and STS")


def _run(function):
    with s3double.mock_aws():
        return function(boto3.client("s3", region_name="us-east-1"))

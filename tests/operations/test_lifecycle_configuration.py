"""Bucket lifecycle configuration through boto3: Put, Get and Delete, the forms a rule's
filter takes, and the rules S3 refuses.

Expected answers are S3's: tests/data/aws/facts-lifecycle.md (sections in the
docstrings) and tests/data/aws/recorded/get_bucket_lifecycle_configuration.json. What
the rules do when the clock reaches them: test_lifecycle_clock.py.
"""

from __future__ import annotations

import base64
import copy
import datetime as _dt
import json
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from configuration_support import MALFORMED_XML, answer, body, refused_unchanged, status

BUCKET = "lifecycled"
RECORDED = Path(__file__).resolve().parents[1] / "data" / "aws" / "recorded"
UTC = _dt.timezone.utc


@pytest.fixture
def s3(s3double):  # noqa: ANN001, ANN201
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    return client


def recorded() -> dict[str, dict]:
    document = json.loads((RECORDED / "get_bucket_lifecycle_configuration.json").read_text())
    found: dict[str, dict] = {}
    for recording in document["recordings"]:
        test = recording["source"]["test"].rsplit("::", 1)[1]
        for key, response in recording["responses"].items():
            found[f"{test}/{key}"] = response
    return found


def as_recorded(response: dict, expiration: str | None = None) -> dict:
    """botocore's parse as LocalStack stored it: its status, and Expiration and Date
    masked where the recording masked them."""
    result = {**copy.deepcopy(body(response)), "HTTPStatusCode": status(response)}
    for rule in result.get("Rules", []):
        if expiration is not None:
            rule["Expiration"] = expiration
        elif "Date" in rule.get("Expiration", {}):
            rule["Expiration"]["Date"] = "datetime"
    return result


def put(s3, *rules: dict, **params: object) -> dict:  # noqa: ANN001
    return s3.put_bucket_lifecycle_configuration(
        Bucket=BUCKET, LifecycleConfiguration={"Rules": list(rules)}, **params
    )


# -- Put, Get, Delete -------------------------------------------------------------------

WHOLE_BUCKET = {
    "Expiration": {"Days": 7},
    "Filter": {"Prefix": ""},
    "ID": "wholebucket",
    "Status": "Enabled",
}


def test_lifecycle_crud_as_recorded(s3):
    """§1.1 (LS test_delete_bucket_lifecycle_configuration): 404 without; Put 200 with the
    default minimum object size; Get as recorded; Delete 204, also with nothing to delete."""
    expected = recorded()
    assert answer(s3.get_bucket_lifecycle_configuration, Bucket=BUCKET) == (
        404,
        {
            "Code": "NoSuchLifecycleConfiguration",
            "Message": "The lifecycle configuration does not exist",
            "BucketName": BUCKET,
        },
    )
    assert status(s3.delete_bucket_lifecycle(Bucket=BUCKET)) == 204

    answered = put(s3, WHOLE_BUCKET)

    assert (status(answered), answered["TransitionDefaultMinimumObjectSize"]) == (
        200,
        "all_storage_classes_128K",
    )
    assert (
        as_recorded(s3.get_bucket_lifecycle_configuration(Bucket=BUCKET))
        == expected["test_delete_bucket_lifecycle_configuration/get-bucket-lifecycle-conf"]
    )
    assert status(s3.delete_bucket_lifecycle(Bucket=BUCKET)) == 204
    assert answer(s3.get_bucket_lifecycle_configuration, Bucket=BUCKET)[0] == 404


@pytest.mark.parametrize(
    ("recording", "rules"),
    [
        (
            "test_bucket_lifecycle_tag_rules",
            [
                {"ID": "rule_one", "Status": "Enabled", "Expiration": {"Days": 7},
                 "Filter": {"Tag": {"Key": "testlifecycle", "Value": "positive"}}},
                {"ID": "rule_two", "Status": "Enabled", "Expiration": {"Days": 7},
                 "Filter": {"And": {"Tags": [{"Key": "testlifecycle", "Value": "positive"},
                                             {"Key": "testlifecycletwo", "Value": "positive-two"}]}}},
            ],
        ),
        (
            "test_bucket_lifecycle_object_size_rules",
            [
                {"ID": "rule_one", "Status": "Enabled", "Expiration": {"Days": 7},
                 "Filter": {"ObjectSizeGreaterThan": 20}},
                {"ID": "rule_two", "Status": "Enabled", "Expiration": {"Days": 7},
                 "Filter": {"ObjectSizeLessThan": 10}},
            ],
        ),
    ],
    ids=["tag-and-and", "object-size"],
)  # fmt: skip
def test_filter_forms_read_back_as_recorded(s3, recording, rules):
    """§2.1: Tag, And of two tags, and size filters come back as written."""
    put(s3, *rules)
    got = as_recorded(s3.get_bucket_lifecycle_configuration(Bucket=BUCKET), expiration="<expiration>")
    assert got == recorded()[f"{recording}/get-bucket-lifecycle-conf"]


def test_an_empty_filter_and_a_date(s3):
    """§2.1 (test_bucket_lifecycle_configuration_date): ``Filter {}`` and a midnight Date."""
    midnight = _dt.datetime(2030, 1, 1, tzinfo=UTC)
    put(
        s3,
        {"ID": "rule_number_one", "Status": "Enabled", "Filter": {}, "Expiration": {"Date": midnight}},
    )
    got = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)
    assert (
        as_recorded(got)
        == recorded()["test_bucket_lifecycle_configuration_date/get-bucket-lifecycle-conf"]
    )
    assert got["Rules"][0]["Expiration"]["Date"] == midnight


def test_every_action_and_the_deprecated_rule_prefix_read_back(s3):
    """§2.1, §3.2: the rule-level Prefix, noncurrent actions, aborts and transitions are kept
    as written; rules keep their order."""
    rules = [
        {"ID": "legacy", "Prefix": "logs/", "Status": "Disabled", "Expiration": {"Days": 30}},
        {
            "ID": "versions",
            "Status": "Enabled",
            "Filter": {
                "And": {"Prefix": "data/", "ObjectSizeGreaterThan": 1, "ObjectSizeLessThan": 100}
            },
            "NoncurrentVersionExpiration": {"NoncurrentDays": 3, "NewerNoncurrentVersions": 2},
            "NoncurrentVersionTransitions": [{"NoncurrentDays": 1, "StorageClass": "GLACIER"}],
            "Transitions": [{"Days": 0, "StorageClass": "GLACIER_IR"}],
        },
        {
            "ID": "uploads",
            "Status": "Enabled",
            "Filter": {"Prefix": "tmp/"},
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2},
            "Expiration": {"ExpiredObjectDeleteMarker": True},
        },
    ]
    put(s3, *rules)
    assert s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"] == rules


def test_a_rule_without_an_id_is_given_one(s3):
    """§2.2: an ID is made, the base64 of a version-4 UUID's text (48 characters)."""
    put(s3, {"Status": "Enabled", "Filter": {}, "Expiration": {"Days": 1}})
    (rule,) = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"]
    assert len(rule["ID"]) == 48
    assert uuid.UUID(base64.b64decode(rule["ID"]).decode()).version == 4


@pytest.mark.parametrize("size", ["varies_by_storage_class", "all_storage_classes_128K"])
def test_the_transition_minimum_object_size(s3, size):
    """§1.2 (LS test_s3_transition_default_minimum_object_size)."""
    answered = put(s3, WHOLE_BUCKET, TransitionDefaultMinimumObjectSize=size)
    assert answered["TransitionDefaultMinimumObjectSize"] == size
    got = s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)
    assert got["TransitionDefaultMinimumObjectSize"] == size


def test_an_unknown_transition_minimum_object_size(s3double, s3):
    """§1.2 (key bad-value)."""
    client = boto3.client("s3", region_name="us-east-1", config=Config(parameter_validation=False))
    assert refused_unchanged(
        s3double.store,
        BUCKET,
        client.put_bucket_lifecycle_configuration,
        LifecycleConfiguration={"Rules": [WHOLE_BUCKET]},
        TransitionDefaultMinimumObjectSize="value",
    ) == (
        400,
        {
            "Code": "InvalidRequest",
            "Message": "Invalid TransitionDefaultMinimumObjectSize found: value",
        },
    )


def test_deleting_the_bucket_deletes_its_lifecycle(s3):
    """§1.1 (test_delete_lifecycle_configuration_on_bucket_deletion)."""
    put(s3, WHOLE_BUCKET)
    s3.delete_bucket(Bucket=BUCKET)
    s3.create_bucket(Bucket=BUCKET)
    assert answer(s3.get_bucket_lifecycle_configuration, Bucket=BUCKET)[0] == 404


# -- what S3 refuses ------------------------------------------------------------------


def rule(**parts: object) -> dict:
    return {"ID": "r", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 1}, **parts}


def without(name: str, **parts: object) -> dict:
    found = rule(**parts)
    del found[name]
    return found


def malformed() -> dict:
    return {"Code": "MalformedXML", "Message": MALFORMED_XML}


def invalid_request(message: str) -> dict:
    return {"Code": "InvalidRequest", "Message": message}


def positive(name: str, action: str, value: str) -> dict:
    return {
        "Code": "InvalidArgument",
        "Message": f"'{name}' for {action} action must be a positive integer",
        "ArgumentName": name,
        "ArgumentValue": value,
    }


TAGS = [{"Key": "k", "Value": "v"}]
REFUSED = {
    "missing-filter": ([without("Filter")], malformed()),
    "missing-noncurrent-version-expiration-data": (
        [rule(NoncurrentVersionExpiration={})], malformed()),
    "wrong-filter-and-plus-prefix": ([rule(Filter={"And": {"Prefix": "test"}, "Prefix": ""})], malformed()),
    "wrong-filter-and-and-object-size": (
        [rule(Filter={"ObjectSizeGreaterThan": 500, "Prefix": ""})], malformed()),
    "wrong-data-no-midnight": (
        [rule(Expiration={"Date": _dt.datetime(2023, 1, 1, 2, 2, tzinfo=UTC)})],
        {"Code": "InvalidArgument", "Message": "'Date' must be at midnight GMT", "ArgumentName": "Date"}),
    "duplicate-tag-keys": (
        [rule(Filter={"And": {"Tags": [{"Key": "k", "Value": "a"}, {"Key": "k", "Value": "b"}]}})],
        invalid_request("Duplicate Tag Keys are not allowed.")),
    "expired-delete-marker-and-days": (
        [rule(Expiration={"Days": 1, "ExpiredObjectDeleteMarker": True})], malformed()),
    "status-lower-case": ([rule(Status="enabled")], malformed()),
    "rule-prefix-and-filter": ([rule(Prefix="a")], malformed()),
    "days-zero": ([rule(Expiration={"Days": 0})], positive("Days", "Expiration", "0")),
    "noncurrent-days-zero": (
        [rule(NoncurrentVersionExpiration={"NoncurrentDays": 0})],
        positive("NoncurrentDays", "NoncurrentVersionExpiration", "0")),
    "days-after-initiation-zero": (
        [rule(AbortIncompleteMultipartUpload={"DaysAfterInitiation": 0})],
        positive("DaysAfterInitiation", "AbortIncompleteMultipartUpload", "0")),
    "abort-with-tags": (
        [rule(Filter={"Tag": TAGS[0]}, AbortIncompleteMultipartUpload={"DaysAfterInitiation": 1})],
        invalid_request("AbortIncompleteMultipartUpload cannot be specified with Tags.")),
    "marker-with-size": (
        [rule(Filter={"ObjectSizeGreaterThan": 10}, Expiration={"ExpiredObjectDeleteMarker": True})],
        invalid_request("ExpiredObjectDeleteMarker cannot be specified with Object Size.")),
    "no-action": (
        [without("Expiration")], invalid_request("At least one action needs to be specified in a rule")),
    "id-too-long": (
        [rule(ID="x" * 256)],
        {"Code": "InvalidArgument", "ArgumentName": "ID", "ArgumentValue": "x" * 256}),
    "same-id": ([rule(), rule()], {"Code": "InvalidArgument", "ArgumentName": "ID", "ArgumentValue": "r"}),
    "newer-noncurrent-without-filter": (
        [without("Filter", Prefix="", NoncurrentVersionExpiration={"NewerNoncurrentVersions": 2})],
        {"Code": "InvalidRequest"}),
    "1001-rules": (
        [rule(ID=str(n)) for n in range(1001)],
        invalid_request("The number of lifecycle rules must not exceed the allowed limit of 1000 rules.")),
}  # fmt: skip


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_configuration_s3_refuses(s3double, s3, case):
    """§3 (LS test_put_bucket_lifecycle_conf_exc keys; ceph/s3-tests; reports quoted in
    facts-lifecycle.md §3); the bucket keeps the configuration it had."""
    client = boto3.client("s3", region_name="us-east-1", config=Config(parameter_validation=False))
    put(s3, WHOLE_BUCKET)
    rules, expected = REFUSED[case]

    code, error = refused_unchanged(
        s3double.store,
        BUCKET,
        client.put_bucket_lifecycle_configuration,
        LifecycleConfiguration={"Rules": rules},
    )

    assert code == 400
    assert {name: error[name] for name in expected} == expected
    assert s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"] == [WHOLE_BUCKET]


def test_an_expired_object_delete_marker_rule_alone_is_accepted(s3):
    """§3.3 (test_lifecycle_expired_object_delete_marker)."""
    marker_rule = {"ID": "markers", "Status": "Enabled", "Filter": {},
                   "Expiration": {"ExpiredObjectDeleteMarker": True}}  # fmt: skip
    assert status(put(s3, marker_rule)) == 200
    assert s3.get_bucket_lifecycle_configuration(Bucket=BUCKET)["Rules"] == [marker_rule]

"""Bucket configurations S3 keeps and gives back, through boto3: tagging, CORS, website,
logging, notification, acceleration, request payment, replication.

Every expected answer is S3's, from tests/data/aws/facts-bucket-configuration.md (the
section is in each test's docstring) and the errors recorded in
tests/data/aws/recorded/errors.json.
"""

from __future__ import annotations

import boto3
import pytest
from configuration_support import MALFORMED_XML, answer, body, refused_unchanged, status

BUCKET = "configured"


@pytest.fixture
def s3(s3double):  # noqa: ANN001, ANN201
    client = boto3.client("s3", region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    return client


def tags(*pairs: tuple[str, str]) -> dict:
    return {"TagSet": [{"Key": key, "Value": value} for key, value in pairs]}


# -- tagging ------------------------------------------------------------------------


def test_bucket_tagging_crud(s3):
    """§1.1 (LS test_bucket_tagging_crud): 404 NoSuchTagSet, Put 204 and replaces the
    whole set, values may be empty, order kept, Delete 204."""
    assert answer(s3.get_bucket_tagging, Bucket=BUCKET) == (
        404,
        {
            "Code": "NoSuchTagSet",
            "Message": "The TagSet does not exist",
            "BucketName": BUCKET,
        },
    )
    assert (
        status(s3.put_bucket_tagging(Bucket=BUCKET, Tagging=tags(("tag1", "tag1"), ("tag2", ""))))
        == 204
    )
    assert (
        s3.get_bucket_tagging(Bucket=BUCKET)["TagSet"] == tags(("tag1", "tag1"), ("tag2", ""))["TagSet"]
    )
    s3.put_bucket_tagging(Bucket=BUCKET, Tagging=tags(("tag3", "tag3")))
    assert s3.get_bucket_tagging(Bucket=BUCKET)["TagSet"] == [{"Key": "tag3", "Value": "tag3"}]
    assert status(s3.delete_bucket_tagging(Bucket=BUCKET)) == 204
    assert answer(s3.get_bucket_tagging, Bucket=BUCKET)[1]["Code"] == "NoSuchTagSet"
    assert status(s3.delete_bucket_tagging(Bucket=BUCKET)) == 204


def test_an_empty_tag_set_removes_the_tags(s3):
    """§1.1 (test_put_bucket_tagging_none_value): an empty TagSet answers 204, and Get is
    then 404 NoSuchTagSet."""
    s3.put_bucket_tagging(Bucket=BUCKET, Tagging=tags(("a", "b")))
    assert status(s3.put_bucket_tagging(Bucket=BUCKET, Tagging={"TagSet": []})) == 204
    assert answer(s3.get_bucket_tagging, Bucket=BUCKET)[1]["Code"] == "NoSuchTagSet"


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        (
            [("Key1", "a"), ("Key1", "b")],
            {
                "Code": "InvalidTag",
                "Message": "Cannot provide multiple Tags with the same key",
                "TagKey": "Key1",
            },
        ),
        (
            [("Key1,Key2", "a")],
            {
                "Code": "InvalidTag",
                "Message": "The TagKey you have provided is invalid",
                "TagKey": "Key1,Key2",
            },
        ),
        (
            [("Key1", "Val1,Val2")],
            {
                "Code": "InvalidTag",
                "Message": "The TagValue you have provided is invalid",
                "TagKey": "Key1",
                "TagValue": "Val1,Val2",
            },
        ),
        (
            [("aws:prefixed", "a")],
            {
                "Code": "InvalidTag",
                "Message": "System tags cannot be added/updated by requester",
                "TagKey": "aws:prefixed",
            },
        ),
        (
            [(f"k{n}", "v") for n in range(51)],
            {"Code": "BadRequest", "Message": "Bucket tag count cannot be greater than 50"},
        ),
    ],
    ids=["duplicate-key", "invalid-key", "invalid-value", "aws-prefix", "51-tags"],
)
def test_a_tag_set_s3_refuses(s3double, s3, pairs, expected):
    """§1.5 (LS test_tagging_validation, put-bucket-tags-* keys) and §1.7 (50 tags)."""
    s3.put_bucket_tagging(Bucket=BUCKET, Tagging=tags(("kept", "yes")))

    assert refused_unchanged(s3double.store, BUCKET, s3.put_bucket_tagging, Tagging=tags(*pairs)) == (
        400,
        expected,
    )
    assert s3.get_bucket_tagging(Bucket=BUCKET)["TagSet"] == [{"Key": "kept", "Value": "yes"}]


def test_fifty_tags_are_accepted(s3):
    """§1.7: at most 50 tags per bucket."""
    fifty = tags(*[(f"k{n}", "v") for n in range(50)])
    s3.put_bucket_tagging(Bucket=BUCKET, Tagging=fifty)
    assert len(s3.get_bucket_tagging(Bucket=BUCKET)["TagSet"]) == 50


def test_configurations_of_a_missing_bucket_are_no_such_bucket(s3):
    """§6.1 and facts-encryption.md §2.5: every configuration call on a missing bucket is
    404 NoSuchBucket naming it."""
    for call in (
        s3.get_bucket_tagging,
        s3.get_bucket_cors,
        s3.get_bucket_notification_configuration,
        s3.get_bucket_encryption,
        s3.get_bucket_lifecycle_configuration,
    ):
        assert answer(call, Bucket="missing-bucket") == (
            404,
            {
                "Code": "NoSuchBucket",
                "Message": "The specified bucket does not exist",
                "BucketName": "missing-bucket",
            },
        )


# -- CORS ---------------------------------------------------------------------------

CORS = {
    "CORSRules": [
        {
            "AllowedOrigins": ["https://test.com", "https://app.test.com", "http://test.com:80"],
            "AllowedMethods": ["GET", "PUT", "HEAD"],
            "MaxAgeSeconds": 3000,
            "AllowedHeaders": [
                "x-amz-expected-bucket-owner",
                "x-amz-server-side-encryption-customer-algorithm",
            ],
        }
    ]
}


def test_cors_crud(s3):
    """§3.1 (LS test_get_cors, test_put_cors, test_delete_cors): 404 without, Put 200,
    Get as put, Delete 204 before and after."""
    assert answer(s3.get_bucket_cors, Bucket=BUCKET) == (
        404,
        {
            "Code": "NoSuchCORSConfiguration",
            "Message": "The CORS configuration does not exist",
            "BucketName": BUCKET,
        },
    )
    assert status(s3.delete_bucket_cors(Bucket=BUCKET)) == 204
    assert status(s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration=CORS)) == 200
    assert body(s3.get_bucket_cors(Bucket=BUCKET)) == CORS
    assert status(s3.delete_bucket_cors(Bucket=BUCKET)) == 204
    assert answer(s3.get_bucket_cors, Bucket=BUCKET)[1]["Code"] == "NoSuchCORSConfiguration"


def test_cors_keeps_an_empty_origin(s3):
    """LS test_put_cors_empty_origin: AllowedOrigins [""] reads back as sent."""
    configuration = {"CORSRules": [{"AllowedOrigins": [""], "AllowedMethods": ["GET", "PUT", "HEAD"]}]}
    s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration=configuration)
    assert body(s3.get_bucket_cors(Bucket=BUCKET)) == configuration


def test_cors_refuses_an_unsupported_method_and_no_rules(s3double, s3):
    """§3.1 (LS test_put_cors_invalid_rules, keys put-cors-exc, put-cors-exc-empty)."""
    rules = {
        "CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET", "PUT", "HEAD", "MYMETHOD"]}]
    }
    assert refused_unchanged(s3double.store, BUCKET, s3.put_bucket_cors, CORSConfiguration=rules) == (
        400,
        {
            "Code": "InvalidRequest",
            "Message": "Found unsupported HTTP method in CORS config. Unsupported method is MYMETHOD",
        },
    )
    assert refused_unchanged(
        s3double.store, BUCKET, s3.put_bucket_cors, CORSConfiguration={"CORSRules": []}
    ) == (400, {"Code": "MalformedXML", "Message": MALFORMED_XML})


# -- website ------------------------------------------------------------------------


def test_website_crud(s3):
    """§4.1 (LS test_crud_website_configuration)."""
    assert answer(s3.get_bucket_website, Bucket=BUCKET) == (
        404,
        {
            "Code": "NoSuchWebsiteConfiguration",
            "Message": "The specified bucket does not have a website configuration",
            "BucketName": BUCKET,
        },
    )
    assert status(s3.delete_bucket_website(Bucket=BUCKET)) == 204
    put = s3.put_bucket_website(
        Bucket=BUCKET, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}}
    )
    assert status(put) == 200
    assert body(s3.get_bucket_website(Bucket=BUCKET)) == {"IndexDocument": {"Suffix": "index.html"}}
    s3.delete_bucket_website(Bucket=BUCKET)
    assert answer(s3.get_bucket_website, Bucket=BUCKET)[0] == 404


def test_a_website_with_routing_rules_reads_back_as_put(s3):
    configuration = {
        "IndexDocument": {"Suffix": "index.html"},
        "ErrorDocument": {"Key": "error.html"},
        "RoutingRules": [
            {
                "Condition": {"KeyPrefixEquals": "docs/"},
                "Redirect": {"ReplaceKeyPrefixWith": "documents/", "Protocol": "https"},
            }
        ],
    }
    s3.put_bucket_website(Bucket=BUCKET, WebsiteConfiguration=configuration)
    assert body(s3.get_bucket_website(Bucket=BUCKET)) == configuration


INVALID_WEBSITES = [
    (
        {"IndexDocument": {"Suffix": "/index.html"}},
        {
            "Code": "InvalidArgument",
            "Message": "The IndexDocument Suffix is not well formed",
            "ArgumentName": "IndexDocument",
            "ArgumentValue": "/index.html",
        },
    ),
    (
        {"IndexDocument": {"Suffix": ""}},
        {
            "Code": "InvalidArgument",
            "Message": "The IndexDocument Suffix is not well formed",
            "ArgumentName": "IndexDocument",
            "ArgumentValue": None,
        },
    ),
    (
        {"RedirectAllRequestsTo": {"HostName": "test"}, "IndexDocument": {"Suffix": "/index.html"}},
        {
            "Code": "InvalidArgument",
            "Message": "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.",
            "ArgumentName": "RedirectAllRequestsTo",
            "ArgumentValue": "not null",
        },
    ),
    (
        {"ErrorDocument": {"Key": "/index.html"}},
        {
            "Code": "InvalidArgument",
            "Message": "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty",
            "ArgumentName": "IndexDocument",
            "ArgumentValue": "null",
        },
    ),
    (
        {
            "IndexDocument": {"Suffix": "index.html"},
            "RoutingRules": [{"Redirect": {"Protocol": "protocol"}}],
        },
        {
            "Code": "InvalidRequest",
            "Message": "Invalid protocol, protocol can be http or https. If not defined the protocol will be "
            "selected automatically.",
        },
    ),
    (
        {
            "IndexDocument": {"Suffix": "index.html"},
            "RoutingRules": [
                {"Redirect": {"ReplaceKeyPrefixWith": "prefix", "ReplaceKeyWith": "key-name"}}
            ],
        },
        {
            "Code": "InvalidRequest",
            "Message": "You can only define ReplaceKeyPrefix or ReplaceKey but not both.",
        },
    ),
    (
        {
            "IndexDocument": {"Suffix": "index.html"},
            "RoutingRules": [{"Redirect": {"ReplaceKeyPrefixWith": "prefix"}, "Condition": {}}],
        },
        {
            "Code": "InvalidRequest",
            "Message": "Condition cannot be empty. To redirect all requests without a condition, "
            "the condition element shouldn't be present.",
        },
    ),
    (
        {"IndexDocument": {"Suffix": "index.html"}, "RoutingRules": []},
        {"Code": "MalformedXML", "Message": MALFORMED_XML},
    ),
]


@pytest.mark.parametrize(
    ("configuration", "expected"),
    INVALID_WEBSITES,
    ids=[f"invalid-website-conf-{n}" for n in range(len(INVALID_WEBSITES))],
)
def test_a_website_configuration_s3_refuses(s3double, s3, configuration, expected):
    """§4.1: the recorded keys of LS test_validate_website_configuration, in order."""
    assert refused_unchanged(
        s3double.store, BUCKET, s3.put_bucket_website, WebsiteConfiguration=configuration
    ) == (400, expected)


# -- logging and notifications ------------------------------------------------------


def test_logging_status(s3):
    """§5.1 (LS test_put_bucket_logging, test_put_bucket_logging_accept_wrong_grants): empty
    by default; Put 200; read back with grants (READ_ACP too); an empty status turns it off."""
    s3.create_bucket(Bucket="logs-target")
    assert body(s3.get_bucket_logging(Bucket=BUCKET)) == {}
    enabled = {
        "TargetBucket": "logs-target",
        "TargetPrefix": "log",
        "TargetGrants": [
            {
                "Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"},
                "Permission": "WRITE",
            },
            {
                "Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"},
                "Permission": "READ_ACP",
            },
        ],
    }
    assert (
        status(s3.put_bucket_logging(Bucket=BUCKET, BucketLoggingStatus={"LoggingEnabled": enabled}))
        == 200
    )
    assert body(s3.get_bucket_logging(Bucket=BUCKET)) == {"LoggingEnabled": enabled}
    assert status(s3.put_bucket_logging(Bucket=BUCKET, BucketLoggingStatus={})) == 200
    assert body(s3.get_bucket_logging(Bucket=BUCKET)) == {}


def test_logging_to_a_missing_bucket(s3double, s3):
    """§5.2 (LS test_put_bucket_logging_wrong_target, put-bucket-logging-non-existent-bucket)."""
    status_ = {"LoggingEnabled": {"TargetBucket": "no-such-target", "TargetPrefix": "log"}}
    assert refused_unchanged(
        s3double.store, BUCKET, s3.put_bucket_logging, BucketLoggingStatus=status_
    ) == (
        400,
        {
            "Code": "InvalidTargetBucketForLogging",
            "Message": "The target bucket for logging does not exist",
            "TargetBucket": "no-such-target",
        },
    )


def test_logging_across_regions(s3double, s3):
    """§5.2 (LS test_put_bucket_logging_cross_locations): 403, the target's region, and the
    source's when the source is not in us-east-1 (the message ends with a space)."""
    west = boto3.client("s3", region_name="us-west-2")
    west.create_bucket(
        Bucket="west-target", CreateBucketConfiguration={"LocationConstraint": "us-west-2"}
    )
    east2 = boto3.client("s3", region_name="us-east-2")
    east2.create_bucket(
        Bucket="east-source", CreateBucketConfiguration={"LocationConstraint": "us-east-2"}
    )
    to_west = {"LoggingEnabled": {"TargetBucket": "west-target", "TargetPrefix": "log"}}
    message = "Cross S3 location logging not allowed. "

    assert refused_unchanged(
        s3double.store, BUCKET, s3.put_bucket_logging, BucketLoggingStatus=to_west
    ) == (
        403,
        {
            "Code": "CrossLocationLoggingProhibitted",
            "Message": message,
            "TargetBucketLocation": "us-west-2",
        },
    )
    assert refused_unchanged(
        s3double.store, "east-source", east2.put_bucket_logging, BucketLoggingStatus=to_west
    ) == (
        403,
        {
            "Code": "CrossLocationLoggingProhibitted",
            "Message": message,
            "SourceBucketLocation": "us-east-2",
            "TargetBucketLocation": "us-west-2",
        },
    )


def test_notification_configuration_is_kept(s3):
    """§6.1: empty without one (200); Put 200 keeps the configuration as given (destinations
    are not reached: s3double has no SQS)."""
    assert body(s3.get_bucket_notification_configuration(Bucket=BUCKET)) == {}
    configuration = {
        "QueueConfigurations": [
            {
                "Id": "new-objects",
                "QueueArn": "arn:aws:sqs:us-east-1:123456789012:events",
                "Events": ["s3:ObjectCreated:*"],
                "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"}]}},
            }
        ],
        "EventBridgeConfiguration": {},
    }
    put = s3.put_bucket_notification_configuration(
        Bucket=BUCKET, NotificationConfiguration=configuration, SkipDestinationValidation=True
    )
    assert status(put) == 200
    assert body(s3.get_bucket_notification_configuration(Bucket=BUCKET)) == configuration
    s3.put_bucket_notification_configuration(Bucket=BUCKET, NotificationConfiguration={})
    assert body(s3.get_bucket_notification_configuration(Bucket=BUCKET)) == {}


# -- acceleration and request payment -----------------------------------------------


def test_acceleration_crud(s3):
    """§7.1 (LS test_bucket_acceleration_configuration_crud): no Status by default, then
    the status put."""
    assert body(s3.get_bucket_accelerate_configuration(Bucket=BUCKET)) == {}
    for state in ("Enabled", "Suspended"):
        assert (
            status(
                s3.put_bucket_accelerate_configuration(
                    Bucket=BUCKET, AccelerateConfiguration={"Status": state}
                )
            )
            == 200
        )
        assert body(s3.get_bucket_accelerate_configuration(Bucket=BUCKET)) == {"Status": state}


@pytest.mark.parametrize("value", ["enabled", "random"])
def test_acceleration_status_s3_refuses(s3double, s3, value):
    """§7.1 (test_bucket_acceleration_configuration_exc, lowercase and random)."""
    assert refused_unchanged(
        s3double.store,
        BUCKET,
        s3.put_bucket_accelerate_configuration,
        AccelerateConfiguration={"Status": value},
    ) == (400, {"Code": "MalformedXML", "Message": MALFORMED_XML})


def test_acceleration_of_a_bucket_with_periods(s3double, s3):
    """§7.1 (key put-bucket-accelerate-config-dot-bucket)."""
    s3.create_bucket(Bucket="dotted.bucket")
    assert refused_unchanged(
        s3double.store,
        "dotted.bucket",
        s3.put_bucket_accelerate_configuration,
        AccelerateConfiguration={"Status": "Enabled"},
    ) == (
        400,
        {
            "Code": "InvalidRequest",
            "Message": "S3 Transfer Acceleration is not supported for buckets with periods (.) in "
            "their names",
        },
    )


def test_request_payment(s3double, s3):
    """§7.2 (LS test_s3_request_payer, test_s3_request_payer_exceptions): BucketOwner by
    default, Requester once put, another value MalformedXML."""
    assert body(s3.get_bucket_request_payment(Bucket=BUCKET)) == {"Payer": "BucketOwner"}
    put = s3.put_bucket_request_payment(
        Bucket=BUCKET, RequestPaymentConfiguration={"Payer": "Requester"}
    )
    assert status(put) == 200
    assert body(s3.get_bucket_request_payment(Bucket=BUCKET)) == {"Payer": "Requester"}
    assert refused_unchanged(
        s3double.store,
        BUCKET,
        s3.put_bucket_request_payment,
        RequestPaymentConfiguration={"Payer": "Someone"},
    ) == (400, {"Code": "MalformedXML", "Message": MALFORMED_XML})


# -- replication --------------------------------------------------------------------

ROLE = "arn:aws:iam::123456789012:role/replication"


def replication(destination: str, **rule: object) -> dict:
    return {
        "Role": ROLE,
        "Rules": [
            {
                "Status": "Enabled",
                "Priority": 1,
                "DeleteMarkerReplication": {"Status": "Disabled"},
                "Filter": {"Prefix": "Tax"},
                "Destination": {"Bucket": f"arn:aws:s3:::{destination}"},
                **rule,
            }
        ],
    }


def test_replication_needs_versioning_on_both_buckets(s3double, s3):
    """§8.1, §8.2 (LS test_replication_config, test_replication_config_without_filter)."""
    s3.create_bucket(Bucket="replica")
    assert answer(s3.get_bucket_replication, Bucket=BUCKET) == (
        404,
        {
            "Code": "ReplicationConfigurationNotFoundError",
            "Message": "The replication configuration was not found",
            "BucketName": BUCKET,
        },
    )
    configuration = replication("replica", ID="taxes")
    assert refused_unchanged(
        s3double.store, BUCKET, s3.put_bucket_replication, ReplicationConfiguration=configuration
    ) == (
        400,
        {
            "Code": "InvalidRequest",
            "Message": "Versioning must be 'Enabled' on the bucket to apply a replication configuration",
        },
    )
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    for destination in ("does-not-exist", "replica"):
        assert refused_unchanged(
            s3double.store,
            BUCKET,
            s3.put_bucket_replication,
            ReplicationConfiguration=replication(destination, ID="taxes"),
        ) == (
            400,
            {"Code": "InvalidRequest", "Message": "Destination bucket must have versioning enabled."},
        )
    s3.put_bucket_versioning(Bucket="replica", VersioningConfiguration={"Status": "Enabled"})

    assert (
        status(s3.put_bucket_replication(Bucket=BUCKET, ReplicationConfiguration=configuration)) == 200
    )
    assert s3.get_bucket_replication(Bucket=BUCKET)["ReplicationConfiguration"] == configuration
    assert status(s3.delete_bucket_replication(Bucket=BUCKET)) == 204
    assert status(s3.delete_bucket_replication(Bucket=BUCKET)) == 204
    assert answer(s3.get_bucket_replication, Bucket=BUCKET)[0] == 404


def test_a_replication_rule_without_an_id_is_given_one(s3):
    """§8.2: the rule reads back with an ID S3 made."""
    for name in (BUCKET, "replica"):
        if name != BUCKET:
            s3.create_bucket(Bucket=name)
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_replication(Bucket=BUCKET, ReplicationConfiguration=replication("replica"))
    (rule,) = s3.get_bucket_replication(Bucket=BUCKET)["ReplicationConfiguration"]["Rules"]
    assert rule["ID"]
    assert rule["Filter"] == {"Prefix": "Tax"}


def test_replication_without_rules_is_malformed(s3double, s3):
    """§8.1: empty Rules → MalformedXML (LS key put-empty-bucket-replication-rules)."""
    s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    assert refused_unchanged(
        s3double.store,
        BUCKET,
        s3.put_bucket_replication,
        ReplicationConfiguration={"Role": ROLE, "Rules": []},
    ) == (400, {"Code": "MalformedXML", "Message": MALFORMED_XML})

"""MFA delete through a default boto3 client: turning it on and off, what
GetBucketVersioning reports, and which deletes and versioning changes need a token.

Spec: issue 3 ("MFA delete"); tests/data/aws/facts-mfa-delete.md sections 1 to 4.
The message for a missing token is quoted from AWS; for an invalid token none is
recorded, so only the code and status are asserted there. The DeleteObjects whole-request failure
follows the S3 API reference (DeleteObjects, ``MFA``).
"""

from __future__ import annotations

import pytest
from delete_support import s3_error, versions_state
from test_object_lock import PROTECTED, governance, put_locked, unchanged

SERIAL = "arn:aws:iam::123456789012:mfa/root"
CODE = "123456"
TOKEN = f"{SERIAL} {CODE}"
MFA_REQUIRED = "Mfa Authentication must be used for this request"
INVALID_TOKENS = [
    pytest.param(f"{SERIAL} 654321", id="wrong-code"),
    pytest.param(f"arn:aws:iam::123456789012:mfa/other {CODE}", id="unknown-serial"),
]
# Not "serial code": 400 InvalidArgument (facts-misc-answers.md §1.3).
MALFORMED_TOKENS = [
    pytest.param(SERIAL, id="no-code"),
    pytest.param(f"{SERIAL}{CODE}", id="no-space"),
    pytest.param(CODE, id="code-only"),
    pytest.param(f"{SERIAL} {CODE} 7", id="three-parts"),
]
MFA_FORMAT = (
    "Mfa header is invalid -- the header should be formatted as {serialNumber}(space){tokenCode}"
)


@pytest.fixture
def device(s3double):
    s3double.add_mfa_device(SERIAL, CODE)
    return TOKEN


@pytest.fixture
def mfa_bucket(s3, device):
    """A versioned bucket with MFA delete on, holding keys ``a`` and ``b`` (one version each)."""
    s3.create_bucket(Bucket="mfa-one")
    s3.put_bucket_versioning(Bucket="mfa-one", MFA=device,
                             VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"})
    for key in ("a", "b"):
        s3.put_object(Bucket="mfa-one", Key=key, Body=b"x")
    return "mfa-one"


def versioning_of(s3, name):
    response = s3.get_bucket_versioning(Bucket=name)
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def version_ids(s3, name):
    return {row[1]: row[2] for row in versions_state(s3, name) if row[0] == "version"}


# -- PutBucketVersioning with MFADelete -------------------------------------------------------


@pytest.mark.parametrize("status", ["Enabled", "Suspended"])
def test_mfa_delete_turned_on_and_off_with_a_valid_token(s3, bucket, device, status):
    s3.put_bucket_versioning(Bucket=bucket, MFA=device,
                             VersioningConfiguration={"Status": status, "MFADelete": "Enabled"})
    assert versioning_of(s3, bucket) == {"Status": status, "MFADelete": "Enabled"}
    s3.put_bucket_versioning(Bucket=bucket, MFA=device,
                             VersioningConfiguration={"Status": status, "MFADelete": "Disabled"})
    assert versioning_of(s3, bucket) == {"Status": status, "MFADelete": "Disabled"}


@pytest.mark.parametrize("fixture", ["bucket", "versioned_bucket"])
def test_mfa_delete_absent_when_never_configured(s3, request, fixture):
    name = request.getfixturevalue(fixture)
    expected = {} if fixture == "bucket" else {"Status": "Enabled"}
    assert versioning_of(s3, name) == expected


@pytest.mark.parametrize("fixture", ["bucket", "versioned_bucket"])
def test_enabling_mfa_delete_without_a_token(s3, s3double, device, request, fixture):
    name = request.getfixturevalue(fixture)
    before = versioning_of(s3, name)
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied", MFA_REQUIRED):
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={
            "Status": "Enabled", "MFADelete": "Enabled"})
    assert versioning_of(s3, name) == before


@pytest.mark.parametrize("fixture", ["bucket", "versioned_bucket"])
def test_mfa_delete_disabled_without_a_token_where_it_was_never_enabled(s3, request, fixture):
    """facts-misc-answers.md §1.2: a token is needed to turn MFA delete on (botocore's
    PutBucketVersioning documentation); ``MfaDelete: Disabled`` with no ``x-amz-mfa``
    on a bucket that never had it on is accepted, as Terraform sends it."""
    name = request.getfixturevalue(fixture)
    response = s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={
        "Status": "Enabled", "MFADelete": "Disabled"})
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert versioning_of(s3, name) == {"Status": "Enabled", "MFADelete": "Disabled"}


@pytest.mark.parametrize("token", INVALID_TOKENS)
def test_configuring_mfa_delete_with_an_invalid_token(s3, s3double, device, bucket, token):
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied"):
        s3.put_bucket_versioning(Bucket=bucket, MFA=token, VersioningConfiguration={
            "Status": "Enabled", "MFADelete": "Enabled"})
    assert versioning_of(s3, bucket) == {}


def test_no_token_is_valid_without_a_device(s3, s3double, bucket):
    """The documented default: until a test registers a device, every token is refused."""
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied"):
        s3.put_bucket_versioning(Bucket=bucket, MFA=TOKEN, VersioningConfiguration={
            "Status": "Enabled", "MFADelete": "Enabled"})


@pytest.mark.parametrize(
    "configuration",
    [
        pytest.param({"Status": "Suspended"}, id="suspend"),
        pytest.param({"Status": "Enabled", "MFADelete": "Disabled"}, id="disable-mfa-delete"),
        pytest.param({"Status": "Suspended", "MFADelete": "Disabled"}, id="suspend-and-disable"),
    ],
)
@pytest.mark.parametrize("token", [None, f"{SERIAL} 654321"], ids=["no-token", "invalid-token"])
def test_changing_versioning_on_an_mfa_bucket_needs_the_token(s3, s3double, mfa_bucket,
                                                              configuration, token):
    extra = {} if token is None else {"MFA": token}
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied") as caught:
        s3.put_bucket_versioning(Bucket=mfa_bucket, VersioningConfiguration=configuration,
                                 **extra)
    if token is None:
        assert caught.value.response["Error"]["Message"] == MFA_REQUIRED
    assert versioning_of(s3, mfa_bucket) == {"Status": "Enabled", "MFADelete": "Enabled"}


def test_suspending_an_mfa_bucket_with_the_token(s3, mfa_bucket, device):
    s3.put_bucket_versioning(Bucket=mfa_bucket, MFA=device,
                             VersioningConfiguration={"Status": "Suspended"})
    assert versioning_of(s3, mfa_bucket) == {"Status": "Suspended", "MFADelete": "Enabled"}


# -- DeleteObjects on an MFA-delete bucket ----------------------------------------------------


def test_delete_objects_with_a_version_id_and_no_token_fails_as_a_whole(s3, s3double,
                                                                        mfa_bucket):
    ids = version_ids(s3, mfa_bucket)
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied", MFA_REQUIRED):
        s3.delete_objects(Bucket=mfa_bucket, Delete={"Objects": [
            {"Key": "a", "VersionId": ids["a"]}, {"Key": "b"}, {"Key": "missing"}]})
    assert version_ids(s3, mfa_bucket) == ids
    assert [row[0] for row in versions_state(s3, mfa_bucket)] == ["version", "version"]


@pytest.mark.parametrize("token", INVALID_TOKENS)
@pytest.mark.parametrize("by_version", [True, False], ids=["with-version-id", "no-version-id"])
def test_delete_objects_with_an_invalid_token_fails_as_a_whole(s3, s3double, mfa_bucket, token,
                                                               by_version):
    ids = version_ids(s3, mfa_bucket)
    first = {"Key": "a", **({"VersionId": ids["a"]} if by_version else {})}
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied"):
        s3.delete_objects(Bucket=mfa_bucket, MFA=token,
                          Delete={"Objects": [first, {"Key": "b"}]})
    assert [row[0] for row in versions_state(s3, mfa_bucket)] == ["version", "version"]


def test_delete_objects_with_a_valid_token(s3, mfa_bucket, device):
    ids = version_ids(s3, mfa_bucket)
    response = s3.delete_objects(Bucket=mfa_bucket, MFA=device, Delete={"Objects": [
        {"Key": "a", "VersionId": ids["a"]}, {"Key": "b"}]})
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    deleted = {entry["Key"]: entry for entry in response["Deleted"]}
    assert deleted["a"] == {"Key": "a", "VersionId": ids["a"]}
    assert deleted["b"]["DeleteMarker"] is True
    assert sorted(row[:3] for row in versions_state(s3, mfa_bucket)) == [
        ("marker", "b", deleted["b"]["DeleteMarkerVersionId"]), ("version", "b", ids["b"]),
    ]


def test_delete_objects_without_version_ids_needs_no_token(s3, mfa_bucket):
    ids = version_ids(s3, mfa_bucket)
    response = s3.delete_objects(Bucket=mfa_bucket,
                                 Delete={"Objects": [{"Key": "a"}, {"Key": "b"}]})
    assert [entry["DeleteMarker"] for entry in response["Deleted"]] == [True, True]
    assert "Errors" not in response
    assert version_ids(s3, mfa_bucket) == ids


# -- DeleteObject on an MFA-delete bucket ------------------------------------------------------


def test_delete_object_with_a_version_id_and_no_token(s3, s3double, mfa_bucket):
    ids = version_ids(s3, mfa_bucket)
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied", MFA_REQUIRED):
        s3.delete_object(Bucket=mfa_bucket, Key="a", VersionId=ids["a"])
    assert version_ids(s3, mfa_bucket) == ids


@pytest.mark.parametrize("token", INVALID_TOKENS)
def test_delete_object_with_a_version_id_and_an_invalid_token(s3, s3double, mfa_bucket, token):
    ids = version_ids(s3, mfa_bucket)
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied"):
        s3.delete_object(Bucket=mfa_bucket, Key="a", VersionId=ids["a"], MFA=token)
    assert version_ids(s3, mfa_bucket) == ids


def test_delete_object_with_a_version_id_and_a_valid_token(s3, mfa_bucket, device):
    ids = version_ids(s3, mfa_bucket)
    response = s3.delete_object(Bucket=mfa_bucket, Key="a", VersionId=ids["a"], MFA=device)
    assert (response["ResponseMetadata"]["HTTPStatusCode"], response["VersionId"]) == (
        204, ids["a"],
    )
    assert version_ids(s3, mfa_bucket) == {"b": ids["b"]}


def test_delete_object_without_a_version_id_needs_no_token(s3, mfa_bucket):
    ids = version_ids(s3, mfa_bucket)
    response = s3.delete_object(Bucket=mfa_bucket, Key="a")
    assert (response["ResponseMetadata"]["HTTPStatusCode"], response["DeleteMarker"]) == (204, True)
    assert version_ids(s3, mfa_bucket) == ids


def test_mfa_delete_disabled_needs_no_token(s3, mfa_bucket, device):
    s3.put_bucket_versioning(Bucket=mfa_bucket, MFA=device, VersioningConfiguration={
        "Status": "Enabled", "MFADelete": "Disabled"})
    ids = version_ids(s3, mfa_bucket)
    s3.delete_object(Bucket=mfa_bucket, Key="a", VersionId=ids["a"])
    s3.delete_objects(Bucket=mfa_bucket, Delete={"Objects": [{"Key": "b", "VersionId": ids["b"]}]})
    assert versions_state(s3, mfa_bucket) == []


# -- accept_mfa and object lock ----------------------------------------------------------------


def test_accept_mfa_predicate(s3, s3double, mfa_bucket):
    seen = []

    def six_zeros(serial, code):
        seen.append((serial, code))
        return code == "000000"

    s3double.accept_mfa(six_zeros)
    ids = version_ids(s3, mfa_bucket)
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied"):
        s3.delete_object(Bucket=mfa_bucket, Key="a", VersionId=ids["a"], MFA="20899872 111111")
    s3.delete_object(Bucket=mfa_bucket, Key="a", VersionId=ids["a"], MFA="20899872 000000")
    assert seen == [("20899872", "111111"), ("20899872", "000000")]
    assert version_ids(s3, mfa_bucket) == {"b": ids["b"]}


def test_a_valid_token_does_not_bypass_object_lock(s3, s3double, device):
    s3.create_bucket(Bucket="locked-mfa", ObjectLockEnabledForBucket=True)
    s3.put_bucket_versioning(Bucket="locked-mfa", MFA=device,
                             VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"})
    until = s3double.clock.now().replace(microsecond=0).replace(year=2100)
    version_id = put_locked(s3, "locked-mfa", "k", **governance(until))
    with unchanged(s3double.store), s3_error(s3, 403, "AccessDenied", PROTECTED):
        s3.delete_object(Bucket="locked-mfa", Key="k", VersionId=version_id, MFA=device)
    response = s3.delete_object(Bucket="locked-mfa", Key="k", VersionId=version_id, MFA=device,
                                BypassGovernanceRetention=True)
    assert response["VersionId"] == version_id
    assert versions_state(s3, "locked-mfa") == []


# -- a malformed x-amz-mfa -----------------------------------------------------------------------


def _malformed(s3, token):  # noqa: ANN001, ANN202
    """400 InvalidArgument naming the header and the value as sent (the S3 error captured
    in iterate-ch/cyberduck#16267, facts-misc-answers.md §1.3)."""
    return s3_error(s3, 400, "InvalidArgument", MFA_FORMAT, ArgumentName="x-amz-mfa",
                    ArgumentValue=token)


@pytest.mark.parametrize("token", MALFORMED_TOKENS)
def test_a_malformed_token_is_an_invalid_argument_on_every_operation(s3, s3double, mfa_bucket,
                                                                    token):
    ids = version_ids(s3, mfa_bucket)
    with unchanged(s3double.store):
        with _malformed(s3, token):
            s3.delete_object(Bucket=mfa_bucket, Key="a", VersionId=ids["a"], MFA=token)
        with _malformed(s3, token):
            s3.delete_objects(Bucket=mfa_bucket, MFA=token, Delete={"Objects": [{"Key": "b"}]})
        with _malformed(s3, token):
            s3.put_bucket_versioning(Bucket=mfa_bucket, MFA=token, VersioningConfiguration={
                "Status": "Enabled", "MFADelete": "Disabled"})
    assert version_ids(s3, mfa_bucket) == ids


def test_a_malformed_token_is_refused_even_where_no_token_is_needed(s3, s3double, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    with unchanged(s3double.store), _malformed(s3, "123456"):
        s3.delete_object(Bucket=bucket, Key="k", MFA="123456")

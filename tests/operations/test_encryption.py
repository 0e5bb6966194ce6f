"""Server-side encryption through boto3: SSE-S3, SSE-KMS and SSE-C on writes, what every
answer echoes, and what reading an SSE-C object needs.

Expected answers: tests/data/aws/facts-encryption.md (sections in the tests' comments)
and recorded/copy_object_versioned.json. The KMS key ids are any well-formed id: the
double has no KMS.
"""

from __future__ import annotations

import base64
import hashlib

import pytest
from multipart_support import refused_upload, start
from s3_refusals import refused

from s3double.model.encryption import managed_key_arn
from s3double.model.object_options import Encryption

KEY_ID = "0b6f4a8c-1d2e-4f3a-9b8c-7d6e5f4a3b2c"
KEY_ARN = f"arn:aws:kms:us-east-1:123456789012:key/{KEY_ID}"
MANAGED = managed_key_arn("us-east-1", "123456789012")
CUSTOMER_KEY = b"1234567890abcdef1234567890abcdef"  # §4
OTHER_KEY = b"abcdef1234567890abcdef1234567890"


def sse_c(key: bytes = CUSTOMER_KEY, prefix: str = "SSECustomer") -> dict[str, str]:
    """boto3's SSE-C parameters; botocore base64-encodes the key and adds its MD5."""
    return {f"{prefix}Algorithm": "AES256", f"{prefix}Key": key.decode()}


def md5_of(key: bytes) -> str:
    return base64.b64encode(hashlib.md5(key).digest()).decode()


def echoed(response: dict) -> dict:
    names = ("ServerSideEncryption", "SSEKMSKeyId", "BucketKeyEnabled", "SSECustomerAlgorithm",
             "SSECustomerKeyMD5")
    return {name: response[name] for name in names if name in response}


# -- SSE-S3 ----------------------------------------------------------------------------------


def test_every_answer_echoes_sse_s3_by_default(s3, bucket):  # §2.1
    assert echoed(s3.put_object(Bucket=bucket, Key="k", Body=b"x")) == {"ServerSideEncryption": "AES256"}
    assert echoed(s3.get_object(Bucket=bucket, Key="k")) == {"ServerSideEncryption": "AES256"}
    assert echoed(s3.head_object(Bucket=bucket, Key="k")) == {"ServerSideEncryption": "AES256"}
    copied = s3.copy_object(Bucket=bucket, Key="c", CopySource={"Bucket": bucket, "Key": "k"})
    assert echoed(copied) == {"ServerSideEncryption": "AES256"}
    explicit = s3.put_object(Bucket=bucket, Key="e", Body=b"x", ServerSideEncryption="AES256")
    assert echoed(explicit) == {"ServerSideEncryption": "AES256"}


# -- SSE-KMS ---------------------------------------------------------------------------------


def test_kms_without_a_key_uses_the_account_managed_key_in_every_bucket(s3, bucket):  # §3.2, §3.3
    s3.create_bucket(Bucket="second")
    for name in (bucket, "second"):
        put = s3.put_object(Bucket=name, Key="k", Body=b"x", ServerSideEncryption="aws:kms")
        assert echoed(put) == {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": MANAGED}
        assert echoed(s3.head_object(Bucket=name, Key="k")) == echoed(put)


@pytest.mark.parametrize("given", [KEY_ID, KEY_ARN], ids=["key-id", "key-arn"])
def test_a_named_key_is_echoed_as_its_arn(s3, bucket, given):  # §3.1
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="aws:kms",
                        SSEKMSKeyId=given)
    assert put["SSEKMSKeyId"] == KEY_ARN
    assert s3.get_object(Bucket=bucket, Key="k")["SSEKMSKeyId"] == KEY_ARN


def test_the_bucket_key_header_comes_only_when_one_is_used(s3, bucket):  # §3.3, §3.5
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="aws:kms",
                        SSEKMSKeyId=KEY_ID, BucketKeyEnabled=True)
    expected = {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": KEY_ARN, "BucketKeyEnabled": True}
    assert echoed(put) == expected
    assert echoed(s3.get_object(Bucket=bucket, Key="k")) == expected
    off = s3.put_object(Bucket=bucket, Key="off", Body=b"x", ServerSideEncryption="aws:kms",
                        BucketKeyEnabled=False)
    assert "BucketKeyEnabled" not in off
    copied = s3.copy_object(Bucket=bucket, Key="c", CopySource={"Bucket": bucket, "Key": "off"},
                            ServerSideEncryption="aws:kms", SSEKMSKeyId=KEY_ID, BucketKeyEnabled=True)
    assert echoed(copied) == expected


def test_dual_layer_kms_is_echoed_with_its_key(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="aws:kms:dsse")
    assert echoed(put) == {"ServerSideEncryption": "aws:kms:dsse", "SSEKMSKeyId": MANAGED}


def test_the_bucket_default_applies_to_writes_without_encryption_headers(s3double, s3, bucket):
    """§2.6, §3.3: a KMS default with a bucket key gives a plain PutObject aws:kms, the key
    ARN and BucketKeyEnabled; objects written before keep AES256."""
    s3.put_object(Bucket=bucket, Key="before", Body=b"x")
    s3double.store.bucket(bucket).default_encryption = Encryption("aws:kms", KEY_ID, bucket_key=True)
    put = s3.put_object(Bucket=bucket, Key="after", Body=b"x")
    assert echoed(put) == {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": KEY_ARN,
                           "BucketKeyEnabled": True}
    assert echoed(s3.head_object(Bucket=bucket, Key="before")) == {"ServerSideEncryption": "AES256"}
    upload = start(s3, bucket, "mpu")
    assert s3.list_multipart_uploads(Bucket=bucket)["Uploads"][0]["UploadId"] == upload
    assert echoed(s3.upload_part(Bucket=bucket, Key="mpu", UploadId=upload, PartNumber=1,
                                 Body=b"p")) == echoed(put)


def test_copying_in_place_to_the_default_encryption_is_a_change(s3, bucket):  # §3.5
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="aws:kms")
    copied = s3.copy_object(Bucket=bucket, Key="k", CopySource={"Bucket": bucket, "Key": "k"})
    assert echoed(copied) == {"ServerSideEncryption": "AES256"}
    again = s3.copy_object(Bucket=bucket, Key="k", CopySource={"Bucket": bucket, "Key": "k"},
                           ServerSideEncryption="AES256")
    assert echoed(again) == {"ServerSideEncryption": "AES256"}


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        ({"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "fake-key-id"},
         "KMS.NotFoundException", "Invalid keyId 'fake-key-id'"),
        ({"ServerSideEncryption": "aws:kms",
          "SSEKMSKeyId": f"arn:aws:kms:us-west-2:123456789012:key/{KEY_ID}"},
         "KMS.NotFoundException", "Invalid arn us-west-2"),
        ({"ServerSideEncryption": "AES128"}, "InvalidArgument",
         "The encryption method specified is not supported"),
        ({"SSEKMSKeyId": KEY_ID}, "InvalidArgument",
         "Server Side Encryption with AWS KMS managed key requires HTTP header "
         "x-amz-server-side-encryption : aws:kms"),
        ({"ServerSideEncryption": "AES256", "SSEKMSKeyId": KEY_ID}, "InvalidArgument",
         "Server Side Encryption with AWS KMS managed key requires HTTP header "
         "x-amz-server-side-encryption : aws:kms"),
    ],
    ids=["invalid-key-id", "other-region", "unknown-algorithm", "key-without-kms", "key-with-aes"],
)
@pytest.mark.parametrize("operation", ["put_object", "create_multipart_upload", "copy_object"])
def test_refused_kms_requests(s3double, s3, bucket, operation, params, code, message):
    """§3.4 (recorded: the KMS errors on all three operations); §6 (the other two)."""
    s3.put_object(Bucket=bucket, Key="source", Body=b"x")
    extra = {"put_object": {"Body": b"x"}, "create_multipart_upload": {},
             "copy_object": {"CopySource": {"Bucket": bucket, "Key": "source"}}}[operation]
    answer = refused_upload(s3double.store, getattr(s3, operation), Bucket=bucket, Key="k",
                            **extra, **params)
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (400, code, message)


def test_an_alias_cannot_be_resolved_without_kms(s3double, s3, bucket):
    answer = refused(s3double.store, s3.put_object, Bucket=bucket, Key="k", Body=b"x",
                     ServerSideEncryption="aws:kms", SSEKMSKeyId="alias/my-key")
    assert (answer.status, answer.error["Code"]) == (501, "NotImplemented")
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="aws:kms",
                        SSEKMSKeyId="alias/aws/s3")
    assert put["SSEKMSKeyId"] == MANAGED


# -- SSE-C -----------------------------------------------------------------------------------


def test_sse_c_echoes_the_customer_headers_only(s3, bucket):  # §5.1, §5.2
    put = s3.put_object(Bucket=bucket, Key="k", Body=b"test_data", **sse_c())
    expected = {"SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": md5_of(CUSTOMER_KEY)}
    assert echoed(put) == expected
    assert put["ETag"] != f'"{hashlib.md5(b"test_data").hexdigest()}"'
    got = s3.get_object(Bucket=bucket, Key="k", **sse_c())
    assert (got["Body"].read(), echoed(got)) == (b"test_data", expected)
    assert echoed(s3.head_object(Bucket=bucket, Key="k", **sse_c())) == expected


@pytest.mark.parametrize(
    ("params", "status", "code", "message"),
    [
        ({}, 400, "InvalidRequest",
         "The object was stored using a form of Server Side Encryption. The correct parameters "
         "must be provided to retrieve the object."),
        (sse_c(OTHER_KEY), 403, "AccessDenied",
         "Requests specifying Server Side Encryption with Customer provided keys must provide "
         "the correct secret key."),
        ({"SSECustomerAlgorithm": "KMS", "SSECustomerKey": CUSTOMER_KEY.decode()}, 400,
         "InvalidEncryptionAlgorithmError",
         "The Encryption request you specified is not valid. Supported value: AES256."),
    ],
    ids=["no-key", "other-key", "algorithm"],
)
def test_reading_sse_c_needs_the_key(s3double, s3, bucket, params, status, code, message):  # §5.3
    s3.put_object(Bucket=bucket, Key="k", Body=b"x", **sse_c())
    answer = refused(s3double.store, s3.get_object, Bucket=bucket, Key="k", **params)
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (status, code, message)
    head = refused(s3double.store, s3.head_object, Bucket=bucket, Key="k", **params)
    assert head.status == status
    if "SSECustomerKey" in params:  # botocore encodes the key for GetObject, not here
        key = params["SSECustomerKey"].encode()
        params = {**params, "SSECustomerKey": base64.b64encode(key).decode(),
                  "SSECustomerKeyMD5": md5_of(key)}
    attributes = refused(s3double.store, s3.get_object_attributes, Bucket=bucket, Key="k",
                         ObjectAttributes=["ETag"], **params)
    assert (attributes.status, attributes.error["Code"]) == (status, code)


def test_sse_c_headers_on_another_object_are_refused(s3double, s3, bucket):  # §6
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    answer = refused(s3double.store, s3.get_object, Bucket=bucket, Key="k", **sse_c())
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (
        400, "InvalidRequest", "The encryption parameters are not applicable to this object.",
    )


def test_each_version_keeps_its_own_key(s3double, s3, versioned_bucket):  # §5.4
    first = s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"1", **sse_c())["VersionId"]
    s3.put_object(Bucket=versioned_bucket, Key="k", Body=b"2", **sse_c(OTHER_KEY))
    answer = refused(s3double.store, s3.get_object, Bucket=versioned_bucket, Key="k", **sse_c())
    assert (answer.status, answer.error["Code"]) == (403, "AccessDenied")
    old = s3.get_object(Bucket=versioned_bucket, Key="k", VersionId=first, **sse_c())
    assert old["Body"].read() == b"1"


@pytest.mark.parametrize(
    ("headers", "code", "message", "value"),
    [
        ({"x-amz-server-side-encryption": "AES256"}, "InvalidArgument",
         "Server Side Encryption with Customer provided key is incompatible with the "
         "encryption method specified", "AES256"),
        ({"x-amz-server-side-encryption-customer-algorithm": "KMS"},
         "InvalidEncryptionAlgorithmError",
         "The Encryption request you specified is not valid. Supported value: AES256.", "KMS"),
        ({"x-amz-server-side-encryption-customer-algorithm": None}, "InvalidArgument",
         "Requests specifying Server Side Encryption with Customer provided keys must provide a "
         "valid encryption algorithm.", None),
        ({"x-amz-server-side-encryption-customer-key": None}, "InvalidArgument",
         "Requests specifying Server Side Encryption with Customer provided keys must provide an "
         "appropriate secret key.", None),
        ({"x-amz-server-side-encryption-customer-key": base64.b64encode(b"0123456789").decode(),
          "x-amz-server-side-encryption-customer-key-MD5": md5_of(b"0123456789")},
         "InvalidArgument", "The secret key was invalid for the specified algorithm.", None),
        ({"x-amz-server-side-encryption-customer-key-MD5": md5_of(OTHER_KEY)}, "InvalidArgument",
         "The calculated MD5 hash of the key did not match the hash that was provided.", None),
    ],
    ids=["with-sse", "algorithm", "no-algorithm", "no-key", "key-size", "md5"],
)
def test_sse_c_validation(s3double, s3, bucket, headers, code, message, value):  # §4
    """Sent as raw headers (botocore would fill in what is missing): each answer as
    recorded, ArgumentName always x-amz-server-side-encryption."""
    sent = {
        "x-amz-server-side-encryption-customer-algorithm": "AES256",
        "x-amz-server-side-encryption-customer-key": base64.b64encode(CUSTOMER_KEY).decode(),
        "x-amz-server-side-encryption-customer-key-MD5": md5_of(CUSTOMER_KEY),
        **headers,
    }

    def rewrite(request, **_):  # noqa: ANN001, ANN202
        for name, text in sent.items():
            if text is None:
                if name in request.headers:
                    del request.headers[name]
            else:
                request.headers[name] = text

    s3.meta.events.register("before-sign.s3.PutObject", rewrite)
    answer = refused(s3double.store, s3.put_object, Bucket=bucket, Key="k", Body=b"x")
    assert (answer.status, answer.error["Code"], answer.error["Message"]) == (400, code, message)
    assert answer.error["ArgumentName"] == "x-amz-server-side-encryption"
    assert answer.error.get("ArgumentValue") == value


def test_sse_c_multipart_upload(s3double, s3, bucket):
    """§5.1, §5.5: creation and every part echo the customer headers, completion neither;
    a part without the key, with another key, or with a key for a plain upload is refused."""
    created = s3.create_multipart_upload(Bucket=bucket, Key="k", **sse_c())
    expected = {"SSECustomerAlgorithm": "AES256", "SSECustomerKeyMD5": md5_of(CUSTOMER_KEY)}
    assert echoed(created) == expected
    upload = created["UploadId"]
    for params, message in (
        ({}, "The multipart upload initiate requested encryption. Subsequent part requests "
             "must include the appropriate encryption parameters."),
        (sse_c(OTHER_KEY), "The provided encryption parameters did not match the ones used "
                           "originally."),
    ):
        answer = refused_upload(s3double.store, s3.upload_part, Bucket=bucket, Key="k",
                                UploadId=upload, PartNumber=1, Body=b"p", **params)
        assert (answer.status, answer.error["Code"], answer.error["Message"]) == (
            400, "InvalidRequest", message,
        )
    part = s3.upload_part(Bucket=bucket, Key="k", UploadId=upload, PartNumber=1, Body=b"p", **sse_c())
    assert echoed(part) == expected
    done = s3.complete_multipart_upload(Bucket=bucket, Key="k", UploadId=upload, MultipartUpload={
        "Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    assert echoed(done) == {}
    assert s3.get_object(Bucket=bucket, Key="k", **sse_c())["Body"].read() == b"p"
    plain = start(s3, bucket, "plain")
    answer = refused_upload(s3double.store, s3.upload_part, Bucket=bucket, Key="plain",
                            UploadId=plain, PartNumber=1, Body=b"p", **sse_c())
    assert answer.error["Code"] == "InvalidRequest"
    assert echoed(s3.upload_part(Bucket=bucket, Key="plain", UploadId=plain, PartNumber=1,
                                 Body=b"p")) == {"ServerSideEncryption": "AES256"}


def test_copying_an_sse_c_object(s3double, s3, bucket):  # §5.1, §5.3
    s3.put_object(Bucket=bucket, Key="k", Body=b"secret", **sse_c())
    answer = refused(s3double.store, s3.copy_object, Bucket=bucket, Key="plain",
                     CopySource={"Bucket": bucket, "Key": "k"})
    assert (answer.status, answer.error["Code"]) == (400, "InvalidRequest")
    assert answer.error["Message"].startswith("The object was stored using a form of Server Side")
    plain = s3.copy_object(Bucket=bucket, Key="plain", CopySource={"Bucket": bucket, "Key": "k"},
                           **sse_c(prefix="CopySourceSSECustomer"))
    assert echoed(plain) == {"ServerSideEncryption": "AES256"}
    assert plain["CopyObjectResult"]["ETag"] == f'"{hashlib.md5(b"secret").hexdigest()}"'
    assert s3.get_object(Bucket=bucket, Key="plain")["Body"].read() == b"secret"
    again = s3.copy_object(Bucket=bucket, Key="again", CopySource={"Bucket": bucket, "Key": "k"},
                           **sse_c(prefix="CopySourceSSECustomer"), **sse_c(OTHER_KEY))
    assert echoed(again)["SSECustomerKeyMD5"] == md5_of(OTHER_KEY)
    assert s3.get_object(Bucket=bucket, Key="again", **sse_c(OTHER_KEY))["Body"].read() == b"secret"

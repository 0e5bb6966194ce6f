"""Which requests the double serves, which it refuses, and that botocore is put back
exactly as it was. No test here lets a request reach the network: a socket guard
fails any test that tries, and "sent" is observed at botocore's send layer."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import textwrap

import boto3
import pytest
from botocore import httpsession
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.exceptions import ClientError

import s3double
from s3double.wire import hook

ORIGINAL_SEND = httpsession.URLLib3Session.send
DUMMY_KEYS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "not-a-secret"}

STS_IDENTITY = b"""<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::210987654321:user/canned</Arn>
    <UserId>AIDACANNEDUSER</UserId>
    <Account>210987654321</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>canned-request</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>"""

CANNED_BUCKETS = b"""<?xml version="1.0" encoding="UTF-8"?>
<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Owner><ID>canned</ID></Owner>
  <Buckets><Bucket><Name>from-the-canned-handler</Name>
  <CreationDate>2020-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets>
</ListAllMyBucketsResult>"""


@pytest.fixture(autouse=True)
def botocore_untouched_around_each_test():
    assert httpsession.URLLib3Session.send is ORIGINAL_SEND
    assert hook.active() is None
    yield
    assert hook.active() is None
    assert httpsession.URLLib3Session.send is ORIGINAL_SEND
    # Kept once set, so a request still inside the guard when the last double leaves finds it.
    assert hook._SAVED_SEND in ([], [ORIGINAL_SEND])


@pytest.fixture
def quiet_session(monkeypatch):
    """A boto3 session for clients made outside any double. With no credentials in the
    environment, botocore would ask the instance metadata service (the network) for
    some when a client is created; a new session made here does not."""
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return boto3.Session(region_name="us-east-1")


class _Raw(io.BytesIO):
    def stream(self, amt=None, decode_content=None):
        data = self.read()
        if data:
            yield data


def canned(url, body, status=200):
    return AWSResponse(url, status, {"content-type": "text/xml"}, _Raw(body))


@contextlib.contextmanager
def send_layer_spy(reply=None):
    """Inside an active double: record every request that reaches botocore's send
    layer (``URLLib3Session.send``, whatever the double put there), and answer one
    that the double lets through to the saved original with ``reply(request)``, never
    the network. Both are put back before the block ends, so the double restores the
    original on leaving."""
    assert hook._SAVED_SEND, "use inside an active double"
    saved_original = hook._SAVED_SEND[0]
    installed = httpsession.URLLib3Session.send
    reached, let_through = [], []

    def recording_send(session, request):
        reached.append(request)
        return installed(session, request)

    def fake_original(session, request):
        let_through.append(request)
        if reply is None:
            raise AssertionError(f"{request.method} {request.url} was let through")
        return reply(request)

    httpsession.URLLib3Session.send = recording_send
    hook._SAVED_SEND[0] = fake_original
    try:
        yield reached, let_through
    finally:
        hook._SAVED_SEND[0] = saved_original
        httpsession.URLLib3Session.send = installed


def bucket_names(client):
    return [entry["Name"] for entry in client.list_buckets()["Buckets"]]


# -- which clients are served -------------------------------------------------------


def test_client_created_before_the_block_is_served_inside_it(quiet_session):
    client = quiet_session.client("s3")
    assert quiet_session.get_credentials() is None
    with s3double.mock_s3() as s3:
        client.create_bucket(Bucket="made-early")
        client.put_object(Bucket="made-early", Key="k", Body=b"early")
        assert s3.store.bucket("made-early").current("k").body == b"early"
        assert client.get_object(Bucket="made-early", Key="k")["Body"].read() == b"early"


def test_client_with_keys_created_before_the_block_serves_consecutive_doubles():
    client = boto3.client("s3", region_name="us-east-1", **DUMMY_KEYS)
    with s3double.mock_s3() as first:
        client.create_bucket(Bucket="first-block")
    with s3double.mock_s3() as second:
        assert bucket_names(client) == []
        client.create_bucket(Bucket="second-block")
    assert [b.name for b in first.store] == ["first-block"]
    assert [b.name for b in second.store] == ["second-block"]


def test_client_created_inside_the_block_needs_no_credentials():
    """None are in the environment (conftest clears them): inside the block the session
    answers the AWS documentation's example keys, and S3 requests go unsigned anyway."""
    with s3double.mock_s3() as s3:
        session = boto3.Session(region_name="us-east-1")
        credentials = session.get_credentials()
        assert (credentials.access_key, credentials.method) == ("AKIAIOSFODNN7EXAMPLE", "s3double")
        client = session.client("s3")
        seen = []
        client.meta.events.register_first(
            "before-send.s3", lambda request, **_: seen.append(dict(request.headers))
        )
        client.create_bucket(Bucket="unsigned")
        assert s3.store.bucket("unsigned") is not None
        assert len(seen) == 1
        assert "Authorization" not in seen[0]


def test_boto3_default_client_is_served():
    with s3double.mock_s3() as s3:
        boto3.client("s3").create_bucket(Bucket="default-client")
        assert [b.name for b in s3.store] == ["default-client"]


@pytest.mark.parametrize(
    "config, expected_url",
    [
        (None, "http://localhost:9000/local-bucket/dir/key.txt"),
        (Config(s3={"addressing_style": "path"}), "http://localhost:9000/local-bucket/dir/key.txt"),
        (
            Config(s3={"addressing_style": "virtual"}),
            "http://local-bucket.localhost:9000/dir/key.txt",
        ),
    ],
    ids=["default", "path", "virtual"],
)
def test_client_with_a_local_endpoint_url_is_served(config, expected_url):
    with s3double.mock_s3() as s3:
        client = boto3.client(
            "s3", region_name="us-east-1", endpoint_url="http://localhost:9000", config=config
        )
        urls = []
        client.meta.events.register_first(
            "before-send.s3", lambda request, **_: urls.append(request.url)
        )
        client.create_bucket(Bucket="local-bucket")
        client.put_object(Bucket="local-bucket", Key="dir/key.txt", Body=b"local")
        assert urls[-1] == expected_url
        assert s3.store.bucket("local-bucket").current("dir/key.txt").body == b"local"
        listed = client.list_objects_v2(Bucket="local-bucket")
        assert [o["Key"] for o in listed["Contents"]] == ["dir/key.txt"]
        got = client.get_object(Bucket="local-bucket", Key="dir/key.txt")
        assert got["Body"].read() == b"local"


def test_client_in_another_region_is_served_and_region_recorded():
    with s3double.mock_s3() as s3:
        client = boto3.client("s3", region_name="eu-west-1")
        client.create_bucket(
            Bucket="irish-bucket", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
        )
        client.put_object(Bucket="irish-bucket", Key="k", Body=b"craic")
        assert s3.store.bucket("irish-bucket").region == "eu-west-1"
        location = client.get_bucket_location(Bucket="irish-bucket")
        assert location["LocationConstraint"] == "eu-west-1"
        assert client.get_object(Bucket="irish-bucket", Key="k")["Body"].read() == b"craic"


def test_path_style_client_against_aws_endpoint_is_served():
    with s3double.mock_s3() as s3:
        client = boto3.client(
            "s3", region_name="us-east-1", config=Config(s3={"addressing_style": "path"})
        )
        urls = []
        client.meta.events.register_first(
            "before-send.s3", lambda request, **_: urls.append(request.url)
        )
        client.create_bucket(Bucket="path-style")
        client.put_object(Bucket="path-style", Key="a/b/c", Body=b"deep")
        assert urls == [
            "https://s3.amazonaws.com/path-style",
            "https://s3.amazonaws.com/path-style/a/b/c",
        ]
        assert s3.store.bucket("path-style").current("a/b/c").body == b"deep"


def test_nothing_reaches_the_send_layer_for_s3_calls():
    with s3double.mock_s3():
        with send_layer_spy() as (reached, let_through):
            client = boto3.client("s3", region_name="us-east-1")
            client.create_bucket(Bucket="quiet")
            client.put_object(Bucket="quiet", Key="k", Body=b"x")
            client.list_objects_v2(Bucket="quiet")
        # Only credential lookups (instance metadata) may reach it; they are refused there.
        assert [r.url for r in reached if "169.254.169.254" not in r.url] == []
        assert let_through == []


# -- restoring botocore -------------------------------------------------------------


def test_send_is_replaced_while_active_and_the_original_object_put_back():
    with s3double.mock_s3():
        assert httpsession.URLLib3Session.send is not ORIGINAL_SEND
        assert hook._SAVED_SEND == [ORIGINAL_SEND]
    assert httpsession.URLLib3Session.send is ORIGINAL_SEND
    assert vars(httpsession.URLLib3Session)["send"] is ORIGINAL_SEND


def test_after_the_block_a_client_made_inside_is_refused_naming_the_double():
    """A leaky fixture's client (keys in the environment, say) would otherwise reach AWS
    once its double has left: every call is refused before it is signed or sent."""
    with s3double.mock_s3() as s3:
        client = boto3.client("s3", region_name="us-east-1", **DUMMY_KEYS)
        client.create_bucket(Bucket="inside")
    sent = []
    client.meta.events.register("before-send.s3", lambda request, **_: sent.append(request))
    calls = (lambda: bucket_names(client), lambda: client.put_object(Bucket="inside", Key="k", Body=b"x"))
    for call in calls:
        with pytest.raises(s3double.UnservedRequestError) as raised:
            call()
        assert "no longer active" in str(raised.value)
        assert f"{id(s3):#x}" in str(raised.value) and "test_interception.py" in str(raised.value)
    assert sent == []
    assert s3.store.bucket("inside").current("k") is None
    # Inside a new double the same client is served again, by that double.
    with s3double.mock_s3() as again:
        client.create_bucket(Bucket="again")
        assert [b.name for b in again.store] == ["again"]


def test_a_client_made_outside_any_double_is_botocores_own_after_the_block():
    client = boto3.client("s3", region_name="us-east-1", **DUMMY_KEYS)
    with s3double.mock_s3():
        assert bucket_names(client) == []
    sent = []

    def canned_reply(request, **_):
        sent.append(request)
        return canned(request.url, CANNED_BUCKETS)

    client.meta.events.register("before-send.s3", canned_reply)
    assert bucket_names(client) == ["from-the-canned-handler"]
    # The double no longer chooses the signer: the request is signed again.
    assert sent[0].headers["Authorization"].startswith(b"AWS4-HMAC-SHA256")


def test_after_the_block_an_unsigned_client_made_inside_is_refused():
    with s3double.mock_s3():
        client = boto3.Session(region_name="us-east-1").client("s3")
        assert bucket_names(client) == []
    with pytest.raises(s3double.UnservedRequestError, match="no longer active"):
        client.list_buckets()


def test_exception_inside_the_block_still_restores():
    with pytest.raises(ZeroDivisionError), s3double.mock_s3() as s3:
        boto3.client("s3").create_bucket(Bucket="before-error")
        1 / 0  # noqa: B018 - the error raised inside the block
    assert s3.active is False
    assert hook.active() is None
    assert httpsession.URLLib3Session.send is ORIGINAL_SEND


def test_nested_doubles_inner_serves_and_leaving_returns_to_the_outer():
    client = boto3.client("s3", region_name="us-east-1", **DUMMY_KEYS)
    with s3double.mock_s3() as outer:
        client.create_bucket(Bucket="outer-bucket")
        client.put_object(Bucket="outer-bucket", Key="k", Body=b"outer")
        with s3double.mock_s3() as inner:
            assert hook.active() is inner
            assert bucket_names(client) == []
            client.create_bucket(Bucket="inner-bucket")
            assert httpsession.URLLib3Session.send is not ORIGINAL_SEND
        assert hook.active() is outer
        assert httpsession.URLLib3Session.send is not ORIGINAL_SEND
        assert bucket_names(client) == ["outer-bucket"]
        assert client.get_object(Bucket="outer-bucket", Key="k")["Body"].read() == b"outer"
    assert hook.active() is None
    assert httpsession.URLLib3Session.send is ORIGINAL_SEND
    assert [b.name for b in inner.store] == ["inner-bucket"]
    assert [b.name for b in outer.store] == ["outer-bucket"]


def test_exception_in_an_inner_double_returns_to_the_outer():
    with s3double.mock_s3() as outer:
        with pytest.raises(KeyError), s3double.mock_s3():
            raise KeyError("inner")
        assert hook.active() is outer
        boto3.client("s3").create_bucket(Bucket="still-outer")
        assert outer.store.bucket("still-outer") is not None


def test_entering_the_same_active_double_twice_is_a_runtime_error():
    double = s3double.mock_s3()
    with double:
        with pytest.raises(RuntimeError, match="already active"), double:
            pass  # pragma: no cover
        # The failed entry did not deactivate the double.
        assert hook.active() is double
        boto3.client("s3").create_bucket(Bucket="after-refusal")
        assert double.store.bucket("after-refusal") is not None
    assert hook.active() is None
    assert httpsession.URLLib3Session.send is ORIGINAL_SEND


def test_a_refused_second_entry_keeps_the_active_doubles_state():
    double = s3double.mock_s3()
    with double:
        boto3.client("s3").create_bucket(Bucket="survives")
        with pytest.raises(RuntimeError, match="already active"):
            double.start()
        assert bucket_names(boto3.client("s3")) == ["survives"]


def test_stopping_a_double_that_is_not_active_is_a_runtime_error():
    double = s3double.mock_s3()
    with pytest.raises(RuntimeError, match="not active"):
        double.stop()
    with double:
        pass
    with pytest.raises(RuntimeError, match="not active"):
        double.stop()


# -- requests the double will not serve ----------------------------------------------


ASSUME_ROLE = {"RoleArn": "arn:aws:iam::123456789012:role/deployer", "RoleSessionName": "ci"}


@pytest.mark.parametrize(
    "service, call, operation",
    [
        ("sts", lambda c: c.assume_role(**ASSUME_ROLE), "AssumeRole"),
        ("dynamodb", lambda c: c.list_tables(), "ListTables"),
    ],
    ids=["sts", "dynamodb"],
)
def test_another_service_fails_loudly_and_sends_nothing(service, call, operation):
    with s3double.mock_s3():
        client = boto3.client(service, region_name="us-east-1", **DUMMY_KEYS)
        with (
            send_layer_spy() as (reached, let_through),
            pytest.raises(s3double.UnservedRequestError) as raised,
        ):
            call(client)
        assert reached == []
        assert let_through == []
    message = str(raised.value)
    assert f"the {service} call {operation}" in message
    # The way forward is the double's account id and the guide, never real AWS.
    assert "account_id" in message and "docs/migrating-from-moto.md" in message
    assert "passthrough" not in message


@pytest.mark.parametrize(
    "service, call",
    [
        ("sts", lambda c: c.assume_role(**ASSUME_ROLE)),
        ("dynamodb", lambda c: c.list_tables()),
    ],
    ids=["sts", "dynamodb"],
)
def test_another_service_without_credentials_fails_naming_the_service(service, call):
    """The environment holds no credentials (conftest clears them), as in most CI."""
    with s3double.mock_s3():
        client = boto3.client(service, region_name="us-east-1")
        with (
            send_layer_spy() as (reached, let_through),
            pytest.raises(s3double.UnservedRequestError, match=service),
        ):
            call(client)
        assert [r.url for r in reached if "169.254.169.254" not in r.url] == []
        assert let_through == []


def test_passthrough_lets_the_named_service_reach_botocores_send_layer():
    def reply(request):
        return canned(request.url, STS_IDENTITY)

    with s3double.mock_s3(passthrough=["sts"]) as s3:
        assert s3.passthrough == frozenset({"sts"})
        sts = boto3.client("sts", region_name="us-east-1", **DUMMY_KEYS)
        with send_layer_spy(reply) as (reached, sent):
            identity = sts.get_caller_identity()
        assert identity["Account"] == "210987654321"
        assert identity["Arn"] == "arn:aws:iam::210987654321:user/canned"
        assert len(sent) == 1
        assert reached == sent
        assert sent[0].url.startswith("https://sts.")
        body = sent[0].body if isinstance(sent[0].body, bytes) else sent[0].body.encode()
        assert b"Action=GetCallerIdentity" in body
        assert sent[0].headers["Authorization"].startswith(b"AWS4-HMAC-SHA256")
        # Only the named service passes: others are still stopped.
        dynamodb = boto3.client("dynamodb", region_name="us-east-1", **DUMMY_KEYS)
        with (
            send_layer_spy() as (reached, let_through),
            pytest.raises(s3double.UnservedRequestError, match="dynamodb"),
        ):
            dynamodb.list_tables()
        assert (reached, let_through) == ([], [])
        # S3 is still served in-process.
        boto3.client("s3").create_bucket(Bucket="still-served")
        assert s3.store.bucket("still-served") is not None


def test_s3_cannot_be_a_passthrough_service():
    with pytest.raises(ValueError):
        s3double.mock_s3(passthrough=["s3"])


def test_unmodelled_s3_operation_is_501_not_implemented_naming_it():
    with s3double.mock_s3():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="tags")
        with pytest.raises(ClientError) as raised:
            client.get_bucket_intelligent_tiering_configuration(Bucket="tags", Id="archive")
    error = raised.value.response["Error"]
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert error["Code"] == "NotImplemented"
    assert "GetBucketIntelligentTieringConfiguration" in error["Message"]
    assert raised.value.operation_name == "GetBucketIntelligentTieringConfiguration"


def test_unmodelled_header_is_501_naming_it_and_nothing_is_stored():
    with s3double.mock_s3() as s3:
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="tags")
        with pytest.raises(ClientError) as raised:
            client.put_object(Bucket="tags", Key="k", Body=b"x", RequestPayer="requester")
        assert s3.store.bucket("tags").current("k") is None
    error = raised.value.response["Error"]
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert error["Code"] == "NotImplemented"
    assert "x-amz-request-payer" in error["Message"]


# -- sessions older than the import ---------------------------------------------------

_OLD_SESSION_SCRIPT = textwrap.dedent(
    """
    import json, socket

    def refuse(*args, **kwargs):
        raise AssertionError("network")

    socket.socket.connect = refuse
    socket.getaddrinfo = refuse

    import boto3
    import botocore.session
    from botocore.config import Config

    keys = dict(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="not-a-secret")
    old = botocore.session.get_session()
    old_client = old.create_client("s3", region_name="us-east-1", **keys)
    old_irish = old.create_client("s3", region_name="eu-west-1", **keys)
    old_local = old.create_client("s3", region_name="us-east-1", endpoint_url="http://localhost:9000",
                                  config=Config(s3={"addressing_style": "path"}), **keys)
    old_dynamodb = old.create_client("dynamodb", region_name="us-east-1", **keys)
    old_keyless = botocore.session.Session().create_client("s3", region_name="eu-west-1")
    boto3.setup_default_session(region_name="us-east-1", **keys)

    import s3double
    from botocore import httpsession

    original = httpsession.URLLib3Session.send
    report = {}
    with s3double.mock_s3() as s3:
        old_client.create_bucket(Bucket="made-by-old")
        old_client.put_object(Bucket="made-by-old", Key="a/b.txt", Body=b"old")
        report["body"] = old_client.get_object(Bucket="made-by-old", Key="a/b.txt")["Body"].read().decode()
        report["listed"] = [o["Key"] for o in old_client.list_objects_v2(Bucket="made-by-old")["Contents"]]
        deleted = old_client.delete_objects(Bucket="made-by-old", Delete={"Objects": [{"Key": "a/b.txt"}]})
        report["deleted"] = [d["Key"] for d in deleted["Deleted"]]
        old_irish.create_bucket(Bucket="irish-old",
                                CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        report["irish_region"] = s3.store.bucket("irish-old").region
        old_local.create_bucket(Bucket="local-old")
        old_local.put_object(Bucket="local-old", Key="k", Body=b"x")
        report["local_key"] = s3.store.bucket("local-old").current("k").body.decode()
        try:
            old_client.head_object(Bucket="made-by-old", Key="gone")
        except Exception as error:
            report["missing"] = error.response["Error"]["Code"]
        try:
            old_dynamodb.list_tables()
            report["dynamodb"] = "sent"
        except s3double.UnservedRequestError as error:
            report["dynamodb"] = "UnservedRequestError: " + str(error)
        report["keyless_credentials"] = old_keyless._request_signer._credentials is None
        old_keyless.create_bucket(Bucket="keyless-old",
                                  CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        report["keyless_region"] = s3.store.bucket("keyless-old").region
        boto3.client("s3").create_bucket(Bucket="default-session")
        report["buckets"] = [b.name for b in s3.store]
        report["operations"] = [c.operation for c in s3.calls]
    report["restored"] = httpsession.URLLib3Session.send is original
    print(json.dumps(report))
    """
)


def test_a_session_created_before_import_is_served(tmp_path):
    """botocore copies its built-in handlers when a session is made, so a session older
    than ``import s3double`` has none; its S3 requests are served at the send layer,
    named from the URL (issue 13, item 6: the import order never matters)."""
    script = tmp_path / "old_session.py"
    script.write_text(_OLD_SESSION_SCRIPT)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["body"] == "old"
    assert report["listed"] == ["a/b.txt"]
    assert report["deleted"] == ["a/b.txt"]
    assert report["irish_region"] == "eu-west-1"
    assert report["local_key"] == "x"
    assert report["missing"] == "404"
    assert report["dynamodb"].startswith("UnservedRequestError: ")
    assert "before s3double was imported" in report["dynamodb"]
    assert report["keyless_credentials"] is True  # no credentials, served unsigned
    assert report["keyless_region"] == "eu-west-1"
    assert report["buckets"] == ["default-session", "irish-old", "keyless-old", "local-old", "made-by-old"]
    assert report["operations"][:5] == [
        "CreateBucket", "PutObject", "GetObject", "ListObjectsV2", "DeleteObjects",
    ]
    assert "HeadObject" in report["operations"]
    assert report["restored"] is True

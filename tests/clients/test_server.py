"""The HTTP server (s3double/wire/server.py): real clients over 127.0.0.1, the same
operations and model as the in-process hook. DeleteObjects' rules are those of
tests/data/aws/facts-deletes.md (versions, delete markers, Quiet, the 1,000-key limit)."""

from __future__ import annotations

import http.client
import socket
import threading
import time

import pytest
from botocore.exceptions import ClientError

from s3double.errors import ErrorCode
from s3double.model.versions import DeleteMarker


def _versioned(server, name: str = "versioned-one"):
    return server.double.store.create_bucket(name, versioning="Enabled")


# -- DeleteObjects ---------------------------------------------------------------


@pytest.mark.parametrize("style", ["path", "virtual"])
def test_delete_objects_of_versions_and_keys(s3double_server, client_for, style):
    """facts-deletes.md: a version id deletes that version for good; a bare key on a
    versioned bucket adds a delete marker; a missing version id is a per-key error."""
    s3 = client_for(style)
    s3.create_bucket(Bucket="versioned-one")
    s3.put_bucket_versioning(Bucket="versioned-one", VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket="versioned-one", Key="a", Body=b"1")["VersionId"]
    second = s3.put_object(Bucket="versioned-one", Key="a", Body=b"2")["VersionId"]
    s3.put_object(Bucket="versioned-one", Key="b/c d", Body=b"3")

    answer = s3.delete_objects(
        Bucket="versioned-one",
        Delete={"Objects": [{"Key": "a", "VersionId": first}, {"Key": "b/c d"}]},
    )

    assert answer["Deleted"][0] == {"Key": "a", "VersionId": first}
    marker = answer["Deleted"][1]
    assert marker["Key"] == "b/c d" and marker["DeleteMarker"] is True
    versions = s3.list_object_versions(Bucket="versioned-one")
    assert [v["VersionId"] for v in versions["Versions"] if v["Key"] == "a"] == [second]
    assert [m["VersionId"] for m in versions["DeleteMarkers"]] == [marker["DeleteMarkerVersionId"]]
    served = [call for call in s3double_server.double.calls if call.operation == "DeleteObjects"]
    assert [(call.bucket, call.status) for call in served] == [("versioned-one", 200)]


def test_deleting_a_delete_marker_by_version_brings_the_object_back(s3double_server, client_for):
    s3 = client_for()
    _versioned(s3double_server)
    s3.put_object(Bucket="versioned-one", Key="k", Body=b"kept")
    marker = s3.delete_object(Bucket="versioned-one", Key="k")
    assert marker["DeleteMarker"] is True

    answer = s3.delete_objects(
        Bucket="versioned-one",
        Delete={"Objects": [{"Key": "k", "VersionId": marker["VersionId"]}]},
    )

    assert answer["Deleted"] == [
        {"Key": "k", "VersionId": marker["VersionId"], "DeleteMarker": True,
         "DeleteMarkerVersionId": marker["VersionId"]}
    ]
    assert s3.get_object(Bucket="versioned-one", Key="k")["Body"].read() == b"kept"


def test_quiet_answers_only_the_errors(s3double_server, client_for):
    s3 = client_for()
    _versioned(s3double_server)
    s3.put_object(Bucket="versioned-one", Key="x", Body=b"x")

    answer = s3.delete_objects(
        Bucket="versioned-one",
        Delete={"Objects": [{"Key": "x"}, {"Key": "y", "VersionId": "not-a-version"}], "Quiet": True},
    )

    assert "Deleted" not in answer
    assert [(e["Key"], e["Code"]) for e in answer["Errors"]] == [("y", "NoSuchVersion")]
    assert isinstance(s3double_server.double.store.bucket("versioned-one").current("x"), DeleteMarker)


def test_a_thousand_keys_are_deleted_and_a_thousand_and_one_refused(s3double_server, client_for):
    """facts-deletes.md: up to 1,000 keys; more is 400 MalformedXML and nothing changes."""
    s3 = client_for()
    bucket = s3double_server.double.store.create_bucket("bulk-one")
    keys = [f"key-{n:04d}" for n in range(1001)]
    for key in keys:
        bucket.put(key, b"x")

    with pytest.raises(ClientError) as refused:
        s3.delete_objects(Bucket="bulk-one", Delete={"Objects": [{"Key": k} for k in keys]})
    assert refused.value.response["Error"]["Code"] == "MalformedXML"
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert all(bucket.current(key) is not None for key in keys)

    answer = s3.delete_objects(Bucket="bulk-one", Delete={"Objects": [{"Key": k} for k in keys[:1000]]})
    assert sorted(entry["Key"] for entry in answer["Deleted"]) == keys[:1000]
    assert [key for key in keys if bucket.current(key) is not None] == ["key-1000"]


# -- objects: Range, HEAD ------------------------------------------------------------


def test_put_then_get_a_range_and_head(s3double_server, client_for):
    s3 = client_for("virtual")
    s3.create_bucket(Bucket="objects-one")
    body = bytes(range(256)) * 40
    put = s3.put_object(Bucket="objects-one", Key="dir/file.bin", Body=body, Metadata={"colour": "blue"})

    part = s3.get_object(Bucket="objects-one", Key="dir/file.bin", Range="bytes=100-199")
    head = s3.head_object(Bucket="objects-one", Key="dir/file.bin")

    assert part["Body"].read() == body[100:200]
    assert part["ContentRange"] == f"bytes 100-199/{len(body)}"
    assert part["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert head["ContentLength"] == len(body)
    assert head["ETag"] == put["ETag"]
    assert head["Metadata"] == {"colour": "blue"}
    stored = s3double_server.double.store.bucket("objects-one").current("dir/file.bin")
    assert stored is not None


def test_head_of_a_missing_key_is_a_bare_404(s3double_server):
    s3double_server.double.store.create_bucket("objects-one")
    status, _, body = _raw(s3double_server, "HEAD", "/objects-one/missing")
    assert status == 404
    assert body == b""
    status, _, body = _raw(s3double_server, "GET", "/objects-one/missing")
    assert status == 404 and b"<Code>NoSuchKey</Code>" in body


# -- raw HTTP: chunked, 100-continue, virtual host, unrouted ---------------------------


def _connect(server) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)


def _raw(server, method, path, body=None, headers=None):
    connection = _connect(server)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def _read_until(sock: socket.socket, end: bytes) -> bytes:
    received = b""
    while end not in received:
        data = sock.recv(65536)
        if not data:
            break
        received += data
    return received


def test_a_chunked_upload_is_stored_whole(s3double_server):
    s3double_server.double.store.create_bucket("raw-one")
    pieces = [b"first piece ", b"second ", b"and the last"]
    connection = _connect(s3double_server)
    connection.request("PUT", "/raw-one/chunked", body=iter(pieces), encode_chunked=True)
    response = connection.getresponse()
    response.read()
    assert response.status == 200
    connection.request("GET", "/raw-one/chunked")  # the same keep-alive connection
    again = connection.getresponse()
    assert again.read() == b"".join(pieces)
    connection.close()


def test_expect_100_continue_is_answered_before_the_body_is_sent(s3double_server):
    s3double_server.double.store.create_bucket("raw-one")
    body = b"sent after the 100"
    with socket.create_connection(("127.0.0.1", s3double_server.port), timeout=10) as sock:
        sock.sendall(
            b"PUT /raw-one/continued HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(body)
        )
        interim = sock.recv(1024)
        assert interim.startswith(b"HTTP/1.1 100 Continue\r\n")
        sock.sendall(body)
        final = sock.recv(65536)
    assert final.startswith(b"HTTP/1.1 200 ")
    assert s3double_server.double.store.bucket("raw-one").current("continued") is not None
    assert _raw(s3double_server, "GET", "/raw-one/continued")[2] == body


def test_an_aws_chunked_body_is_unwrapped(s3double_server):
    s3double_server.double.store.create_bucket("raw-one")
    framed = b"5\r\nhello\r\n0\r\n\r\n"
    status, _, _ = _raw(
        s3double_server, "PUT", "/raw-one/framed", body=framed,
        headers={"Content-Encoding": "aws-chunked", "x-amz-decoded-content-length": "5"},
    )
    assert status == 200
    assert _raw(s3double_server, "GET", "/raw-one/framed")[2] == b"hello"


@pytest.mark.parametrize("host", ["raw-one.localhost", "raw-one.s3.localhost", "raw-one.127.0.0.1.nip.io"])
def test_a_bucket_in_the_host_is_virtual_hosted_style(s3double_server, host):
    s3double_server.double.store.create_bucket("raw-one")
    port = s3double_server.port
    status, _, _ = _raw(s3double_server, "PUT", "/some%20key", body=b"v", headers={"Host": f"{host}:{port}"})
    assert status == 200
    assert s3double_server.double.store.bucket("raw-one").current("some key") is not None


def test_a_put_without_length_is_refused_411(s3double_server):
    s3double_server.double.store.create_bucket("raw-one")
    with socket.create_connection(("127.0.0.1", s3double_server.port), timeout=10) as sock:
        sock.sendall(b"PUT /raw-one/nolength HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = _read_until(sock, b"</Error>")
    assert answer.startswith(b"HTTP/1.1 411 ")
    assert b"<Code>MissingContentLength</Code>" in answer


@pytest.mark.parametrize(("method", "status", "code"), [("PATCH", 405, "MethodNotAllowed"),
                                                         ("POST", 400, "InvalidRequest")])
def test_a_request_naming_no_operation_gets_an_s3_error(s3double_server, method, status, code):
    answer_status, headers, body = _raw(s3double_server, method, "/raw-one/key", body=b"")
    assert answer_status == status
    assert headers["Content-Type"] == "application/xml"
    assert f"<Code>{code}</Code>".encode() in body


# -- concurrency and shutdown ---------------------------------------------------------


def test_many_clients_at_once_lose_nothing(s3double_server, client_for):
    s3double_server.double.store.create_bucket("busy-one")
    failures: list[BaseException] = []

    def work(worker: int) -> None:
        s3 = client_for()
        try:
            for n in range(50):
                s3.put_object(Bucket="busy-one", Key=f"w{worker:02d}/k{n:02d}", Body=b"%d" % n)
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert failures == []
    listing = client_for().get_paginator("list_objects_v2").paginate(Bucket="busy-one")
    keys = [entry["Key"] for page in listing for entry in page.get("Contents", [])]
    assert len(keys) == len(set(keys)) == 16 * 50
    puts = [call for call in s3double_server.double.calls if call.operation == "PutObject"]
    assert len(puts) == 800 and {call.status for call in puts} == {200}
    assert s3double_server.errors == []


def test_shutdown_closes_the_port_and_open_connections(s3double_server):
    from s3double._double import S3Double
    from s3double.wire.server import S3Server

    server = S3Server(S3Double()).start()
    idle = _connect(server)
    idle.request("GET", "/")
    assert idle.getresponse().read().startswith(b"<?xml")  # ListBuckets, connection kept open

    started = time.monotonic()
    server.close()

    assert time.monotonic() - started < 5
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", server.port), timeout=5).close()
    with pytest.raises((ConnectionError, http.client.HTTPException, OSError)):
        idle.request("GET", "/")
        idle.getresponse().read()
    idle.close()
    server.close()  # twice is harmless


# -- signatures ------------------------------------------------------------------


@pytest.mark.s3double_server(credentials={"AKIDEXAMPLE": "fake-secret"})
def test_signatures_are_checked_when_credentials_are_given(s3double_server, client_for):
    import boto3

    good = client_for()
    good.create_bucket(Bucket="signed-one")
    good.put_object(Bucket="signed-one", Key="k", Body=b"v")  # header signature accepted

    def other(access_key: str, secret: str):
        return boto3.client(
            "s3", endpoint_url=s3double_server.endpoint_url, region_name="us-east-1",
            aws_access_key_id=access_key, aws_secret_access_key=secret,
        )

    with pytest.raises(ClientError) as mismatch:
        other("AKIDEXAMPLE", "wrong-secret").get_object(Bucket="signed-one", Key="k")
    assert mismatch.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert mismatch.value.response["Error"]["Message"] == ErrorCode.SIGNATURE_DOES_NOT_MATCH.message
    assert mismatch.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    with pytest.raises(ClientError) as unknown:
        other("AKIDUNKNOWN", "fake-secret").get_object(Bucket="signed-one", Key="k")
    assert unknown.value.response["Error"]["Code"] == "InvalidAccessKeyId"
    assert unknown.value.response["Error"]["Message"] == ErrorCode.INVALID_ACCESS_KEY_ID.message
    status, _, body = _raw(s3double_server, "GET", "/signed-one/k")  # not signed at all
    assert status == 403 and b"<Code>AccessDenied</Code>" in body
    refused = [call.error_code for call in s3double_server.double.calls if call.status == 403]
    assert refused == ["SignatureDoesNotMatch", "InvalidAccessKeyId", "AccessDenied"]


@pytest.mark.s3double_server(credentials={"AKIDEXAMPLE": "fake-secret"})
@pytest.mark.parametrize("version", ["s3", "s3v4"])  # boto3 presigns with SigV2 unless told
def test_a_presigned_url_is_checked_and_its_parameters_are_not_the_operations(
    s3double_server, client_for, version
):
    s3 = client_for(signature_version=version)
    s3.create_bucket(Bucket="signed-one")
    s3.put_object(Bucket="signed-one", Key="a b/c", Body=b"presigned body")
    url = s3.generate_presigned_url("get_object", Params={"Bucket": "signed-one", "Key": "a b/c"})
    target = url.split(str(s3double_server.port), 1)[1]

    status, _, body = _raw(s3double_server, "GET", target)
    assert (status, body) == (200, b"presigned body")

    tampered = target.replace("Signature=", "Signature=0")
    status, _, body = _raw(s3double_server, "GET", tampered)
    assert status == 403 and b"<Code>SignatureDoesNotMatch</Code>" in body


def test_a_presigned_url_works_without_checking_too(s3double_server, client_for):
    """The presign parameters are authentication, not the operation's: no 501 for them."""
    s3 = client_for(signature_version="s3v4")
    s3.create_bucket(Bucket="open-one")
    s3.put_object(Bucket="open-one", Key="k", Body=b"open")
    for version in ("s3", "s3v4"):
        url = client_for(signature_version=version).generate_presigned_url(
            "get_object", Params={"Bucket": "open-one", "Key": "k"}
        )
        status, _, body = _raw(s3double_server, "GET", url.split(str(s3double_server.port), 1)[1])
        assert (status, body) == (200, b"open")


def test_the_region_is_the_one_the_client_signed_for(s3double_server):
    import boto3

    s3 = boto3.client(
        "s3", endpoint_url=s3double_server.endpoint_url, region_name="eu-west-1",
        aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="fake-secret",
    )
    s3.create_bucket(Bucket="west-one", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    assert s3.get_bucket_location(Bucket="west-one")["LocationConstraint"] == "eu-west-1"
    with pytest.raises(ClientError) as refused:  # a constraint other than the endpoint's region
        s3.create_bucket(Bucket="east-one", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    assert refused.value.response["Error"]["Code"] == "IllegalLocationConstraintException"

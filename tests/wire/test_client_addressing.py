"""A request acts on the bucket and key its client addressed, never another (issue 13,
item 1). Access points of every kind are refused with 501 before any bucket is looked
up; endpoints with a path, and hosts that begin with the bucket's name, reach the
bucket and key the client named. ``location.locate`` is also tested on URLs alone, as
requests from sessions older than ``import s3double`` arrive."""

from __future__ import annotations

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from s3double.errors import S3Error
from s3double.wire.location import locate

ACCOUNT = "123456789012"
ARNS = {
    "access point": f"arn:aws:s3:us-east-1:{ACCOUNT}:accesspoint/ap",
    "object lambda": f"arn:aws:s3-object-lambda:us-east-1:{ACCOUNT}:accesspoint/olap",
    "outposts": f"arn:aws:s3-outposts:us-east-1:{ACCOUNT}:outpost/op-01234567890123456/accesspoint/ap",
}


@pytest.fixture
def archive(s3double):  # noqa: ANN001, ANN201
    bucket = s3double.store.create_bucket("archive")
    bucket.put("keep.txt", b"keep")
    return bucket


def _urls(client) -> list[str]:  # noqa: ANN001
    seen: list[str] = []
    client.meta.events.register_first("before-send.s3", lambda request, **_: seen.append(request.url))
    return seen


@pytest.mark.parametrize("arn", ARNS.values(), ids=ARNS.keys())
@pytest.mark.parametrize("call", ["put", "delete", "get", "list"])
def test_an_access_point_arn_is_501_and_no_bucket_changes(s3double, archive, arn, call):  # noqa: ANN001
    """Once: put and delete hit ``keep.txt`` in bucket ``archive``, the first segment
    of the key, since the access point's host put the key first in the path."""
    client = boto3.client("s3", region_name="us-east-1")
    urls = _urls(client)
    act = {
        "put": lambda: client.put_object(Bucket=arn, Key="archive/keep.txt", Body=b"lost"),
        "delete": lambda: client.delete_object(Bucket=arn, Key="archive/keep.txt"),
        "get": lambda: client.get_object(Bucket=arn, Key="archive/keep.txt"),
        "list": lambda: client.list_objects_v2(Bucket=arn, Prefix="archive/"),
    }[call]
    with pytest.raises(ClientError) as caught:
        act()
    response = caught.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert response["Error"]["Code"] == "NotImplemented"
    assert arn in response["Error"]["Message"]
    assert "archive" in urls[0].split("/", 3)[-1] or call == "list"  # the key led the path
    assert archive.current("keep.txt").body == b"keep"
    assert list(archive.objects.index.walk()) == ["keep.txt"]
    assert [b.name for b in s3double.store] == ["archive"]


@pytest.mark.parametrize("style", ["path", "virtual"])
def test_an_endpoint_with_a_path_reaches_the_named_bucket_and_key(s3double, style):  # noqa: ANN001
    """``endpoint_url="http://localhost:9000/prefix"``: path style once made ``prefix``
    the bucket; virtual style stored ``prefix/dir/k.txt``."""
    client = boto3.client("s3", region_name="us-east-1", endpoint_url="http://localhost:9000/prefix",
                          config=Config(s3={"addressing_style": style}))
    urls = _urls(client)
    client.create_bucket(Bucket="named")
    client.put_object(Bucket="named", Key="dir/k.txt", Body=b"here")
    assert "/prefix/" in urls[-1]
    bucket = s3double.store.bucket("named")
    assert [b.name for b in s3double.store] == ["named"]
    assert list(bucket.objects.index.walk()) == ["dir/k.txt"]
    listed = client.list_objects_v2(Bucket="named")
    assert [entry["Key"] for entry in listed["Contents"]] == ["dir/k.txt"]
    assert client.get_object(Bucket="named", Key="dir/k.txt")["Body"].read() == b"here"
    client.delete_objects(Bucket="named", Delete={"Objects": [{"Key": "dir/k.txt"}]})
    assert bucket.is_empty()


@pytest.mark.parametrize("style", ["path", "virtual"])
@pytest.mark.parametrize("key", ["archive/keep.txt", "dir/k.txt", "archive", "a/archive/b"])
def test_a_host_beginning_with_the_bucket_name_reaches_the_named_key(s3double, style, key):  # noqa: ANN001
    """``http://archive.example.com`` path style: ``/archive/archive/keep.txt`` once
    read as virtual-hosted, storing the key ``archive/archive/keep.txt``."""
    client = boto3.client("s3", region_name="us-east-1", endpoint_url="http://archive.example.com",
                          config=Config(s3={"addressing_style": style}))
    client.create_bucket(Bucket="archive")
    client.put_object(Bucket="archive", Key=key, Body=b"x")
    assert list(s3double.store.bucket("archive").objects.index.walk()) == [key]
    assert client.head_object(Bucket="archive", Key=key)["ContentLength"] == 1


@pytest.mark.parametrize("url", [
    "https://ap-123456789012.s3-accesspoint.us-east-1.amazonaws.com/archive/keep.txt",
    "https://olap-123456789012.s3-object-lambda.us-east-1.amazonaws.com/archive/keep.txt",
    "https://ap-123456789012.op-01234567890123456.s3-outposts.us-east-1.amazonaws.com/archive/keep.txt",
    "https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/archive/keep.txt",
])
def test_an_access_point_host_alone_is_501(url):
    with pytest.raises(S3Error) as caught:
        locate(url)
    assert caught.value.code == "NotImplemented"


@pytest.mark.parametrize(("url", "bucket", "key"), [
    ("https://s3.amazonaws.com/b/k/x", "b", "k/x"),
    ("https://s3.eu-west-1.amazonaws.com/b", "b", None),
    ("https://b.s3.amazonaws.com/k/x", "b", "k/x"),
    ("https://b.s3.eu-west-1.amazonaws.com/", "b", None),
    ("https://b.s3.dualstack.us-east-1.amazonaws.com/k", "b", "k"),
    ("https://s3data.s3.amazonaws.com/k", "s3data", "k"),
    ("https://d--usw2-az1--x-s3.s3express-usw2-az1.us-west-2.amazonaws.com/k", "d--usw2-az1--x-s3", "k"),
    ("https://s3express-control.us-west-2.amazonaws.com/d--usw2-az1--x-s3", "d--usw2-az1--x-s3", None),
    ("http://localhost:9000/b/k", "b", "k"),
    ("https://s3.amazonaws.com/", None, None),
])
def test_a_url_alone_is_read_as_botocore_writes_it(url, bucket, key):
    assert locate(url)[:2] == (bucket, key)


@pytest.mark.parametrize(("url", "hints", "expected"), [
    ("http://h:9000/prefix/b/k", ("b", "k"), ("b", "k")),
    ("http://h:9000/p/q/b/", ("b", None), ("b", None)),
    ("http://b.h:9000/prefix/k", ("b", "k"), ("b", "k")),
    ("http://b.example.com/b/b/k", ("b", "b/k"), ("b", "b/k")),
    ("http://b.example.com/b/k", ("b", "k"), ("b", "k")),
    ("http://b.example.com/b", ("b", "b"), ("b", "b")),
    ("http://h/b/k%20x", ("b", "k x"), ("b", "k x")),
    # A handler rewrote the URL: the URL as sent wins.
    ("http://h/other/k", ("b", "k"), ("other", "k")),
])
def test_the_clients_bucket_and_key_are_found_in_the_url(url, hints, expected):
    assert locate(url, *hints)[:2] == expected

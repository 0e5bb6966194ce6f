"""Each request is served by the double of its own context (issue 13, items 5 and 6):
concurrent doubles in threads and asyncio tasks never serve each other's requests;
threads and pools started inside a block belong to its double; a context with no
double while several are active elsewhere is refused; generator functions are wrapped
whole; a call in flight when its double leaves completes; traffic that passes through
survives doubles entering and leaving; a thread that outlives its block is refused,
naming the double."""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import threading

import boto3
import pytest
from botocore import httpsession
from botocore.awsrequest import AWSResponse
from botocore.config import Config

import s3double
from s3double.wire import contexts, hook

KEYS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "not-a-secret"}
ROUNDS = 30


@pytest.fixture(autouse=True)
def nothing_left_active():
    yield
    assert not contexts.any_active()
    assert threading.Thread.start is contexts._SAVED.get("start", threading.Thread.start)


def s3_client():
    """Made with keys: a client made outside any double would otherwise ask the instance
    metadata service (the network) for credentials."""
    return boto3.client("s3", region_name="us-east-1", **KEYS)


def buckets(double):
    return [b.name for b in double.store]


def listed(client):
    return [b["Name"] for b in client.list_buckets()["Buckets"]]


# -- concurrent doubles -------------------------------------------------------------


def test_doubles_in_two_threads_each_serve_only_their_own_thread():
    """Once: one process-wide stack, so the thread that entered last served both."""
    barrier = threading.Barrier(2)
    client = s3_client()  # one client, shared: the context decides, not the client
    seen: dict[str, list[list[str]]] = {}

    def test_body(name):
        with s3double.mock_s3() as double:
            barrier.wait(timeout=10)  # both doubles active from here on
            views = []
            for n in range(ROUNDS):
                client.create_bucket(Bucket=f"{name}-{n}")
                views.append(listed(client))
            barrier.wait(timeout=10)
            seen[name] = views
            assert buckets(double) == sorted(f"{name}-{n}" for n in range(ROUNDS))

    threads = [threading.Thread(target=test_body, args=(name,)) for name in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for name in ("left", "right"):
        assert len(seen[name]) == ROUNDS
        assert all(all(b.startswith(name) for b in view) for view in seen[name])


def test_doubles_in_two_asyncio_tasks_each_serve_only_their_own_task():
    client = s3_client()

    async def test_body(name, others_ready, mine_ready):
        async with s3double.mock_s3() as double:
            mine_ready.set()
            await others_ready.wait()
            for n in range(ROUNDS):
                client.put_object(Bucket=name, Key=f"k{n}", Body=name.encode()) if n else \
                    client.create_bucket(Bucket=name)
                await asyncio.sleep(0)  # let the other task run between requests
            return double, listed(client)

    async def main():
        a, b = asyncio.Event(), asyncio.Event()
        return await asyncio.gather(test_body("task-a", b, a), test_body("task-b", a, b))

    (first, first_view), (second, second_view) = asyncio.run(main())
    assert (buckets(first), first_view) == (["task-a"], ["task-a"])
    assert (buckets(second), second_view) == (["task-b"], ["task-b"])
    assert len(list(first.store.bucket("task-a").objects.index.walk())) == ROUNDS - 1


def test_tasks_started_inside_a_block_belong_to_its_double():
    client = s3_client()

    async def child(name):
        client.create_bucket(Bucket=name)

    async def main():
        with s3double.mock_s3() as double:
            await asyncio.gather(child("child-a"), asyncio.create_task(child("child-b")))
            return double

    assert buckets(asyncio.run(main())) == ["child-a", "child-b"]


# -- threads and pools started inside a block ----------------------------------------


def _other_double_active_elsewhere():
    """A double entered in another thread, kept active until the returned event is set."""
    entered, release = threading.Event(), threading.Event()

    def hold():
        with s3double.mock_s3() as double:
            double.store.create_bucket("elsewhere")
            entered.set()
            release.wait(timeout=60)

    holder = threading.Thread(target=hold)
    holder.start()
    entered.wait(timeout=10)
    return release, holder


def test_threads_and_pools_started_inside_belong_to_the_block_while_another_double_is_active():
    release, holder = _other_double_active_elsewhere()
    pool_made_before = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    try:
        client = s3_client()
        with s3double.mock_s3() as mine:
            thread = threading.Thread(target=client.create_bucket, kwargs={"Bucket": "from-thread"})
            thread.start()
            thread.join()
            with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
                list(pool.map(lambda n: client.create_bucket(Bucket=f"from-pool-{n}"), range(6)))
            pool_made_before.submit(client.create_bucket, Bucket="from-old-pool").result()

            async def in_executor():
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, lambda: client.create_bucket(Bucket="from-executor"))
                await asyncio.to_thread(client.create_bucket, Bucket="from-to-thread")

            asyncio.run(in_executor())
        assert buckets(mine) == sorted(
            ["from-thread", "from-old-pool", "from-executor", "from-to-thread"]
            + [f"from-pool-{n}" for n in range(6)]
        )
    finally:
        release.set()
        holder.join(timeout=10)
        pool_made_before.shutdown()


def test_a_pool_thread_reused_by_a_context_without_a_double_does_not_keep_one():
    release, holder = _other_double_active_elsewhere()
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            with s3double.mock_s3():
                pool.submit(lambda: None).result()  # the worker starts here, inside
            # Two doubles were active; now one is, elsewhere: the worker has none of its own.
            assert pool.submit(contexts._CURRENT.get).result() is None
    finally:
        release.set()
        holder.join(timeout=10)


def test_a_context_without_a_double_is_refused_while_several_are_active_elsewhere():
    release_one, one = _other_double_active_elsewhere()
    release_two, two = _other_double_active_elsewhere()
    try:
        with pytest.raises(s3double.UnservedRequestError, match="several are active") as raised:
            s3_client().list_buckets()
        assert str(raised.value).count("S3Double at 0x") == 2
    finally:
        release_one.set()
        release_two.set()
        one.join(timeout=10)
        two.join(timeout=10)


def test_a_thread_started_before_the_only_double_is_served_by_it():
    go, done = threading.Event(), threading.Event()
    result = {}

    def worker():
        go.wait(timeout=10)
        result["buckets"] = listed(s3_client())
        done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    with s3double.mock_s3() as double:
        double.store.create_bucket("only")
        go.set()
        done.wait(timeout=30)
    thread.join()
    assert result["buckets"] == ["only"]


def test_a_thread_that_outlives_its_block_is_refused_naming_the_double():
    client = s3_client()
    left, finish = threading.Event(), threading.Event()
    outcome = {}

    def worker():
        client.create_bucket(Bucket="while-inside")
        left.wait(timeout=10)
        try:
            client.list_buckets()
            outcome["after"] = "sent"
        except s3double.UnservedRequestError as error:
            outcome["after"] = str(error)
        finish.set()

    with s3double.mock_s3() as double:
        thread = threading.Thread(target=worker)
        thread.start()
        while double.store.bucket("while-inside") is None:
            thread.join(timeout=0.01)
    left.set()
    finish.wait(timeout=30)
    thread.join()
    assert "no longer active" in outcome["after"]
    assert f"{id(double):#x}" in outcome["after"]


# -- generator functions --------------------------------------------------------------


def test_a_decorated_generator_runs_its_body_inside_the_double():
    """Once: the decorator returned the generator before entering, so every request
    of the body went to the network."""
    made = []

    @s3double.mock_s3()
    def fixture_like(name):
        client = s3_client()
        client.create_bucket(Bucket=name)
        received = yield listed(client)
        made.append(received)
        yield listed(client)

    generator = fixture_like("from-generator")
    assert not contexts.any_active()  # nothing runs until the first step
    assert next(generator) == ["from-generator"]
    assert hook.active() is not None  # active between steps, for the test to use
    assert generator.send("sent in") == ["from-generator"]
    assert made == ["sent in"]
    with pytest.raises(StopIteration):
        next(generator)
    assert not contexts.any_active()


def test_a_decorated_generator_closed_early_leaves_its_double():
    @s3double.mock_s3()
    def endless():
        while True:
            yield listed(s3_client())

    generator = endless()
    assert next(generator) == []
    generator.close()
    assert not contexts.any_active()


def test_a_decorated_async_generator_runs_its_body_inside_the_double():
    @s3double.mock_s3()
    async def fixture_like():
        client = s3_client()
        client.create_bucket(Bucket="from-async-generator")
        try:
            received = yield listed(client)
            yield received
        except KeyError as thrown:
            yield f"caught {thrown}"

    async def main():
        generator = fixture_like()
        first = await generator.__anext__()
        sent = await generator.asend("sent in")
        await generator.aclose()
        assert not contexts.any_active()
        other = fixture_like()  # the same double, entered afresh
        await other.__anext__()
        thrown = await other.athrow(KeyError("k"))
        await other.aclose()
        return first, sent, thrown

    first, sent, thrown = asyncio.run(main())
    assert first == ["from-async-generator"]
    assert sent == "sent in"
    assert thrown == "caught 'k'"
    assert not contexts.any_active()


# -- calls in flight, passthrough traffic, the guard ------------------------------------


def test_a_call_in_flight_when_its_double_leaves_completes_with_it():
    double = s3double.mock_s3().start()
    double.store.create_bucket("flight")
    client = s3_client()
    client.meta.events.register_first("before-send.s3.PutObject", lambda **_: double.stop())
    client.put_object(Bucket="flight", Key="k", Body=b"landed")
    assert not double.active
    assert double.store.bucket("flight").current("k").body == b"landed"


class _Raw(io.BytesIO):
    def stream(self, amt=None, decode_content=None):
        data = self.read()
        if data:
            yield data


def test_passthrough_traffic_in_another_thread_survives_doubles_entering_and_leaving(monkeypatch):
    """Once: the send guard read the saved send after the last double popped it
    (IndexError). The network layer here is a stand-in that answers DynamoDB."""
    sent = []

    def network(session, request):
        sent.append(request.url)
        return AWSResponse(request.url, 200, {"content-type": "application/x-amz-json-1.0"},
                           _Raw(b'{"TableNames": ["t"]}'))

    monkeypatch.setattr(httpsession.URLLib3Session, "send", network)
    dynamodb = boto3.client("dynamodb", region_name="us-east-1", config=Config(retries={"max_attempts": 0}),
                            **KEYS)
    stop, failures, calls = threading.Event(), [], [0]

    def traffic():
        while not stop.is_set():
            try:
                assert dynamodb.list_tables()["TableNames"] == ["t"]
                calls[0] += 1
            except Exception as error:
                failures.append(repr(error))

    worker = threading.Thread(target=traffic)
    worker.start()
    try:
        for _ in range(200):
            with s3double.mock_s3(passthrough=["dynamodb"]), s3double.mock_s3(passthrough=["dynamodb"]):
                pass
    finally:
        stop.set()
        worker.join(timeout=30)
    assert failures == []
    assert calls[0] > 0 and len(sent) >= calls[0]


def test_the_guard_sends_a_request_already_inside_it_when_the_last_double_leaves(monkeypatch):
    inside, leave = threading.Event(), threading.Event()
    answered = []

    def slow_network(session, request):
        answered.append(request.url)
        return AWSResponse(request.url, 200, {}, _Raw(b""))

    monkeypatch.setattr(httpsession.URLLib3Session, "send", slow_network)
    double = s3double.mock_s3().start()

    class Request:
        url = "https://169.254.169.254/none"
        method = "GET"

    hook._ALLOWED.add(request := Request())

    def send_when_told():
        inside.set()
        leave.wait(timeout=10)
        hook._guarded_send(None, request)  # the guard, entered before the double left

    sender = threading.Thread(target=send_when_told)
    sender.start()
    inside.wait(timeout=10)
    double.stop()
    leave.set()
    sender.join(timeout=10)
    assert answered == ["https://169.254.169.254/none"]

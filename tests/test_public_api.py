"""The public entry points: ``mock_s3()`` as context manager and decorator (functions,
coroutines, unittest TestCase classes, plain classes), ``account_id``, seeding through
the model and reproducible version ids."""

from __future__ import annotations

import asyncio
import io
import re
import unittest

import boto3
import pytest
from botocore.exceptions import ClientError

import s3double
from s3double.wire import hook

VERSION_ID = re.compile(r"^[A-Za-z0-9._]{32}$")


@pytest.fixture(autouse=True)
def nothing_left_active():
    assert hook.active() is None
    yield
    assert hook.active() is None


def client():
    return boto3.client("s3", region_name="us-east-1")


def bucket_names(s3_client):
    return [entry["Name"] for entry in s3_client.list_buckets()["Buckets"]]


# -- context manager ------------------------------------------------------------


def test_mock_s3_returns_an_s3double_that_is_inactive_until_entered():
    double = s3double.mock_s3()
    assert isinstance(double, s3double.S3Double)
    assert double.active is False
    assert hook.active() is None


def test_context_manager_yields_the_double_itself_and_makes_it_active():
    double = s3double.mock_s3()
    with double as entered:
        assert entered is double
        assert entered.active is True
        assert hook.active() is double
    assert double.active is False


def test_state_written_through_boto3_is_visible_in_the_store():
    with s3double.mock_s3() as s3:
        c = client()
        c.create_bucket(Bucket="photos")
        c.put_object(Bucket="photos", Key="cat.jpg", Body=b"meow")
        bucket = s3.store.bucket("photos")
        assert bucket is not None
        current = bucket.current("cat.jpg")
        assert current.body == b"meow"
        assert current.version_id == "null"
        assert [b.name for b in s3.store] == ["photos"]


def test_store_is_still_readable_after_the_block():
    with s3double.mock_s3() as s3:
        client().create_bucket(Bucket="kept")
    assert s3.store.bucket("kept") is not None


def test_a_second_with_of_the_same_double_starts_empty():
    double = s3double.mock_s3()
    with double:
        client().create_bucket(Bucket="first-run")
        assert bucket_names(client()) == ["first-run"]
    with double:
        assert double.store.bucket("first-run") is None
        assert bucket_names(client()) == []


def test_two_mock_s3_calls_give_independent_doubles():
    first, second = s3double.mock_s3(), s3double.mock_s3()
    assert first is not second
    assert first.store is not second.store
    with first:
        client().create_bucket(Bucket="only-in-first")
    with second:
        assert bucket_names(client()) == []
    assert first.store.bucket("only-in-first") is not None


# -- decorator on functions and coroutines ----------------------------------------


def test_decorated_function_runs_with_an_active_double_and_returns_its_value():
    double = s3double.mock_s3()

    @double
    def make_bucket(name):
        assert double.active
        client().create_bucket(Bucket=name)
        return bucket_names(client())

    assert make_bucket("decorated") == ["decorated"]
    assert double.active is False


def test_decorated_function_gets_fresh_state_on_every_call():
    double = s3double.mock_s3()
    seen = []

    @double
    def run():
        seen.append(bucket_names(client()))
        client().create_bucket(Bucket="same-name")

    run()
    run()
    assert seen == [[], []]


def test_decorator_keeps_the_function_name():
    @s3double.mock_s3()
    def test_something():
        pass

    assert test_something.__name__ == "test_something"


def test_decorated_function_that_raises_still_deactivates():
    double = s3double.mock_s3()

    @double
    def broken():
        client().create_bucket(Bucket="x-bucket")
        raise ValueError("inside")

    with pytest.raises(ValueError, match="inside"):
        broken()
    assert double.active is False
    assert hook.active() is None


def test_decorated_coroutine_is_served_and_fresh_per_call():
    double = s3double.mock_s3()

    @double
    async def work(name):
        await asyncio.sleep(0)
        assert double.active
        before = bucket_names(client())
        client().create_bucket(Bucket=name)
        return before, bucket_names(client())

    assert asyncio.iscoroutinefunction(work)
    assert asyncio.run(work("async-one")) == ([], ["async-one"])
    assert asyncio.run(work("async-two")) == ([], ["async-two"])
    assert double.active is False


def test_async_with_activates_the_double():
    async def main():
        async with s3double.mock_s3() as s3:
            client().create_bucket(Bucket="async-with")
            return s3, s3.active

    double, was_active = asyncio.run(main())
    assert was_active is True
    assert double.active is False
    assert double.store.bucket("async-with") is not None


# -- decorator on classes -----------------------------------------------------------


def run_case(case_class):
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(case_class)
    stream = io.StringIO()
    result = unittest.TextTestRunner(stream=stream, verbosity=0).run(suite)
    return result, stream.getvalue()


def test_testcase_class_serves_setup_test_and_teardown_with_fresh_state_per_test():
    double = s3double.mock_s3()
    log = []

    @double
    class BucketTests(unittest.TestCase):
        def setUp(self):
            self.s3 = client()
            log.append(("setUp", bucket_names(self.s3)))
            self.s3.create_bucket(Bucket="from-setup")

        def tearDown(self):
            log.append(("tearDown", bucket_names(self.s3), double.active))

        def test_one(self):
            log.append(("test_one", bucket_names(self.s3)))
            self.s3.create_bucket(Bucket="from-test-one")

        def test_two(self):
            log.append(("test_two", bucket_names(self.s3)))

    result, output = run_case(BucketTests)
    assert result.wasSuccessful(), output
    assert result.testsRun == 2
    assert log == [
        ("setUp", []),
        ("test_one", ["from-setup"]),
        ("tearDown", ["from-setup", "from-test-one"], True),
        ("setUp", []),
        ("test_two", ["from-setup"]),
        ("tearDown", ["from-setup"], True),
    ]
    assert double.active is False


def test_testcase_class_failure_is_reported_and_botocore_restored():
    send = hook.httpsession.URLLib3Session.send

    @s3double.mock_s3()
    class Failing(unittest.TestCase):
        def test_fails(self):
            client().create_bucket(Bucket="doomed")
            self.fail("on purpose")

        def test_errors(self):
            raise KeyError("on purpose")

    result, _ = run_case(Failing)
    assert result.testsRun == 2
    assert len(result.failures) == 1
    assert len(result.errors) == 1
    assert hook.active() is None
    assert hook.httpsession.URLLib3Session.send is send


def test_testcase_class_decorator_returns_the_same_class():
    class Original(unittest.TestCase):
        def test_nothing(self):
            pass

    decorated = s3double.mock_s3()(Original)
    assert decorated is Original
    assert issubclass(decorated, unittest.TestCase)


def test_plain_class_has_each_test_method_served_with_fresh_state():
    double = s3double.mock_s3()

    @double
    class Checks:
        def helper(self):
            return double.active

        def test_first(self):
            before = bucket_names(client())
            client().create_bucket(Bucket="plain-class")
            return before, self.helper()

        def test_second(self):
            before = bucket_names(client())
            client().create_bucket(Bucket="plain-class")
            return before, self.helper()

    checks = Checks()
    assert checks.test_first() == ([], True)
    assert checks.test_second() == ([], True)
    # A method not named test* is left alone.
    assert checks.helper() is False


def test_decorating_something_not_callable_is_a_type_error():
    with pytest.raises(TypeError):
        s3double.mock_s3()(42)


# -- account id -------------------------------------------------------------------


def test_account_id_defaults_to_123456789012():
    assert s3double.mock_s3().account_id == "123456789012"


def test_account_id_option_owns_buckets_created_through_the_api():
    with s3double.mock_s3(account_id="111122223333") as s3:
        client().create_bucket(Bucket="owned")
        assert s3.account_id == "111122223333"
        assert s3.store.bucket("owned").owner == "111122223333"


def test_account_id_is_settable_and_applies_to_later_buckets():
    with s3double.mock_s3() as s3:
        client().create_bucket(Bucket="old-owner")
        s3.account_id = "444455556666"
        client().create_bucket(Bucket="new-owner")
        assert s3.account_id == "444455556666"
        assert s3.store.bucket("old-owner").owner == "123456789012"
        assert s3.store.bucket("new-owner").owner == "444455556666"


def test_expected_bucket_owner_matches_the_double_account():
    with s3double.mock_s3(account_id="111122223333"):
        c = client()
        c.create_bucket(Bucket="guarded")
        c.put_object(Bucket="guarded", Key="k", Body=b"v")
        listed = c.list_objects_v2(Bucket="guarded", ExpectedBucketOwner="111122223333")
        assert [o["Key"] for o in listed["Contents"]] == ["k"]
        deleted = c.delete_objects(
            Bucket="guarded",
            Delete={"Objects": [{"Key": "k"}]},
            ExpectedBucketOwner="111122223333",
        )
        assert deleted["Deleted"] == [{"Key": "k"}]


def test_expected_bucket_owner_of_another_account_is_access_denied():
    with s3double.mock_s3(account_id="111122223333") as s3:
        c = client()
        c.create_bucket(Bucket="guarded")
        c.put_object(Bucket="guarded", Key="k", Body=b"v")
        with pytest.raises(ClientError) as raised:
            c.delete_objects(
                Bucket="guarded",
                Delete={"Objects": [{"Key": "k"}]},
                ExpectedBucketOwner="123456789012",
            )
        assert raised.value.response["Error"]["Code"] == "AccessDenied"
        assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert s3.store.bucket("guarded").current("k").body == b"v"


# -- seeding through the model ----------------------------------------------------


def test_seeded_versioned_bucket_and_object_are_visible_through_boto3():
    with s3double.mock_s3() as s3:
        bucket = s3.store.create_bucket("b1", versioning="Enabled")
        first = bucket.put("report.csv", b"a,b\n1,2\n")
        second = bucket.put("report.csv", b"a,b\n3,4\n")
        c = client()

        assert bucket_names(c) == ["b1"]
        assert c.get_bucket_versioning(Bucket="b1")["Status"] == "Enabled"
        current = c.get_object(Bucket="b1", Key="report.csv")
        assert current["Body"].read() == b"a,b\n3,4\n"
        assert current["VersionId"] == second.version_id
        older = c.get_object(Bucket="b1", Key="report.csv", VersionId=first.version_id)
        assert older["Body"].read() == b"a,b\n1,2\n"
        versions = c.list_object_versions(Bucket="b1")["Versions"]
        assert [(v["VersionId"], v["IsLatest"]) for v in versions] == [
            (second.version_id, True),
            (first.version_id, False),
        ]
        assert versions[0]["ETag"] == second.etag


def test_seeded_bucket_is_owned_by_the_account_and_deletable_through_boto3():
    with s3double.mock_s3(account_id="999988887777") as s3:
        bucket = s3.store.create_bucket("seeded")
        bucket.put("k", b"body")
        assert bucket.owner == "999988887777"
        c = client()
        assert c.delete_objects(Bucket="seeded", Delete={"Objects": [{"Key": "k"}]})["Deleted"] == [
            {"Key": "k"}
        ]
        c.delete_bucket(Bucket="seeded")
        assert s3.store.bucket("seeded") is None


def test_seeding_before_entering_is_wiped_by_entering():
    double = s3double.mock_s3()
    double.store.create_bucket("too-early")
    with double:
        assert bucket_names(client()) == []


# -- reproducible version ids -----------------------------------------------------


def versioned_writes(double):
    with double:
        c = client()
        c.create_bucket(Bucket="seeded-ids")
        c.put_bucket_versioning(Bucket="seeded-ids", VersioningConfiguration={"Status": "Enabled"})
        ids = [c.put_object(Bucket="seeded-ids", Key="k", Body=b"x")["VersionId"] for _ in range(3)]
        ids.append(c.delete_object(Bucket="seeded-ids", Key="k")["VersionId"])
        return ids


def test_version_id_seed_gives_the_same_ids_in_two_runs():
    first = versioned_writes(s3double.mock_s3(version_id_seed=42))
    second = versioned_writes(s3double.mock_s3(version_id_seed=42))
    assert first == second
    assert len(set(first)) == 4
    assert all(VERSION_ID.match(version_id) for version_id in first)


def test_version_id_seed_restarts_when_the_same_double_is_entered_again():
    double = s3double.mock_s3(version_id_seed=5)
    assert versioned_writes(double) == versioned_writes(double)


def test_different_seeds_give_different_ids():
    assert versioned_writes(s3double.mock_s3(version_id_seed=1)) != versioned_writes(
        s3double.mock_s3(version_id_seed=2)
    )


def test_without_a_seed_ids_differ_between_runs_and_look_like_s3s():
    first = versioned_writes(s3double.mock_s3())
    second = versioned_writes(s3double.mock_s3())
    assert set(first).isdisjoint(second)
    assert all(VERSION_ID.match(version_id) for version_id in first + second)


# -- the package surface ----------------------------------------------------------


def test_public_names():
    assert set(s3double.__all__) >= {"S3Double", "mock_s3", "UnservedRequestError", "__version__"}
    for name in s3double.__all__:
        assert hasattr(s3double, name), name
    assert issubclass(s3double.UnservedRequestError, Exception)

"""The ``s3double`` pytest fixture and marker, run through pytester. The plugin is
loaded from its pytest11 entry point, as in a user's run; one test checks that in a
subprocess, the rest run in-process to stay fast."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

# Every inner run gets this conftest: any attempt to open a socket fails the test.
GUARD_CONFTEST = """
import socket

import pytest


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a test tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
"""


# Plugins this test does not need, left out of inner runs to keep them fast.
QUIET = ("-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-p", "no:benchmark")


@pytest.fixture
def inner(pytester):
    pytester.makeconftest(GUARD_CONFTEST)
    return pytester


def outcomes(result):
    """{test name: PASSED/FAILED/ERROR} from a ``-v`` run's per-test lines."""
    found = {}
    for line in result.outlines:
        parts = line.split()
        if len(parts) >= 2 and "::" in parts[0] and parts[1] in ("PASSED", "FAILED", "ERROR"):
            found[parts[0].split("::", 1)[1]] = parts[1]
    return found


def test_plugin_is_loaded_from_its_entry_point(inner):
    inner.makepyfile(
        """
        def test_loaded(request):
            plugin = request.config.pluginmanager.get_plugin("s3double")
            assert plugin is not None
            assert plugin.__name__ == "s3double.pytest_plugin"
        """
    )
    result = inner.runpytest_subprocess(*QUIET)
    result.assert_outcomes(passed=1)


def test_fixture_gives_an_active_double_fresh_for_each_test(inner):
    inner.makepyfile(
        """
        import boto3

        import s3double
        from s3double.wire import hook

        STORES = []


        def names():
            return [b["Name"] for b in boto3.client("s3").list_buckets()["Buckets"]]


        def test_active(s3double):
            assert s3double.__class__.__name__ == "S3Double"
            assert s3double.active
            assert hook.active() is s3double
            assert s3double.account_id == "123456789012"
            boto3.client("s3").create_bucket(Bucket="from-test")
            assert s3double.store.bucket("from-test").owner == "123456789012"
            STORES.append(s3double)


        def test_fresh_first(s3double):
            assert names() == []
            boto3.client("s3").create_bucket(Bucket="same-name")
            STORES.append(s3double)


        def test_fresh_second(s3double):
            assert names() == []
            boto3.client("s3").create_bucket(Bucket="same-name")
            STORES.append(s3double)


        def test_each_test_had_its_own_double():
            assert len(STORES) == 3
            assert len({id(double) for double in STORES}) == 3
            assert not any(double.active for double in STORES)
            assert hook.active() is None


        def test_seeding_through_the_fixture(s3double):
            s3double.store.create_bucket("b", versioning="Enabled")
            version = s3double.store.bucket("b").put("k", b"seeded")
            got = boto3.client("s3").get_object(Bucket="b", Key="k")
            assert got["Body"].read() == b"seeded"
            assert got["VersionId"] == version.version_id
        """
    )
    result = inner.runpytest("-v", *QUIET)
    result.assert_outcomes(passed=5)


def test_fixture_cleans_up_when_the_test_fails(inner):
    inner.makepyfile(
        """
        import boto3
        import pytest
        from botocore import httpsession

        from s3double.wire import hook

        ORIGINAL_SEND = httpsession.URLLib3Session.send  # collected before any double


        def test_a_fails_with_an_assertion(s3double):
            boto3.client("s3").create_bucket(Bucket="doomed")
            assert False, "on purpose"


        def test_b_botocore_restored_after_a_failure():
            assert hook.active() is None
            assert httpsession.URLLib3Session.send is ORIGINAL_SEND


        def test_c_fails_with_an_exception(s3double):
            raise RuntimeError("on purpose")


        def test_d_botocore_restored_after_an_exception():
            assert hook.active() is None
            assert httpsession.URLLib3Session.send is ORIGINAL_SEND


        @pytest.fixture
        def broken_setup(s3double):
            s3double.store.create_bucket("half-made")
            raise RuntimeError("setup broke")


        def test_e_errors_in_a_fixture_built_on_s3double(broken_setup):
            pass


        def test_f_botocore_restored_after_a_setup_error():
            assert hook.active() is None
            assert httpsession.URLLib3Session.send is ORIGINAL_SEND


        def test_g_a_new_double_after_all_that(s3double):
            assert boto3.client("s3").list_buckets()["Buckets"] == []
        """
    )
    result = inner.runpytest("-v", *QUIET)
    result.assert_outcomes(passed=4, failed=2, errors=1)
    assert outcomes(result) == {
        "test_a_fails_with_an_assertion": "FAILED",
        "test_b_botocore_restored_after_a_failure": "PASSED",
        "test_c_fails_with_an_exception": "FAILED",
        "test_d_botocore_restored_after_an_exception": "PASSED",
        "test_e_errors_in_a_fixture_built_on_s3double": "ERROR",
        "test_f_botocore_restored_after_a_setup_error": "PASSED",
        "test_g_a_new_double_after_all_that": "PASSED",
    }


def test_marker_options_are_honoured(inner):
    inner.makepyfile(
        """
        import boto3
        import pytest

        IDS = []


        def versioned_ids():
            client = boto3.client("s3")
            client.create_bucket(Bucket="seeded")
            client.put_bucket_versioning(
                Bucket="seeded", VersioningConfiguration={"Status": "Enabled"}
            )
            return [client.put_object(Bucket="seeded", Key="k", Body=b"x")["VersionId"]
                    for _ in range(3)]


        @pytest.mark.s3double(account_id="111122223333", version_id_seed=3)
        def test_first_run(s3double):
            assert s3double.account_id == "111122223333"
            IDS.append(versioned_ids())
            assert s3double.store.bucket("seeded").owner == "111122223333"
            boto3.client("s3").list_objects_v2(Bucket="seeded", ExpectedBucketOwner="111122223333")


        @pytest.mark.s3double(version_id_seed=3)
        def test_second_run(s3double):
            assert s3double.account_id == "123456789012"
            IDS.append(versioned_ids())


        @pytest.mark.s3double(version_id_seed=4)
        def test_other_seed(s3double):
            IDS.append(versioned_ids())


        def test_seeded_runs_agree():
            assert len(IDS) == 3
            assert IDS[0] == IDS[1]
            assert len(set(IDS[0])) == 3
            assert IDS[2] != IDS[0]


        @pytest.mark.s3double(passthrough=["sts"])
        def test_passthrough(s3double):
            assert s3double.passthrough == frozenset({"sts"})


        pytestmark_class = pytest.mark.s3double(account_id="444455556666")


        @pytestmark_class
        class TestOnAClass:
            def test_marker_on_the_class(self, s3double):
                assert s3double.account_id == "444455556666"
        """
    )
    result = inner.runpytest("-v", *QUIET, "--strict-markers")
    result.assert_outcomes(passed=6)


def test_marker_with_an_unknown_option_is_an_error_not_ignored(inner):
    inner.makepyfile(
        """
        import pytest

        @pytest.mark.s3double(acount_id="111122223333")
        def test_typo(s3double):
            pass
        """
    )
    result = inner.runpytest(*QUIET)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*acount_id*"])


def test_marker_is_registered(inner):
    result = inner.runpytest("--markers", *QUIET)
    assert result.ret == 0
    result.stdout.fnmatch_lines(["@pytest.mark.s3double(*"])

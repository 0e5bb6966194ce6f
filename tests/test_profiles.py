"""A missing or broken AWS profile does not stop a client from being made inside a
double: inside the block sessions read no profile (region: given, else
AWS_DEFAULT_REGION, else us-east-1; credentials: given, else the environment's, else
the AWS documentation's example keys), and os.environ is never changed. Outside the
block botocore behaves exactly as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import boto3
import botocore.session
import pytest
from botocore.exceptions import NoCredentialsError, ProfileNotFound

import s3double
from s3double.errors import ConfigFileError
from s3double.wire import presign_signing, profile

# A config a developer might have: a default profile whose credential_process would
# leave a marker file if it ever ran, and a "dev" profile in another region.
CONFIG = """\
[default]
region = ap-south-1
credential_process = {python} -c "open({marker!r}, 'w').write('ran')"

[profile dev]
region = eu-west-1
s3 =
    addressing_style = path
"""

SCRIPT = textwrap.dedent(
    """
    import json, os, socket, sys

    def refuse(*args, **kwargs):
        raise AssertionError("network")

    socket.socket.connect = refuse
    socket.getaddrinfo = refuse

    import boto3, botocore.session
    import s3double

    report = {}
    environ = dict(os.environ)

    def outcome(make):
        try:
            return make()
        except Exception as error:
            return type(error).__name__

    report["before"] = outcome(lambda: boto3.client("s3") and "made")
    with s3double.mock_s3(account_id="111122223333") as double:
        client = boto3.client("s3")
        report["region"] = region = client.meta.region_name
        where = {} if region == "us-east-1" else {"LocationConstraint": region}
        client.create_bucket(Bucket="made-in-ci", **({"CreateBucketConfiguration": where} if where else {}))
        report["buckets"] = [b["Name"] for b in client.list_buckets()["Buckets"]]
        report["account"] = boto3.client("sts").get_caller_identity()["Account"]
        report["access_key"] = boto3.Session().get_credentials().access_key
        report["presigned"] = client.generate_presigned_url(
            "get_object", Params={"Bucket": "made-in-ci", "Key": "k"})
        report["named_profile_region"] = boto3.Session(profile_name="dev").client("s3").meta.region_name
        report["botocore_region"] = botocore.session.get_session().create_client("s3").meta.region_name
        report["environ_inside"] = dict(os.environ) == environ
    report["after"] = outcome(lambda: boto3.client("s3") and "made")
    report["client_after"] = outcome(lambda: client.list_buckets() and "sent")
    report["environ_after"] = dict(os.environ) == environ
    print(json.dumps(report))
    """
)


def run_script(tmp_path, **env_overrides):
    marker = tmp_path / "credential_process_ran"
    config = tmp_path / "config"
    config.write_text(CONFIG.format(python=sys.executable, marker=str(marker)))
    script = tmp_path / "ci.py"
    script.write_text(SCRIPT)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_PROFILE="ci-profile-that-does-not-exist-here",
        AWS_CONFIG_FILE=str(config),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-credentials-file"),
        **env_overrides,
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), marker


def test_unknown_aws_profile_in_a_subprocess(tmp_path):
    report, marker = run_script(tmp_path)
    # Outside the block, botocore as ever: the profile is missing.
    assert report["before"] == "ProfileNotFound"
    # Inside: clients are made, served, and read nothing of any profile.
    assert report["buckets"] == ["made-in-ci"]
    assert report["region"] == "us-east-1"  # not ap-south-1 from [default]
    assert report["named_profile_region"] == "us-east-1"  # not eu-west-1 from [profile dev]
    assert report["botocore_region"] == "us-east-1"
    assert report["account"] == "111122223333"
    assert report["access_key"] == "AKIAIOSFODNN7EXAMPLE"
    assert presign_signing.ACCESS_KEY_ID in report["presigned"]  # the double's own presigning key
    assert not marker.exists()  # the profile's credential_process never ran
    # Nothing outlives the block, and the environment was never touched.
    assert report["after"] == "ProfileNotFound"
    # A client made inside is refused once its double has left, naming it, before it
    # would look for credentials (and the example keys sign nothing then either).
    assert report["client_after"] == "UnservedRequestError"
    assert report["environ_inside"] is True and report["environ_after"] is True


def test_the_environment_still_chooses_the_region(tmp_path):
    report, _ = run_script(tmp_path, AWS_DEFAULT_REGION="eu-central-1")
    assert report["region"] == report["named_profile_region"] == "eu-central-1"
    assert report["before"] == "ProfileNotFound"


# -- in-process: the same rules, one at a time ------------------------------------------


@pytest.fixture
def missing_profile(monkeypatch):
    monkeypatch.setenv("AWS_PROFILE", "not-on-this-machine")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with pytest.raises(ProfileNotFound):  # outside a double, as botocore does
        botocore.session.Session().get_scoped_config()


def test_sessions_and_clients_are_made_inside_a_double(missing_profile):
    with s3double.mock_s3() as double:
        session = boto3.Session()
        session.client("s3", region_name="us-east-1").create_bucket(Bucket="in-process")
        assert double.store.bucket("in-process") is not None
        assert session.region_name == "us-east-1"


def test_region_precedence_inside(missing_profile, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-3")
    with s3double.mock_s3():
        assert boto3.Session().client("s3").meta.region_name == "eu-west-3"
        assert boto3.Session(region_name="ap-northeast-1").region_name == "ap-northeast-1"
        assert boto3.client("s3", region_name="sa-east-1").meta.region_name == "sa-east-1"
        monkeypatch.delenv("AWS_DEFAULT_REGION")
        assert boto3.Session().client("s3").meta.region_name == "us-east-1"


def test_credentials_precedence_inside(missing_profile, monkeypatch):
    with s3double.mock_s3():
        explicit = boto3.Session(aws_access_key_id="AKIDEXPLICIT", aws_secret_access_key="s")
        assert explicit.get_credentials().access_key == "AKIDEXPLICIT"
        assert boto3.Session().get_credentials().access_key == profile.EXAMPLE_ACCESS_KEY_ID
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        assert boto3.Session().get_credentials().access_key == "testing"


def test_nothing_is_cached_on_a_session_made_inside(missing_profile, monkeypatch):
    monkeypatch.delenv("AWS_PROFILE")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDOUTSIDE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "s")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ca-central-1")
    with s3double.mock_s3():
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDINSIDE")
        session = botocore.session.get_session()
        assert session.get_credentials().access_key == "AKIDINSIDE"
        assert session.get_scoped_config() == {"region": "us-east-1"}
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDOUTSIDE")
    # After the block the session resolves as botocore does, from scratch.
    assert session.get_credentials().access_key == "AKIDOUTSIDE"
    assert session.get_scoped_config() == {}


def test_example_credentials_sign_only_inside_a_double():
    credentials = profile.example_credentials()
    with s3double.mock_s3():
        assert credentials.get_frozen_credentials().access_key == "AKIAIOSFODNN7EXAMPLE"
    with pytest.raises(NoCredentialsError, match="inside an s3double block"):
        credentials.get_frozen_credentials()


def test_a_config_file_that_does_not_parse_says_what_to_do(monkeypatch, tmp_path):
    broken = tmp_path / "config"
    broken.write_text("[default\nregion = us-east-1\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(broken))
    with s3double.mock_s3(), pytest.raises(ConfigFileError) as raised:
        boto3.Session().client("s3")
    message = str(raised.value)
    assert str(broken) in message
    assert "AWS_CONFIG_FILE" in message and "os.devnull" in message


def test_a_double_with_passthrough_uses_botocores_credentials(missing_profile, monkeypatch):
    """Real AWS needs real credentials: with passthrough, botocore's chain answers."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDREAL")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "s")
    monkeypatch.delenv("AWS_PROFILE")
    with s3double.mock_s3(passthrough=["dynamodb"]):
        credentials = boto3.Session().get_credentials()
    assert (credentials.access_key, credentials.method) == ("AKIDREAL", "env")


def test_isolating_a_session_twice_is_harmless():
    session = botocore.session.Session()
    shadow = session.get_credentials
    profile.isolate(session)
    assert session.get_credentials == shadow
    with s3double.mock_s3():
        assert session.get_scoped_config() == profile.DOUBLE_PROFILE

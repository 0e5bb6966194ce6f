"""``s3double.strategies`` draws what it promises, and what it draws S3 (the double) takes.

Each ``@given`` test makes its double inside the example (``with S3Double() as
double``): the fresh-state pattern the module documents.
"""

from __future__ import annotations

import subprocess
import sys

import boto3
import pytest
from hypothesis import find, given
from property_budget import examples

from s3double import S3Double
from s3double.model.listing import list_versions
from s3double.model.naming import (
    directory_bucket_zone,
    is_valid_bucket_name,
    region_of_zone,
)
from s3double.seeding import Delete, Put, SetVersioning
from s3double.strategies import (
    XML_FORBIDDEN,
    XML_TRICKY,
    bucket_names,
    bucket_states,
    delete_batches,
    directory_bucket_names,
    etags,
    object_keys,
    object_lock_configurations,
    versioning_configurations,
)

_CLIENT: list[object] = []


def client():  # noqa: ANN201 - a boto3 client
    """One client for the whole module, made while a double is active."""
    if not _CLIENT:
        _CLIENT.append(boto3.client("s3", region_name="us-east-1"))
    return _CLIENT[0]


@given(key=object_keys())
@examples(200)
def test_keys_are_valid_s3_keys_that_xml_can_carry(key: str) -> None:
    assert 1 <= len(key.encode("utf-8")) <= 1024
    assert not set(key) & set(XML_FORBIDDEN)


@given(key=object_keys(xml_forbidden=True))
@examples(100)
def test_xml_forbidden_keys_hold_a_forbidden_character(key: str) -> None:
    assert 1 <= len(key.encode("utf-8")) <= 1024
    assert set(key) & set(XML_FORBIDDEN)


@pytest.mark.parametrize(
    "wanted",
    [lambda k: len(k.encode()) == 1024, lambda k: len(k.encode()) > len(k) * 3,
     lambda k: k != k.strip(" "), *[lambda k, c=c: c in k for c in XML_TRICKY]],
    ids=["1024 bytes", "4-byte characters", "edge spaces", *[repr(c) for c in XML_TRICKY]],
)
def test_keys_reach_the_byte_limit_and_the_tricky_characters(wanted) -> None:  # noqa: ANN001
    assert wanted(find(object_keys(), wanted))


@given(name=bucket_names())
@examples(40)
def test_bucket_names_are_created_through_boto3(name: str) -> None:
    assert is_valid_bucket_name(name)
    with S3Double() as double:
        client().create_bucket(Bucket=name)
        assert double.store.bucket(name) is not None


@given(name=directory_bucket_names())
@examples(100)
def test_directory_bucket_names_name_a_zone_and_no_general_purpose_bucket(name: str) -> None:
    zone = directory_bucket_zone(name)
    assert zone is not None and region_of_zone(zone) is not None
    assert len(name) <= 63 and not is_valid_bucket_name(name)


def test_batches_reach_a_thousand_keys_cheaply() -> None:
    batch = find(delete_batches(), lambda d: len(d["Objects"]) == 1000)
    assert len({o["Key"] for o in batch["Objects"]}) >= 985  # numbered keys, distinct


@given(batch=delete_batches(conditions=etags()))
@examples(30)
def test_every_object_of_a_batch_gets_one_outcome(batch: dict) -> None:
    """One outcome per object named, an object listed again included once
    (tests/data/aws/facts-misc-answers.md §3)."""
    with S3Double() as double:
        double.store.create_bucket("batches", versioning="Enabled")
        response = client().delete_objects(Bucket="batches", Delete=batch)
    assert 1 <= len(batch["Objects"]) <= 1000
    if batch["Quiet"]:
        assert "Deleted" not in response
    else:
        outcomes = response.get("Deleted", []) + response.get("Errors", [])
        named = dict.fromkeys((o["Key"], o.get("VersionId")) for o in batch["Objects"])
        assert sorted(o["Key"] for o in outcomes) == sorted(key for key, _ in named)


@given(configuration=versioning_configurations())
@examples(10)
def test_versioning_configurations_round_trip(configuration: dict) -> None:
    with S3Double() as double:
        double.store.create_bucket("configured")
        client().put_bucket_versioning(Bucket="configured", VersioningConfiguration=configuration)
        assert client().get_bucket_versioning(Bucket="configured")["Status"] == configuration["Status"]


@given(configuration=object_lock_configurations())
@examples(30)
def test_object_lock_configurations_round_trip(configuration: dict) -> None:
    with S3Double() as double:
        double.store.create_bucket("locked", object_lock=True)
        client().put_object_lock_configuration(Bucket="locked", ObjectLockConfiguration=configuration)
        read = client().get_object_lock_configuration(Bucket="locked")["ObjectLockConfiguration"]
    assert read == configuration


def _replay(history: tuple, name: str) -> None:
    for write in history:
        if isinstance(write, Put):
            client().put_object(Bucket=name, Key=write.key, Body=write.body)
        elif isinstance(write, Delete):
            client().delete_object(Bucket=name, Key=write.key)
        elif isinstance(write, SetVersioning):
            client().put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": write.state})


def _contents(double: S3Double, name: str) -> list[tuple]:
    page = list_versions(double.store.bucket(name), max_keys=10**9)
    return [(e.key, e.version_id, e.is_delete_marker, getattr(e, "body", None), latest)
            for e, latest in page.entries]


@given(spec=bucket_states(object_lock=False))
@examples(30)
def test_seeding_the_model_matches_the_same_writes_through_boto3(spec) -> None:  # noqa: ANN001
    """Version ids too: both doubles issue them from the same seed, in the same order."""
    with S3Double(version_id_seed=5) as seeded:
        spec.build(seeded.store)
        expected = _contents(seeded, spec.name)
    with S3Double(version_id_seed=5) as through_api:
        through_api.store.create_bucket(spec.name)
        _replay(spec.history, spec.name)
        assert _contents(through_api, spec.name) == expected


@given(spec=bucket_states(object_lock=True, max_writes=10))
@examples(20)
def test_seeded_locks_protect_what_they_name(spec) -> None:  # noqa: ANN001
    with S3Double() as double:
        bucket = spec.build(double.store)
        versions = [v for key in bucket.objects.index.walk() for v in bucket.versions(key)
                    if not v.is_delete_marker]
    puts = [w for w in spec.history if isinstance(w, Put)]
    assert len(versions) == len(puts)  # object lock keeps every version
    assert sorted(bool(v.retention) for v in versions) == sorted(w.lock is not None for w in puts)
    assert sorted(bool(v.legal_hold) for v in versions) == sorted(w.legal_hold for w in puts)


def test_import_s3double_does_not_load_hypothesis() -> None:
    code = "import sys, s3double; s3double.S3Double(); print('hypothesis' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"

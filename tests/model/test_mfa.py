"""MfaDevices: which ``x-amz-mfa`` tokens the account accepts.

Spec: issue 3 ("Tests decide which tokens are valid"); token format from the S3 API
reference (``x-amz-mfa``: the device's serial number, a space, the code it shows) and
tests/data/aws/facts-mfa-delete.md section 1.
"""

from __future__ import annotations

import pytest

from s3double.model.mfa import MfaDevices

SERIAL = "arn:aws:iam::123456789012:mfa/root"
CODE = "123456"
TOKEN = f"{SERIAL} {CODE}"


@pytest.fixture
def devices() -> MfaDevices:
    return MfaDevices()


@pytest.mark.parametrize("token", [TOKEN, "20899872 301749", None])
def test_no_token_is_valid_by_default(devices: MfaDevices, token: str | None) -> None:
    assert devices.is_valid(token) is False


def test_an_added_device_makes_exactly_its_token_valid(devices: MfaDevices) -> None:
    devices.add(SERIAL, CODE)
    assert devices.is_valid(TOKEN) is True
    assert devices.is_valid(f"{SERIAL} 654321") is False
    assert devices.is_valid(f"arn:aws:iam::123456789012:mfa/other {CODE}") is False


def test_devices_accumulate(devices: MfaDevices) -> None:
    devices.add(SERIAL, CODE)
    devices.add("20899872", "301749")
    assert [devices.is_valid(TOKEN), devices.is_valid("20899872 301749")] == [True, True]
    assert devices.is_valid(f"20899872 {CODE}") is False


@pytest.mark.parametrize(
    "token",
    [
        pytest.param("", id="empty"),
        pytest.param(SERIAL, id="serial-only"),
        pytest.param(f"{SERIAL} ", id="serial-and-space"),
        pytest.param(f" {CODE}", id="code-only"),
        pytest.param(f"{SERIAL}{CODE}", id="no-separator"),
        pytest.param(f"{SERIAL}\t{CODE}", id="tab-separator"),
        pytest.param(f"{SERIAL}  {CODE}", id="two-spaces"),
        pytest.param(f"{SERIAL} {CODE} {CODE}", id="extra-field"),
        pytest.param(f"{CODE} {SERIAL}", id="swapped"),
    ],
)
def test_malformed_tokens_are_invalid(devices: MfaDevices, token: str) -> None:
    devices.add(SERIAL, CODE)
    assert devices.is_valid(token) is False


def test_a_predicate_decides_for_well_formed_tokens(devices: MfaDevices) -> None:
    seen: list[tuple[str, str]] = []

    def six_digits(serial: str, code: str) -> bool:
        seen.append((serial, code))
        return len(code) == 6 and code.isdigit()

    devices.accept(six_digits)
    assert devices.is_valid("20899872 301749") is True
    assert devices.is_valid(f"{SERIAL} 12345") is False
    assert seen == [("20899872", "301749"), (SERIAL, "12345")]


@pytest.mark.parametrize("token", [None, "", "20899872", "20899872 "])
def test_a_predicate_never_sees_a_malformed_token(devices: MfaDevices, token: str | None) -> None:
    seen: list[tuple[str, str]] = []
    devices.accept(lambda serial, code: seen.append((serial, code)) is None)
    assert devices.is_valid(token) is False
    assert seen == []


def test_predicates_and_devices_combine(devices: MfaDevices) -> None:
    devices.add(SERIAL, CODE)
    devices.accept(lambda serial, code: serial == "hardware-1")
    devices.accept(lambda serial, code: code == "000000")
    assert [
        devices.is_valid(TOKEN),
        devices.is_valid("hardware-1 999999"),
        devices.is_valid("anything 000000"),
        devices.is_valid("anything 999999"),
    ] == [True, True, True, False]

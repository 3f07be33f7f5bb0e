"""Signed device requests: the hub can prove who asks and when, and refuse replays."""

from datetime import UTC, datetime, timedelta

import pytest

from sync.protocol import generate_device_key
from sync.protocol.errors import BadSignature, Malformed, UnknownDevice
from sync.protocol.requests import (
    H_SIGNATURE,
    H_TIME,
    NonceCache,
    StaleRequest,
    sign_request,
    verify_request,
)

KEY = generate_device_key()


def lookup(device_id, _kid):
    return KEY.public_key() if device_id == "d-1" else None


def _verify(headers, target="/v1/pull?after=0", body=b"", nonces=None, now=None):
    return verify_request(headers, "GET", target, body, lookup, nonces or NonceCache(), now=now)


def test_a_signed_request_verifies_once():
    nonces = NonceCache()
    headers = sign_request(KEY, "d-1", "GET", "/v1/pull?after=0")
    assert _verify(headers, nonces=nonces) == "d-1"
    with pytest.raises(StaleRequest):
        _verify(headers, nonces=nonces)


@pytest.mark.parametrize("change", ["target", "body", "method"])
def test_any_change_breaks_the_signature(change):
    headers = sign_request(KEY, "d-1", "GET", "/v1/pull?after=0")
    with pytest.raises(BadSignature):
        if change == "target":
            _verify(headers, target="/v1/pull?after=9")
        elif change == "body":
            _verify(headers, body=b"x")
        else:
            verify_request(headers, "POST", "/v1/pull?after=0", b"", lookup, NonceCache())


def test_unknown_device_and_missing_headers():
    headers = sign_request(KEY, "d-2", "GET", "/v1/pull?after=0")
    with pytest.raises(UnknownDevice):
        _verify(headers)
    with pytest.raises(Malformed):
        _verify({k: v for k, v in headers.items() if k != H_SIGNATURE})


def test_skew_is_corrected_by_the_client_and_bounded_by_the_hub():
    hub_now = datetime.now(UTC) + timedelta(hours=3)  # the device clock is 3 h behind
    late = sign_request(KEY, "d-1", "GET", "/v1/pull?after=0")
    with pytest.raises(StaleRequest):
        _verify(late, now=hub_now)
    corrected = sign_request(KEY, "d-1", "GET", "/v1/pull?after=0", skew=timedelta(hours=3))
    assert _verify(corrected, now=hub_now) == "d-1"
    assert corrected[H_TIME].endswith("Z")


def test_forged_signature_with_another_key():
    other = generate_device_key()
    headers = sign_request(other, "d-1", "GET", "/v1/pull?after=0")
    with pytest.raises(BadSignature):
        _verify(headers)

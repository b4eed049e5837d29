"""Signed media URLs: what they allow, and tampering and expiry refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import UTC, datetime

import pytest

from scoring.errors import NotAllowed
from scoring.media.urls import (
    MediaGrant,
    bucketed_expiry,
    from_micros,
    media_key,
    sign_grant,
    to_micros,
    verify_token,
)

KEY = media_key("a" * 64)
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
GRANT = MediaGrant(
    kind="preview",
    entry_id=7,
    user_id=3,
    expires=int(NOW.timestamp()) + 60,
    signed_in=to_micros(NOW),
)


def _token(url: str) -> str:
    return url.removeprefix("/api/media/")


def test_signed_url_round_trips() -> None:
    assert verify_token(_token(sign_grant(GRANT, KEY)), KEY, now=NOW) == GRANT


def test_expired_url_refused() -> None:
    later = datetime.fromtimestamp(GRANT.expires, UTC)
    with pytest.raises(NotAllowed) as caught:
        verify_token(_token(sign_grant(GRANT, KEY)), KEY, now=later)
    assert caught.value.key == "error.media_url_expired"


@pytest.mark.parametrize("flip", [0, 5, -3])
def test_tampered_url_refused(flip: int) -> None:
    token = _token(sign_grant(GRANT, KEY))
    changed = token[:flip] + ("A" if token[flip] != "A" else "B") + token[flip + 1 :]
    with pytest.raises(NotAllowed) as caught:
        verify_token(changed, KEY, now=NOW)
    assert caught.value.key == "error.media_url_invalid"


def test_url_signed_with_another_key_refused() -> None:
    other = media_key("b" * 64)
    with pytest.raises(NotAllowed):
        verify_token(_token(sign_grant(GRANT, other)), KEY, now=NOW)


def test_garbage_refused() -> None:
    with pytest.raises(NotAllowed):
        verify_token("not-a-token", KEY, now=NOW)


def test_expiry_is_stable_within_a_bucket() -> None:
    first = bucketed_expiry(NOW.replace(minute=1), ttl_s=7200)
    assert first == bucketed_expiry(NOW.replace(minute=9, second=59), ttl_s=7200)
    assert first == int(NOW.replace(hour=11, minute=10).timestamp())
    assert bucketed_expiry(NOW.replace(minute=11), ttl_s=7200) == first + 600


def test_a_token_of_the_older_four_field_form_is_refused() -> None:
    body = b'["preview",7,3,' + str(GRANT.expires).encode() + b"]"
    mac = hmac.new(KEY, body, hashlib.sha256).digest()
    with pytest.raises(NotAllowed) as caught:
        verify_token(f"{_b64(body)}.{_b64(mac)}", KEY, now=NOW)
    assert caught.value.key == "error.media_url_invalid"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_the_session_start_travels_in_the_token_to_the_microsecond() -> None:
    began = datetime(2026, 3, 1, 8, 59, 59, 123456, tzinfo=UTC)
    grant = MediaGrant(
        kind="clean", entry_id=2, user_id=3, expires=GRANT.expires, signed_in=to_micros(began)
    )
    back = verify_token(_token(sign_grant(grant, KEY)), KEY, now=NOW)
    assert from_micros(back.signed_in) == began


def test_a_clip_grant_round_trips_and_differs_from_the_entry_with_that_id() -> None:
    clip = MediaGrant(
        kind="preview",
        entry_id=7,
        user_id=3,
        expires=GRANT.expires,
        signed_in=GRANT.signed_in,
        subject="clip",
    )
    token = _token(sign_grant(clip, KEY))
    assert verify_token(token, KEY, now=NOW) == clip
    assert token.split(".")[0] != _token(sign_grant(GRANT, KEY)).split(".")[0]


def test_a_token_holds_kind_id_user_expiry_session_start_and_subject() -> None:
    body = _token(sign_grant(GRANT, KEY)).split(".")[0]
    assert base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)) == (
        f'["preview",7,3,{GRANT.expires},{GRANT.signed_in},"entry"]'.encode()
    )


def test_unknown_subject_is_not_signed() -> None:
    with pytest.raises(ValueError):
        sign_grant(
            MediaGrant(kind="preview", entry_id=1, user_id=1, expires=1, signed_in=1, subject="x"),
            KEY,
        )

"""Signed, expiring media URLs: ``/media/<token>`` where the token names one file of one
entry for one user until a time, signed with a key derived from the installation's secret.

The route re-checks the user's right to the entry on every request; the signature only
proves the app issued the URL, the expiry bounds how long a leaked URL works. The token
also carries when the login session that asked for it began, so the route can refuse it
once that session has ended (logout, password reset, disabling).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from scoring.errors import NotAllowed

KINDS: Final = ("preview", "original", "clean", "poster")
SUBJECTS: Final = ("entry", "clip")  # an entry's video, or a calibration round's reference clip
ROUTE_PREFIX: Final = "/api/media/"


@dataclass(frozen=True, kw_only=True)
class MediaGrant:
    """What a token allows: ``kind`` of entry ``entry_id``'s media for ``user_id`` (with
    ``subject`` "clip", ``entry_id`` is the id of a calibration clip instead)."""

    kind: str
    entry_id: int
    user_id: int
    expires: int  # unix seconds
    signed_in: int  # unix microseconds: when the login session that asked for it began
    subject: str = "entry"  # or "clip": a calibration clip, whose id stands in entry_id


_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)


def to_micros(moment: datetime) -> int:
    """An aware time as whole unix microseconds (exact, unlike a float timestamp)."""
    return (moment - _EPOCH) // timedelta(microseconds=1)


def from_micros(micros: int) -> datetime:
    """Whole unix microseconds as an aware UTC time."""
    return _EPOCH + timedelta(microseconds=micros)


def media_key(secret: str) -> bytes:
    """The URL-signing key, separate from the cookie key it is derived from."""
    return hmac.new(secret.encode(), b"jurydesk media url v1", hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_grant(grant: MediaGrant, key: bytes) -> str:
    """The URL path for ``grant``."""
    if grant.kind not in KINDS or grant.subject not in SUBJECTS:
        raise ValueError(f"unknown media kind {grant.kind!r} or subject {grant.subject!r}")
    fields: list[object] = [grant.kind, grant.entry_id, grant.user_id, grant.expires]
    fields += [grant.signed_in, grant.subject]
    body = json.dumps(fields, separators=(",", ":")).encode()
    mac = hmac.new(key, body, hashlib.sha256).digest()
    return f"{ROUTE_PREFIX}{_b64(body)}.{_b64(mac)}"


def verify_token(token: str, key: bytes, *, now: datetime) -> MediaGrant:
    """Return the grant of a token, or raise NotAllowed if tampered with or expired."""
    try:
        body_text, mac_text = token.split(".", 1)
        body, mac = _unb64(body_text), _unb64(mac_text)
    except ValueError:
        raise NotAllowed("error.media_url_invalid") from None
    if not hmac.compare_digest(mac, hmac.new(key, body, hashlib.sha256).digest()):
        raise NotAllowed("error.media_url_invalid")
    try:
        kind, entry_id, user_id, expires, signed_in, subject = json.loads(body)
    except ValueError:  # a token of an older version: six fields now
        raise NotAllowed("error.media_url_invalid") from None
    if now.timestamp() >= expires:
        raise NotAllowed("error.media_url_expired")
    if subject not in SUBJECTS:
        raise NotAllowed("error.media_url_invalid")
    return MediaGrant(
        kind=kind,
        entry_id=entry_id,
        user_id=user_id,
        expires=expires,
        signed_in=signed_in,
        subject=subject,
    )


def bucketed_expiry(now: datetime, *, ttl_s: int, bucket_s: int = 600) -> int:
    """An expiry at least ``ttl_s`` ahead, rounded up to a bucket so a page that reruns
    keeps the same URL (and the player does not reload) for ``bucket_s`` seconds."""
    target = int(now.timestamp()) + ttl_s
    return -(-target // bucket_s) * bucket_s

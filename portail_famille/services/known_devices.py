"""Browsers that signed in to an account before: their owner is not locked out by strangers.

Five wrong passwords slow every further try on an account, which lets anyone lock its owner out.
A browser that signed in (by password, or after a code by e-mail) holds a signed cookie naming the
account; with it, the right password goes through whatever others tried, and its own failures are
throttled per browser. Nothing is stored: the cookie is signed with the secret key.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from portail_famille.config import get_settings
from portail_famille.domain.secrets import keyed_hash, same_digest
from portail_famille.models.base import utcnow

DEVICE_LIFETIME = timedelta(days=365)


def _mac(user_id: int, device: str, issued: int) -> str:
    secret = get_settings().secret_key.get_secret_value()
    return keyed_hash(secret, f"known-device:{user_id}:{device}:{issued}")


def device_cookie_value(user_id: int, *, now: datetime | None = None) -> str:
    """A new device cookie for a browser that just signed in as `user_id`."""
    issued = int((now or utcnow()).timestamp())
    device = secrets.token_urlsafe(16)
    return f"{user_id}.{device}.{issued}.{_mac(user_id, device, issued)}"


def known_device(value: str | None, user_id: int, *, now: datetime | None = None) -> str | None:
    """The browser's device id when its cookie vouches for `user_id` and is still valid."""
    if not value or len(value) > 200:
        return None
    parts = value.split(".")
    if len(parts) != 4 or not parts[0].isdigit() or not parts[2].isdigit():
        return None
    owner, device, issued, mac = int(parts[0]), parts[1], int(parts[2]), parts[3]
    if owner != user_id or not same_digest(_mac(owner, device, issued), mac):
        return None
    age = (now or utcnow()).timestamp() - issued
    if not 0 <= age < DEVICE_LIFETIME.total_seconds():
        return None
    return device

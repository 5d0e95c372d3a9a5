"""Personal API tokens: made, looked up and revoked here; only their digests are stored."""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken

#: every token starts so, which lets secret scanners and people recognise one
PREFIX = "tb_"
#: a user's tokens at most: each is a standing credential
MAX_TOKENS = 20


class TokenRefused(ValueError):
    """The token cannot be made; the message says why."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`: the stored row, and the token itself (shown to its owner once)."""
    name = " ".join(name.split())[:100] or "token"
    if ApiToken.objects.filter(user=user).count() >= MAX_TOKENS:
        raise TokenRefused(f"An account may hold at most {MAX_TOKENS} tokens; revoke one first.")
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, name=name, digest=digest(token), prefix=token[:10])
    return row, token


def revoke_token(user, token_id: int) -> bool:
    """Revoke one of `user`'s tokens; False when it has no such token."""
    deleted, _ = ApiToken.objects.filter(user=user, id=token_id).delete()
    return bool(deleted)


def user_for_token(token: str):
    """The active user a token belongs to, or None. Marks the token used (at most once a minute)."""
    if not token.startswith(PREFIX) or len(token) > 100:
        return None
    row = ApiToken.objects.select_related("user").filter(digest=digest(token)).first()
    if row is None or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used is None or (now - row.last_used).total_seconds() > 60:
        ApiToken.objects.filter(id=row.id).update(last_used=now)
    return row.user


def tokens_of(user) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))

"""Who calls the API: a personal token's owner, or nobody (anonymous, not opted in to adult pages).
Each call is counted against its token, or against its address when it has none; over the limit it
is refused with 429 before any work is done."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer

from ..web.access import client_address, reader_of, within_limit
from ..wiki.tokens import digest, user_for_token
from ..wiki.visibility import Reader


class ApiRefused(Exception):
    """An API call refused before its operation ran: `status` and a message for the caller."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.headers = status, headers or {}


@dataclass(frozen=True, slots=True)
class Caller:
    user: object | None
    reader: Reader

    def __bool__(self) -> bool:  # Ninja takes a falsy result for "not authenticated"
        return True


def _limited(key: str, limit: int, what: str) -> None:
    if not within_limit(key, limit, settings.API_RATE_WINDOW):
        window = settings.API_RATE_WINDOW
        raise ApiRefused(429, f"Too many requests {what}: at most {limit} a minute. Wait and retry.",
                         {"Retry-After": str(window)})  # fmt: skip


def identify(request: HttpRequest, *, required: bool) -> Caller:
    """The caller of this request, counted against its rate limit; ApiRefused (401, 429) otherwise."""
    header = request.headers.get("Authorization", "")
    if not header:
        if required:
            raise ApiRefused(401, "This operation needs a personal token: send 'Authorization: Bearer "
                             "<token>' (make one on your account page, /_/account).")  # fmt: skip
        _limited(f"api:ip:{client_address(request)}", settings.API_ADDRESS_RATE, "from this address")
        return Caller(None, Reader())
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiRefused(401, "The Authorization header must be 'Bearer <token>'.")
    token = token.strip()
    user = user_for_token(token) if token.isascii() else None
    if user is None:  # unknown tokens count against the address: guessing tokens costs the guesser's quota
        _limited(f"api:ip:{client_address(request)}", settings.API_ADDRESS_RATE, "from this address")
        raise ApiRefused(401, "The token is not valid: it was revoked, mistyped, or its account is inactive.")
    _limited(f"api:token:{digest(token)[:32]}", settings.API_TOKEN_RATE, "with this token")
    return Caller(user, reader_of(user))


class Token(HttpBearer):
    """A personal token, required (writes)."""

    required = True

    def __call__(self, request: HttpRequest) -> Caller:
        return identify(request, required=self.required)

    def authenticate(self, request: HttpRequest, token: str) -> Caller:  # pragma: no cover - see __call__
        return identify(request, required=self.required)


class OptionalToken(Token):
    """A personal token if given (reads: it may show adult pages and hidden revisions); else anonymous."""

    required = False

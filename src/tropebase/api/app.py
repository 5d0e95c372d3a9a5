"""The API object: its routers (pages, the catalog, finding), its errors (each a JSON body with a
message), its docs page. Every router shares the caller identification, rate limits and error shapes
set here.
"""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ..wiki.limits import PageRefused, PageTooLarge
from . import catalog, find, pages
from .auth import ApiRefused, OptionalToken
from .cursor import BadCursor

log = logging.getLogger("tropebase.api")

api = NinjaAPI(
    title="tropebase",
    version="1",
    description="The catalog as data: pages, tropes, works, examples and appearances, and edits made "
    "with personal tokens (make one on your account page, /_/account). Lists are cursor-paginated: pass "
    "an answer's `next` as `cursor`. Errors are JSON objects whose `message` says what was wrong.",
    urls_namespace="api-v1",
    auth=OptionalToken(),
)
api.add_router("/", pages.router)
api.add_router("/", catalog.router)
api.add_router("/", find.router)


def error(request: HttpRequest, status: int, message: str, detail=None, headers=None) -> HttpResponse:
    body = {"message": message} if detail is None else {"message": message, "detail": detail}
    response = api.create_response(request, body, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@api.exception_handler(ApiRefused)
def _refused(request, exc: ApiRefused):
    return error(request, exc.status, str(exc), headers=exc.headers)


@api.exception_handler(BadCursor)
def _bad_cursor(request, exc: BadCursor):
    return error(request, 400, str(exc))


@api.exception_handler(find.QueryRefused)
def _bad_query(request, exc: find.QueryRefused):
    return api.create_response(request, exc.body(), status=400)


@api.exception_handler(PageRefused)
def _page_refused(request, exc: PageRefused):
    return error(request, 413 if isinstance(exc, PageTooLarge) else 400, str(exc))


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors]
    parts = [f"{_where(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors[:5]]
    return error(request, 422, "The request is not valid — " + "; ".join(parts) + ".", detail=_plain(detail))


def _where(loc) -> str:
    loc = [str(p) for p in loc]
    if not loc:
        return "the request"
    where = {"query": "query parameter", "path": "path parameter", "body": "body field"}.get(loc[0], loc[0])
    rest = [p for p in loc[1:] if p not in ("edit",)]
    return f"{where} '{'.'.join(rest)}'" if rest else where


def _plain(value):
    """Validation details as JSON can carry them (a bad input may be any object)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return error(request, 401, "This operation needs a personal token: send 'Authorization: Bearer <token>'.")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return error(request, 404, str(exc) or "Not found.")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return error(request, exc.status_code, str(exc))


@api.exception_handler(Exception)
def _failed(request, exc):
    log.exception("API call failed: %s %s", request.method, request.path)
    return error(request, 500, "The server failed to answer this request; the failure is logged.")

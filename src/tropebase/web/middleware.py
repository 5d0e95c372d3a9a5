"""Request-wide rules on bad input: refused with a 4xx and a message before any view or the database
sees it, so that no request can make a 500 and SQLite and PostgreSQL answer alike.

* A NUL byte (raw or `%00`) in the address, the query, a cookie or a form field: PostgreSQL cannot
  compare or store one, SQLite can; neither page exists, so both answer 400.
* A request body declaring a charset other than UTF-8, or a form whose fields are not UTF-8: Django
  refuses a non-UTF-8 form with BadRequest while CSRF checking reads it, then reads it again in every
  error handler and fails each time (gunicorn sent an empty 500).
* A body over Django's size limit: the same double failure; here a 413 that says so.
* The wiki layer refusing a page (`limits.PageRefused`: a name longer than its column, text with NUL):
  a 400 with its message, whichever view called save_page.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError

from ..wiki.limits import PageRefused

FORM, MULTIPART = "application/x-www-form-urlencoded", "multipart/form-data"


def refuse(message: str, status: int = 400) -> HttpResponse:
    return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")


class BadInputMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            problem = bad_input(request)
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return refuse(f"The request body is larger than the {limit} bytes a form may send.", 413)
        except (SuspiciousOperation, MultiPartParserError) as exc:
            return refuse(f"The request could not be read: {exc}")
        if problem:
            return refuse(problem)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, PageRefused):
            return refuse(str(exception))
        return None


def bad_input(request: HttpRequest) -> str | None:
    """What is wrong with the request, in a sentence for the person who sent it; None if nothing."""
    if "\x00" in request.path:
        return "The address holds a NUL byte (%00); no page has one in its name."
    charset = request.content_params.get("charset") if request.content_type else None
    if charset and charset.lower() != "utf-8":  # Django's own test, which it applies to forms only
        return f"The request declares charset={charset}; tropebase reads UTF-8 only."
    if _has_nul(request.GET.lists()):
        return "The query string holds a NUL byte (%00)."
    if any("\x00" in k or "\x00" in v for k, v in request.COOKIES.items()):
        return "A cookie holds a NUL byte; clear this site's cookies and try again."
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    if request.content_type == FORM:
        return _bad_form(request.body)
    nul_in_files = request.content_type == MULTIPART and any("\x00" in f.name for f in request.FILES.values())
    if request.content_type == MULTIPART and (_has_nul(request.POST.lists()) or nul_in_files):
        return "A form field holds a NUL byte."
    return None


def _has_nul(lists) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in lists)


def _bad_form(body: bytes) -> str | None:
    """A URL-encoded form's fields must be UTF-8 without NUL (Django would replace bad bytes with U+FFFD
    and pass NUL on to the database)."""
    for number, pair in enumerate(body.split(b"&"), 1):
        try:
            text = unquote_to_bytes(pair.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return f"Form field {number} is not UTF-8 text; tropebase reads UTF-8 only."
        if "\x00" in text:
            return f"Form field {number} holds a NUL byte."
    return None

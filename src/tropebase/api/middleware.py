"""Every answer under /api/ that is an error is a JSON object with a message, whoever made it: Ninja
(405 for a method an operation does not take), Django's URL resolver (404), the site's bad-input
checks (400, 413, as text) or a server failure (500)."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse

PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(PREFIX)


class ApiErrorsMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_api(request) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        return as_json(request, response)


def as_json(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    status = response.status_code
    text = ""
    if response.get("Content-Type", "").startswith("text/plain") and not response.streaming:
        text = response.content.decode("utf-8", "replace").strip()
    if status == 405:
        allowed = response.get("Allow", "")
        text = f"{request.method} is not allowed on {request.path}; it takes {allowed or 'no method'}."
    elif status == 404 and not text:
        text = f"There is no API operation at {request.path}; see /api/v1/docs for those there are."
    elif not text:
        text = {500: "The server failed to answer this request; the failure is logged."}.get(
            status, f"The request was refused ({status} {response.reason_phrase})."
        )
    out = HttpResponse(json.dumps({"message": text}), status=status, content_type="application/json")
    for header in ("Allow", "Retry-After"):
        if header in response:
            out[header] = response[header]
    return out

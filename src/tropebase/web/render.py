"""How every view renders a page: its template, with what the base template needs to know (whether
the reader is a moderator). One place, so the views and the query and avoid pages render alike."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from .access import is_moderator


def show(request, template: str, status: int = 200, **context) -> HttpResponse:
    context.setdefault("title", "tropebase")
    context["moderator"] = is_moderator(request.user)
    return render(request, f"tropebase/{template}", context, status=status)

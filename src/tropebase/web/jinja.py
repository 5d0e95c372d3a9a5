"""The Jinja2 environment of the reader pages. Django adds `request`, `csrf_input` and `csrf_token`."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.templatetags.static import static
from jinja2 import Environment, select_autoescape

from ..catalog.media import MEDIA
from ..markup.render_html import says_play
from .present import example_html, masked_html


def medium_label(key: str | None) -> str:
    return MEDIA[key][0] if key in MEDIA else (key or "Other")


def with_page(request, number: int) -> str:
    """This request's address with `page=number` (the other parameters kept): a pager's links."""
    query = request.GET.copy()
    query["page"] = str(number)
    return f"{request.path}?{query.urlencode()}"


def environment(**options) -> Environment:
    options.setdefault("autoescape", select_autoescape(default=True))
    env = Environment(**options)
    env.globals.update(
        static=static,
        get_messages=get_messages,
        with_page=with_page,
        example_html=example_html,
        masked_html=masked_html,
        says_play=says_play,
    )
    env.filters["medium"] = medium_label
    return env

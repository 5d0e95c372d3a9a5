"""Cursor (keyset) pagination: a cursor names the last row given, so a page of results costs the same
however deep into a listing it is, and rows added meanwhile neither repeat nor skip others."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import AutoField, BigAutoField, DateTimeField, IntegerField, Q, QuerySet
from django.utils.dateparse import parse_datetime

#: results per page unless asked otherwise, and at most
DEFAULT_LIMIT, MAX_LIMIT = 50, 500


class BadCursor(ValueError):
    """The cursor was not one this API gave out (or was given out for another listing)."""


def _encode(values: list[Any]) -> str:
    raw = json.dumps([v.isoformat() if isinstance(v, datetime) else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, kinds: list[type]) -> list[Any]:
    """The values a cursor holds, each of the type its field needs (a cursor comes from the client)."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError:
        raise BadCursor(
            "The cursor is not one this API gave out; pass the `next` of a previous answer."
        ) from None
    if not isinstance(values, list) or len(values) != len(kinds):
        raise BadCursor("The cursor belongs to another listing; pass the `next` this listing gave.")
    out = []
    for value, kind in zip(values, kinds, strict=True):
        if kind is datetime:
            try:
                parsed = parse_datetime(value) if isinstance(value, str) else None
            except ValueError:  # well formed, but no such date
                parsed = None
            if parsed is None or parsed.tzinfo is None:
                raise BadCursor("The cursor belongs to another listing; pass the `next` this listing gave.")
            value = parsed
        elif (
            type(value) is not kind
            or (kind is int and not 0 <= value < 2**63)
            or (kind is str and ("\x00" in value or len(value) > 1000))
        ):
            raise BadCursor("The cursor belongs to another listing; pass the `next` this listing gave.")
        out.append(value)
    return out


def _kind(model, name: str) -> type:
    field = model._meta.get_field(name)
    if isinstance(field, DateTimeField):
        return datetime
    if isinstance(field, IntegerField | AutoField | BigAutoField):
        return int
    return str


def paginate(rows: QuerySet, order: list[str], cursor: str | None, limit: int) -> tuple[list, str | None]:
    """One page of `rows` in the keyset `order` (the model's own fields, `-` for descending, the last
    one unique): the rows after `cursor`, and the cursor of the next page (None at the end)."""
    fields = [f.lstrip("-") for f in order]
    if cursor:
        values = _decode(cursor, [_kind(rows.model, f) for f in fields])
        after = Q()
        for i, field in enumerate(order):
            step = Q(**{f"{fields[i]}__{'lt' if field.startswith('-') else 'gt'}": values[i]})
            for j in range(i):
                step &= Q(**{fields[j]: values[j]})
            after |= step
        rows = rows.filter(after)
    found = list(rows.order_by(*order)[: limit + 1])
    if len(found) <= limit:
        return found, None
    found = found[:limit]
    last = found[-1]
    return found, _encode([getattr(last, f) for f in fields])


def listed(
    rows: QuerySet, order: list[str], cursor: str | None, limit: int, shape: Callable[[Any], dict]
) -> dict:
    """A listing's answer: one page of `rows` (see `paginate`), each shaped by `shape`, and the `next`
    cursor."""
    found, after = paginate(rows, order, cursor, limit)
    return {"items": [shape(row) for row in found], "next": after}


def offset_cursor(listing: str, offset: int) -> str:
    """A cursor for a ranked listing (search, queries), whose order is no keyset: where the next page
    begins, and which listing it belongs to."""
    return _encode([listing, offset])


def offset_of(cursor: str | None, listing: str, maximum: int) -> int:
    """Where a ranked listing's page begins: 0 without a cursor; BadCursor for one of another listing."""
    if not cursor:
        return 0
    name, offset = _decode(cursor, [str, int])
    if name != listing or offset > maximum:
        raise BadCursor("The cursor belongs to another listing; pass the `next` this listing gave.")
    return offset

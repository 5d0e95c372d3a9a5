"""Cursor (keyset) pagination: a cursor names the last row given, so a page of results costs the same
however deep into a listing it is, and rows added meanwhile neither repeat nor skip others."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from django.db.models import AutoField, BigAutoField, DateTimeField, IntegerField, Q, QuerySet
from django.utils.dateparse import parse_datetime

from ..wiki import avoid
from ..wiki.visibility import Reader

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


class Paged(NamedTuple):
    rows: list
    next: str | None  # the cursor of the page after this one; None at the end
    hidden: int  # rows a sifted listing left out of this page


#: at most so many rows examined for one page of a sifted listing; past them it answers a shorter page
#: whose `next` goes on after the last row examined (a listing that is nearly all hidden costs bounded
#: work per call, and still ends only at its real end)
MAX_SCANNED = 5000
#: rows read at once by a sifted listing, at most
MAX_BATCH = 1000


def paginate(
    rows: QuerySet,
    order: list[str],
    cursor: str | None,
    limit: int,
    sift: Callable[[list], list] | None = None,
) -> Paged:
    """One page of `rows` in the keyset `order` (the model's own fields, `-` for descending, the last
    one unique): the rows after `cursor`, and the cursor of the next page (None at the end).

    With `sift` (a batch of rows → the ones the caller gets, in order), rows left out do not shorten
    the page: more are read until it is full, so only the last page is short; `hidden` counts those
    left out between the previous page's last row and this page's."""
    fields = [f.lstrip("-") for f in order]
    values = _decode(cursor, [_kind(rows.model, f) for f in fields]) if cursor else None
    rows = rows.order_by(*order)

    def after(values: list[Any] | None) -> QuerySet:
        if values is None:
            return rows
        later = Q()
        for i, field in enumerate(order):
            step = Q(**{f"{fields[i]}__{'lt' if field.startswith('-') else 'gt'}": values[i]})
            for j in range(i):
                step &= Q(**{fields[j]: values[j]})
            later |= step
        return rows.filter(later)

    def key(row) -> list[Any]:
        return [getattr(row, f) for f in fields]

    if sift is None:
        found = list(after(values)[: limit + 1])
        if len(found) <= limit:
            return Paged(found, None, 0)
        return Paged(found[:limit], _encode(key(found[limit - 1])), 0)
    kept: list = []
    hidden = passed = scanned = 0  # passed: hidden since the last row kept
    size = limit + 1
    while True:
        batch = list(after(values)[:size])
        shown = {id(row) for row in sift(batch)}
        for row in batch:
            if id(row) in shown:
                if len(kept) == limit:  # a row for the next page: this one is full
                    return Paged(kept, _encode(key(kept[-1])), hidden)
                kept.append(row)
                hidden, passed = hidden + passed, 0
            else:
                passed += 1
            values = key(row)
        scanned += len(batch)
        if len(batch) < size:
            return Paged(kept, None, hidden + passed)
        if scanned >= MAX_SCANNED:
            return Paged(kept, _encode(values), hidden + passed)
        size = min(size * 2, MAX_BATCH)


def listed(
    rows: QuerySet,
    order: list[str],
    cursor: str | None,
    limit: int,
    shape: Callable[[Any], dict],
    *,
    reader: Reader | None = None,
    work: Callable[[Any], str] | None = None,
) -> dict:
    """A listing's answer: one page of `rows` (see `paginate`), each shaped by `shape`, and the `next`
    cursor. With `work` (the key of the work a row is about), the `reader`'s avoid list applies as on
    the web pages (`wiki.avoid`): each item names in `avoided` the avoided tropes its work plays, or,
    for a reader who hides such works, is left out and counted in `hidden_by_avoid_list`."""
    if work is None:
        found, after, _ = paginate(rows, order, cursor, limit)
        return {"items": [shape(row) for row in found], "next": after}
    reader = reader or Reader()
    hide = bool(reader.avoid) and reader.avoid_hide
    sift = (lambda batch: avoid.apply(reader, batch, work)[0]) if hide else None
    found, after, hidden = paginate(rows, order, cursor, limit, sift)
    marks = {} if hide else avoid.avoided_in(reader, [work(row) for row in found])
    items = [{**shape(row), "avoided": marks.get(work(row), [])} for row in found]
    return {"items": items, "next": after, "hidden_by_avoid_list": hidden}


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

"""The `tropebase` command: a thin click layer over the library."""

from __future__ import annotations

import html
import json
import re

import click

from . import __version__
from .catalog import compile_page
from .catalog.export import facts_json
from .ingest.load import FORMATS, load, read_known_names
from .ingest.report import in_source_lines
from .ingest.sources import expand_paths
from .markup import parse, to_html
from .markup.outline import outline
from .sources import InputError


class _Commands(click.Group):
    """Every command: a database that cannot be written for lack of space is one line, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            from .wiki.diskspace import storage_failure

            message = storage_failure(exc)
            if message is None:
                raise
            raise click.ClickException(message) from None


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="tropebase")
def main() -> None:
    """tropebase: a trope wiki whose pages compile into facts."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "output", type=click.Choice(["outline", "html", "markup", "json"]), default="outline",
              help="What to print for each page: an outline (default), its HTML, its markup, or its facts as JSON.")  # fmt: skip
@click.option("--html", "as_html", is_flag=True, help="Same as --format html.")
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format (detected when not given).")
@click.option("--namespace", help="Namespace of the works in a trope list (for example Film).")
@click.option(
    "--known", type=click.Path(dir_okay=False), help="File of known page names (one a line, or JSON Lines)."
)
@click.option("--titles", "title_files", multiple=True, type=click.Path(dir_okay=False),
              help="Data with titles for names a trope list gives only as WikiWords (example records with a "
              "work_label, definitions, laconics; JSON or JSON Lines). May be repeated.")  # fmt: skip
def check(
    paths: tuple[str, ...],
    output: str,
    as_html: bool,
    fmt: str | None,
    namespace: str | None,
    known: str | None,
    title_files: tuple[str, ...],
) -> None:
    """Read pages in any importable format and print what tropebase makes of them.

    Exits 1 if any file could not be read; the others are still printed.
    """
    if as_html:
        output = "html"
    failed = False
    known_names: frozenset[str] = frozenset()
    if known:
        try:
            known_names = read_known_names(known)
        except InputError as exc:
            raise click.ClickException(str(exc)) from None
    titles = _title_book(title_files)
    pages: list[dict] = []
    files = expand_paths(paths)
    for path in map(str, files):
        try:
            converted = load(path, fmt, namespace=namespace, known=known_names, titles=titles)
        except InputError as exc:
            click.echo(f"tropebase check: {exc}", err=True)
            failed = True
            continue
        for page in converted:
            doc = parse(page.markup)
            if output == "html":
                click.echo(to_html(doc), nl=False)
            elif output == "markup":
                click.echo(page.markup, nl=False)
            elif output == "json":
                name = page.report.page or f"Main/{path}"
                facts = facts_json(compile_page(doc, name, title=page.report.title))
                pages.append(in_source_lines(facts, page.report.source_lines))
            else:
                if len(files) > 1 or len(converted) > 1:
                    click.echo(f"== {page.report.page or path}")
                for line in outline(doc):
                    click.echo(line)
                if page.report.format != "markup":
                    for line in page.report.lines():
                        click.echo(line)
    if output == "json":
        click.echo(json.dumps(pages, ensure_ascii=False, indent=1))
    if failed:
        raise SystemExit(1)


def _django() -> None:
    """Django set up and the database brought up to date; says which database (on stderr, as stdout
    may carry data): a command run in another folder must not write somewhere unseen."""
    from .wiki.setup import describe_database, prepare_database, setup_django

    setup_django()
    click.echo(f"tropebase: database {describe_database()}", err=True)
    prepare_database()


def load_demo() -> int:
    """Import the demo catalog's markup files; returns how many pages were created or changed."""
    from .demo.build import demo_pages
    from .wiki.imports import ImportTally, store_pages

    tally = ImportTally()
    for converted, rating in demo_pages():
        for _ in store_pages([converted], rating=rating, tally=tally):
            pass
    if tally.failed:
        raise click.ClickException("demo catalog: " + "; ".join(tally.failed))
    return tally.created + tally.changed


@main.command()
def demo() -> None:
    """Load the demo catalog (everyday tropes, invented works). Running it again changes nothing."""
    _django()
    click.echo(f"demo catalog: {load_demo()} pages created or changed")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="gunicorn worker processes")
@click.option("--demo", "with_demo", is_flag=True, help="Load the demo catalog first when the wiki is empty.")
def serve(host: str, port: int, workers: int, with_demo: bool) -> None:
    """Migrate the database and serve the wiki with gunicorn."""
    import os
    import sys

    _django()
    if with_demo:
        from .wiki.models import Page

        if not Page.objects.exists():
            click.echo(f"demo catalog: {load_demo()} pages")
    click.echo(f"tropebase: serving on http://{host}:{port}")
    args = [sys.executable, "-m", "gunicorn", "tropebase.wsgi:application", "--bind", f"{host}:{port}",
            "--workers", str(workers), "--access-logfile", "-", "--timeout", "60"]  # fmt: skip
    os.execv(sys.executable, args)


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format (detected when not given).")
@click.option("--namespace", help="Namespace of the works in a trope list (for example Film).")
@click.option(
    "--known", type=click.Path(dir_okay=False), help="More known page names (one a line, or JSON Lines)."
)
@click.option(
    "--rating", type=click.Choice(["general", "adult"]), help="Content rating for the imported pages."
)
@click.option("--titles", "title_files", multiple=True, type=click.Path(dir_okay=False),
              help="Data with titles for names a trope list gives only as WikiWords (example records with a "
              "work_label, definitions, laconics; JSON or JSON Lines). May be repeated.")  # fmt: skip
@click.option("--allow-empty", is_flag=True, help="Save pages whose text is empty (they blank the page).")
@click.option("--strict", is_flag=True, help="Refuse a whole trope list on its first bad line (default: "
              "report each bad line and import the rest).")  # fmt: skip
@click.option("--merge", is_flag=True, help="Restoring a dump into a site that has pages: add only the pages "
              "it does not have (default: refuse).")  # fmt: skip
@click.option(
    "--verbose", "-v", is_flag=True, help="Every page's report in full (each guess on its own line)."
)
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 100_000),
              help="Pages written per transaction (an interrupted import keeps every whole batch).")  # fmt: skip
def import_command(
    paths, fmt, namespace, known, rating, title_files, allow_empty, strict, merge, verbose, batch_size
) -> None:
    """Import pages: each page is saved whole or not at all; unchanged pages make no revision.

    A dump made by `tropebase export --format jsonl` is restored instead: every page with its whole
    history, times, authors, hidden flags, ratings and protections (into an empty site unless --merge).

    Exits 1 if any file, line or page could not be imported; everything else still is."""
    _django()
    if len(paths) == 1 and fmt is None and _is_dump(paths[0]):
        _restore(paths[0], merge)
        return
    from .wiki.imports import ImportTally, known_page_names

    names = known_page_names()
    if known:
        try:
            names = names | read_known_names(known)
        except InputError as exc:
            raise click.ClickException(str(exc)) from None
    titles = _title_book(title_files)
    tally = ImportTally()
    try:
        failed_files, bad_lines = _import_files(paths, fmt, namespace, names, titles, strict, rating,
                                                allow_empty, verbose, tally, batch_size)  # fmt: skip
    except KeyboardInterrupt:
        click.echo(f"\ninterrupted: {tally.created} created, {tally.changed} changed, {tally.unchanged} "
                   "unchanged so far — each of these pages is saved whole. Running the same import again is "
                   "safe: pages already saved are left unchanged, and the rest are imported.", err=True)  # fmt: skip
        raise SystemExit(130) from None
    click.echo(f"imported: {tally.created} created, {tally.changed} changed, {tally.unchanged} unchanged, "
               f"{len(tally.failed)} failed")  # fmt: skip
    if bad_lines:
        click.echo(f"skipped: {len(bad_lines)} bad lines (--strict refuses such a file whole)", err=True)
    for failure in tally.failed:
        click.echo(f"  failed: {failure}", err=True)
    if tally.failed or failed_files or bad_lines:
        raise SystemExit(1)


def _import_files(
    paths, fmt, namespace, names, titles, strict, rating, allow_empty, verbose, tally, batch_size
):
    """Import every file, the pages of all files saved in batches as they are read (a folder of a
    million one-page files is as quick as one file of a million pages); returns (files that could not be
    read, bad lines skipped)."""
    from .wiki.imports import store_pages

    files = list(map(str, expand_paths(paths)))
    counts = {"failed_files": 0}
    bad_lines: list[str] = []
    progress, task = _progress(
        _short(files[0]) if len(files) == 1 else f"{len(files)} files", None, rate=True
    )

    def pages():
        seen: set[str] = set()  # an offline copy may hold one page as several files (Name-2.html)
        expected = 0
        for path in files:
            problems: list[str] | None = None if strict else []
            try:
                converted = load(
                    path, fmt, namespace=namespace, known=names, problems=problems, titles=titles
                )
            except InputError as exc:
                click.echo(f"tropebase import: {exc}", err=True)
                counts["failed_files"] += 1
                continue
            again = [c for c in converted if c.report.page and c.report.page.lower() in seen]
            if again:
                click.echo(f"{path}: {', '.join(c.report.page or '' for c in again)} already imported from "
                           "another file; skipped")  # fmt: skip
                converted = [c for c in converted if c not in again]
            seen.update(c.report.page.lower() for c in converted if c.report.page)
            for problem in problems or ():
                click.echo(f"tropebase import: {problem} (line skipped)", err=True)
            bad_lines.extend(problems or ())
            expected += len(converted)
            progress.update(task, total=expected)
            for page in converted[:20]:
                for line in page.report.lines() if verbose else page.report.summary_lines():
                    click.echo(line)
            if len(converted) > 20:
                click.echo(f"  … and {len(converted) - 20} more pages")
            yield from converted

    with progress:
        for _ in store_pages(
            pages(), rating=rating, tally=tally, allow_empty=allow_empty, batch_size=batch_size
        ):
            progress.advance(task)
    return counts["failed_files"], bad_lines


def _title_book(paths: tuple[str, ...]):
    """The title book of `--titles` files, or None."""
    if not paths:
        return None
    from .ingest.titlebook import read_title_book

    try:
        return read_title_book(paths)
    except InputError as exc:
        raise click.ClickException(str(exc)) from None


def _is_dump(path: str) -> bool:
    from .wiki.dump import is_dump_line

    try:
        with open(path, encoding="utf-8") as f:
            return is_dump_line(f.readline())
    except (OSError, UnicodeDecodeError):
        return False


def _progress(label: str, total: int | None, rate: bool = False):
    """A progress bar on stderr (stdout may carry the data). With `rate`: pages per second and the time
    left, both from the average over the last minute (a steady estimate, not the last page's)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [TextColumn(label), BarColumn(bar_width=24), MofNCompleteColumn(), TimeElapsedColumn()]
    if rate:
        columns += [_rate_column(), TextColumn("ETA"), TimeRemainingColumn()]
    progress = Progress(*columns, console=Console(stderr=True), transient=False, speed_estimate_period=60)
    return progress, progress.add_task(label, total=total)


def _short(path: str, width: int = 28) -> str:
    """A file's name cut to fit a progress line (its full path is in the page reports)."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return name if len(name) <= width else f"…{name[-(width - 1) :]}"


def _rate_column():
    """A column showing rich's pages-per-second estimate."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task) -> Text:
            return Text(f"{task.speed:.1f} pages/s" if task.speed else "… pages/s")

    return Rate()


def _restore(path: str, merge: bool) -> None:
    from .wiki.dump import page_count
    from .wiki.restore import RestoreRefused, RestoreTally, read_dump, restore

    with open(path, encoding="utf-8") as f:
        total = sum(1 for line in f if line.startswith('{"type":"page"'))
    tally = RestoreTally()
    progress, task = _progress("restoring pages", total)
    try:
        with open(path, encoding="utf-8") as f, progress:
            for _ in restore(read_dump(f), merge=merge, tally=tally):
                progress.advance(task)
    except RestoreRefused as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    click.echo(f"restored: {tally.pages} pages, {tally.revisions} revisions, {tally.accounts} accounts, "
               f"{tally.titles} known titles; "
               f"{len(tally.skipped)} pages already here left as they are; {page_count()} pages now")  # fmt: skip


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "ttl"]), default="jsonl", show_default=True,
              help="jsonl: the full dump (restore it with `tropebase import`); csv: examples or appearances; "
              "ttl: RDF Turtle in DBTropes' vocabulary.")  # fmt: skip
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout)."
)
@click.option(
    "--with-accounts", is_flag=True, help="jsonl: accounts whole (password hashes, flags), not only names."
)
@click.option("--table", type=click.Choice(["examples", "appearances"]), default="examples", show_default=True,
              help="csv: which table.")  # fmt: skip
@click.option("--with-adult", is_flag=True, help="csv, ttl: include what adult pages state (default: what a "
              "reader who did not opt in sees; the jsonl dump always holds everything).")  # fmt: skip
@click.option("--site", default="http://127.0.0.1:8000", show_default=True,
              help="ttl: this wiki's base URL (pages are rdfs:seeAlso there; examples are named by their API URL).")  # fmt: skip
def export(fmt, output, with_accounts, table, with_adult, site) -> None:
    """Write the catalog as data, streaming (memory stays flat), with a progress bar on stderr."""
    import contextlib
    import sys

    _django()
    from .wiki import dump, exports
    from .wiki.visibility import Reader

    reader = Reader(show_adult=with_adult)
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(output, "w", encoding="utf-8", newline="")) if output else sys.stdout
        if fmt == "jsonl":
            progress, task = _progress("exporting pages", dump.page_count())
            with progress:
                for record in dump.records(with_accounts):
                    out.write(dump.line(record))
                    if record.get("type") == "page":
                        progress.advance(task)
            return
        if fmt == "csv" and table == "appearances":
            rows, total = exports.write_appearances_csv(out, reader), exports.appearance_rows(reader).count()
        elif fmt == "csv":
            rows, total = exports.write_examples_csv(out, reader), exports.example_rows(reader).count()
        else:
            rows, total = exports.write_turtle(out, reader, site), None
        progress, task = _progress(f"exporting {table if fmt == 'csv' else 'examples'}", total)
        with progress:
            for n in rows:
                progress.advance(task, n)


@main.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--adult", is_flag=True, help="Include adult pages (the reader has opted in).")
@click.option(
    "--page", default=1, show_default=True, type=click.IntRange(min=1), help="Which page of results."
)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 500), help="Results per page.")
def search(words: tuple[str, ...], fmt: str, adult: bool, page: int, limit: int) -> None:
    """Search titles, other names and text as the wiki's search box does: exact names first, then
    titles, then text; adult pages only with --adult."""
    _django()
    from .wiki.search import search as run_search
    from .wiki.visibility import Reader

    results = run_search(Reader(show_adult=adult), " ".join(words), page=page, per_page=limit)
    if fmt == "json":
        hits = [{"page": h.page.target, "title": h.page.title, "url": h.page.url, "exact": h.exact,
                 "snippet": str(h.snippet)} for h in results.hits]  # fmt: skip
        out = {"query": results.query, "total": results.total, "page": results.page, "pages": results.pages,
               "substring": results.substring, "hits": hits}  # fmt: skip
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    click.echo(
        f"{results.total} found" + (f" (page {results.page} of {results.pages})" if results.pages > 1 else "")
    )
    for hit in results.hits:
        text = re.sub(r"</?mark>", "*", str(hit.snippet))
        click.echo(f"{hit.page.target}  {hit.page.title}{'  (exact)' if hit.exact else ''}")
        if text:
            click.echo(f"    {html.unescape(text)}")


@main.command()
@click.argument("text")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", default=50, show_default=True, type=int, help="Works to show.")
@click.option("--offset", default=0, type=int, help="Works to skip (the next page).")
@click.option("--adult", is_flag=True, help="Count examples stated only on adult pages too.")
@click.option("--spoilers", is_flag=True, help="Show spoiler text (also `spoilers:show` in the query).")
@click.option("--avoid", "avoided", multiple=True, help="A trope to avoid: works playing it are marked.")
def query(text: str, output: str, limit: int, offset: int, adult: bool, spoilers: bool, avoided) -> None:
    """Works by their tropes: `tropebase query 'NetorareGenre +LoveTriangle -Rape medium:anime_manga'`.

    Exits 2 with a pointer at the error when the query is malformed."""
    _django()
    from .wiki.query import QueryError, run
    from .wiki.visibility import Reader

    try:
        result = run(text, Reader(show_adult=adult, avoid=tuple(avoided)), limit=limit, offset=offset)
    except QueryError as exc:
        click.echo(f"error: {exc.message}\n{exc.pointer(text)}", err=True)
        raise SystemExit(2) from None
    shown = result.to_dict(show_spoilers=spoilers or None)
    if output == "json":
        click.echo(json.dumps(shown, ensure_ascii=False, indent=1))
        return
    click.echo(f"{result.total} works: {shown['query']}")
    for work in shown["works"]:
        mark = f"  [avoided: {', '.join(work['avoided'])}]" if work["avoided"] else ""
        click.echo(f"{work['title']} ({work['url']}){mark}")
        for example in work["examples"]:
            click.echo(f"  {example['trope']}: {example['text'][:200]}")


@main.command()
@click.option(
    "--repair", is_flag=True, help="Rebuild the facts of drifting pages from their current text; count again."
)
def doctor(repair: bool) -> None:
    """Check the database's integrity, that every page's facts match a fresh compile of its text, and
    that the numbers pages show (wicks, cross-listings, pages per namespace) match the rows.

    Exits 1 on an integrity problem, or on drift or wrong numbers unless --repair rebuilt every drifting
    page and counted again; 0 when clean.
    """
    _django()
    from .wiki import counts
    from .wiki.doctor import find_drift, integrity_problems
    from .wiki.store import rebuild_facts

    problems = integrity_problems()
    for problem in problems:
        click.echo(f"integrity: {problem}")
    if not problems:
        click.echo("integrity: ok")
    drifting, checked, repaired = 0, 0, 0
    for found in find_drift():
        if isinstance(found, int):
            checked = found
            continue
        drifting += 1
        click.echo(f"drift: {found}")
        if repair and rebuild_facts(found.page):
            repaired += 1
    click.echo(
        f"facts: {checked} pages checked, {drifting} drifting" + (f", {repaired} repaired" if repair else "")
    )
    miscounted = counts.problems()  # after any repair: rebuilt facts count again the pages they touch
    for problem in miscounted[:10]:
        click.echo(f"counts: {problem}")
    if miscounted and repair:
        counts.rebuild()
        click.echo(f"counts: {len(miscounted)} wrong, counted again")
    elif not miscounted:
        click.echo("counts: ok")
    if problems or ((drifting or miscounted) and not repair):
        raise SystemExit(1)


@main.command()
@click.argument("username")
@click.option("--moderator", is_flag=True, help="Add the user to the moderators group.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def createuser(username: str, moderator: bool, password: str) -> None:
    """Create an account (or reset its password); --moderator may protect, revert and hide.

    The password must pass the same rules as on the sign-up form (AUTH_PASSWORD_VALIDATORS)."""
    _django()
    from django.contrib.auth.models import Group, User
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User(username=username)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise click.ClickException("password refused: " + " ".join(exc.messages)) from None
    user.set_password(password)
    user.save()
    if moderator:
        from .web.access import MODERATORS

        user.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    click.echo(f"{'created' if created else 'updated'} {username}{' (moderator)' if moderator else ''}")


if __name__ == "__main__":
    main()

"""The `tropebase` command: a thin click layer over the library."""

from __future__ import annotations

import json

import click

from . import __version__
from .catalog import compile_page
from .catalog.export import facts_json
from .ingest.load import FORMATS, load, read_known_names
from .markup import parse, to_html
from .markup.outline import outline
from .sources import InputError


@click.group()
@click.version_option(__version__, prog_name="tropebase")
def main() -> None:
    """tropebase: a trope wiki whose pages compile into facts."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "output", type=click.Choice(["outline", "html", "markup", "json"]), default="outline",
              help="What to print for each page: an outline (default), its HTML, its markup, or its facts as JSON.")  # fmt: skip
@click.option("--html", "as_html", is_flag=True, help="Same as --format html.")
@click.option("--from", "fmt", type=click.Choice(FORMATS), help="Input format (detected when not given).")
@click.option("--namespace", help="Namespace of the works in a trope list (for example Film).")
@click.option(
    "--known", type=click.Path(dir_okay=False), help="File of known page names (one a line, or JSON Lines)."
)
def check(
    paths: tuple[str, ...],
    output: str,
    as_html: bool,
    fmt: str | None,
    namespace: str | None,
    known: str | None,
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
    pages: list[dict] = []
    for path in paths:
        try:
            converted = load(path, fmt, namespace=namespace, known=known_names)
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
                pages.append(facts_json(compile_page(doc, name, title=page.report.title)))
            else:
                if len(paths) > 1 or len(converted) > 1:
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

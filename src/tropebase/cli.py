"""The `tropebase` command: a thin click layer over the library."""

from __future__ import annotations

import click

from . import __version__
from .markup import parse, to_html
from .markup.outline import outline
from .sources import InputError, read_text


@click.group()
@click.version_option(__version__, prog_name="tropebase")
def main() -> None:
    """tropebase: a trope wiki whose pages compile into facts."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("--html", "as_html", is_flag=True, help="Print each page's HTML instead of its outline.")
def check(paths: tuple[str, ...], as_html: bool) -> None:
    """Parse markup files and print an outline of each (or its HTML). Exits 1 if any file failed."""
    failed = False
    for path in paths:
        try:
            text = read_text(path)
        except InputError as exc:
            click.echo(f"tropebase check: {exc}", err=True)
            failed = True
            continue
        doc = parse(text)
        if as_html:
            click.echo(to_html(doc), nl=False)
            continue
        if len(paths) > 1:
            click.echo(f"== {path}")
        for line in outline(doc):
            click.echo(line)
    if failed:
        raise SystemExit(1)

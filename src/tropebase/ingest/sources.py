"""Opening input files the way people hand them over: plain, gzip or bzip2, named by their ending."""

from __future__ import annotations

import bz2
import gzip
from pathlib import Path

from ..sources import InputError, decode_utf8, read_text


def read_maybe_compressed(path: str | Path) -> str:
    """The UTF-8 text of `path`, decompressed when it ends in .gz or .bz2."""
    path = Path(path)
    if path.suffix not in (".gz", ".bz2"):
        return read_text(path)
    return decode_utf8(read_bytes_maybe_compressed(path), path)


def read_bytes_maybe_compressed(path: str | Path) -> bytes:
    """The bytes of `path`, decompressed when it ends in .gz or .bz2 (a saved page declares its own
    encoding, so it is decoded by its importer)."""
    path = Path(path)
    if path.suffix not in (".gz", ".bz2"):
        try:
            return path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    opener = gzip.open if path.suffix == ".gz" else bz2.open
    try:
        with opener(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (EOFError, ValueError) as exc:
        raise InputError(f"{path}: damaged {path.suffix[1:]} file: {exc}") from None
    return data


def expand_paths(paths: list[str] | tuple[str, ...]) -> list[Path]:
    """Files named, with each folder replaced by the files in it (recursively, in name order, hidden
    files and folders left out)."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out += sorted(
                f for f in path.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )  # fmt: skip
        else:
            out.append(path)
    return out

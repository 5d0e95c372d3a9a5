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
    opener = gzip.open if path.suffix == ".gz" else bz2.open
    try:
        with opener(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (EOFError, ValueError) as exc:
        raise InputError(f"{path}: damaged {path.suffix[1:]} file: {exc}") from None
    return decode_utf8(data, path)

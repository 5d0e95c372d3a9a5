"""Reading the files people hand to tropebase, with errors that name the file and line."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: the message names the place (file, and line where there is one)."""


def read_text(path: str | Path) -> str:
    """The file's text as UTF-8 (a BOM is dropped). Raises InputError naming the file, and the line of
    the first byte that is not UTF-8."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode_utf8(data, path)


def decode_utf8(data: bytes, path: str | Path) -> str:
    """UTF-8 bytes → text (a BOM is dropped); InputError naming the file and the line of a bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x})") from None

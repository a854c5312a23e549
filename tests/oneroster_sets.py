"""The OneRoster 1.1 test packages of tests/data/oneroster: a good one, and broken ones that each
replace one file of it (see make_broken.py) to break one rule of the specification."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "oneroster"
GOOD = DATA / "good"
BROKEN = DATA / "broken"


def package(broken: str | None = None, **replace: str | None) -> dict[str, bytes]:
    """The good package's files, with the broken set's files over them; `replace` swaps a file
    (`users_csv="..."`) or leaves it out (None)."""
    files = {path.name: path.read_bytes() for path in sorted(GOOD.glob("*.csv"))}
    if broken is not None:
        files.update({path.name: path.read_bytes() for path in (BROKEN / broken).glob("*.csv")})
    for key, text in replace.items():
        name = key.replace("_csv", ".csv")
        if text is None:
            files.pop(name, None)
        else:
            files[name] = text.encode("utf-8")
    return files


def good_text(name: str) -> str:
    return (GOOD / name).read_text(encoding="utf-8")


def as_zip(files: dict[str, bytes]) -> bytes:
    """The package as a school's system exports it: one .zip, the files in a folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(f"oneroster/{name}", data)
    return buffer.getvalue()

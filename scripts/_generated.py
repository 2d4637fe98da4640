"""Shared by the scripts that generate documentation from the code: write, or check it is current."""

from __future__ import annotations

import pathlib
import sys
from collections.abc import Callable


def write_or_check(target: pathlib.Path, text: str, script: str, argv: list[str]) -> int:
    """With ``--check``: 1 (and a message) when ``target`` differs from ``text``. Else write it."""
    if "--check" in argv:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target.name} is out of date: run python scripts/{script}")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


def run(target: pathlib.Path, render: Callable[[], str], script: str) -> None:
    """Entry point of a generator script."""
    sys.exit(write_or_check(target, render(), script, sys.argv[1:]))

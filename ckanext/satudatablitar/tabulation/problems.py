"""The one exception of the file-facing code: a file that cannot be read as a table."""

from __future__ import annotations

from typing import Any


class FileProblem(Exception):
    """A file refused before or while reading it (hostile, broken or over a limit).

    ``code`` is stable (it keys the translated message, see ``messages.py``);
    ``params`` fill that message.
    """

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def as_error(self) -> dict[str, Any]:
        """The problem as one report error (frictionless-like shape)."""
        return {"type": self.code, "code": self.code, "params": self.params, "message": str(self)}

    def __str__(self) -> str:
        details = ", ".join(f"{key}={value}" for key, value in sorted(self.params.items()))
        return f"{self.code}: {details}" if details else self.code

"""Validators (IValidators), one module per concern, re-exported here."""

from __future__ import annotations

__all__: list[str] = []

"""Auth functions, one per action and with the action's name, one module per concern."""

from __future__ import annotations

__all__: list[str] = []

"""All actions of the extension, one module per concern (registered by the plugin's blanket)."""

from __future__ import annotations

__all__: list[str] = []

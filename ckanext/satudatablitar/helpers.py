"""Template helpers (ITemplateHelpers), all prefixed ``satudatablitar_``."""

from __future__ import annotations

__all__: list[str] = []

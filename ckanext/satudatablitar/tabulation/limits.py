"""Limits that keep a validation bounded: bytes, rows, cells, time and memory.

Values come from ckan.ini through ``config.tabulation_limits()``; there are no
defaults here (they live in config_declaration.yaml).
"""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_uncompressed_bytes: int
    max_compression_ratio: int
    max_rows: int
    max_columns: int
    max_cell_chars: int
    max_seconds: int
    max_memory_mb: int
    max_errors: int
    small_cell_threshold: int

    def replace(self, **changes: int) -> Limits:
        return dataclasses.replace(self, **changes)

"""DSSD register (Daftar Data Statistik Sektoral Daerah): the decreed element list per year.

Public entry points for other parts of the system:
``get_element_schema(code, year)`` (the element's Table Schema, for tabulation
validation and templates) and ``element_codes()`` (for the dataset form).
"""

from __future__ import annotations

from .service import element_codes, get_element, get_element_schema

__all__ = ["element_codes", "get_element", "get_element_schema"]

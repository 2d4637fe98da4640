"""Tabulations: .xlsx templates, validation against a Table Schema, confidentiality scan.

The file-facing parts (``sniff``, ``reader``, ``validate``, ``scan``, ``engine``,
``sandbox``) import nothing from CKAN, so they run in a forked, resource-limited
child process and in the benchmarks alike. ``store``, ``jobs``, ``gate`` and
``files`` are the CKAN side.
"""

"""Proposed revisions of published datasets: a private working copy reviewed like any dataset
and applied onto the published dataset by the publish step (see docs/revisions.md)."""

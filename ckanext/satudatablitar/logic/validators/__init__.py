"""Validators (IValidators), one module per concern, re-exported here."""

from __future__ import annotations

__all__: list[str] = []

from . import metadata
from .metadata import *  # noqa: F403

__all__ += metadata.__all__

from . import workflow  # noqa: E402
from .workflow import *  # noqa: E402, F403

__all__ += workflow.__all__

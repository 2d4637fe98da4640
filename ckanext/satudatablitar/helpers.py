"""Template helpers (ITemplateHelpers), all prefixed ``satudatablitar_``."""

from __future__ import annotations

__all__: list[str] = []

from ckanext.satudatablitar.metadata import helpers as metadata_helpers
from ckanext.satudatablitar.metadata.helpers import *  # noqa: F403

__all__ += metadata_helpers.__all__

import ckan.plugins.toolkit as _tk  # noqa: E402

from ckanext.satudatablitar.workflow import states as _states  # noqa: E402


def satudatablitar_state_label(state: str) -> str:
    """Translated name of a workflow state."""
    return _states.label(state)


__all__ += ["satudatablitar_state_label"]

from ckanext.satudatablitar.tabulation import helpers as tabulation_helpers  # noqa: E402
from ckanext.satudatablitar.tabulation.helpers import *  # noqa: E402, F403

__all__ += tabulation_helpers.__all__

from ckanext.satudatablitar import ui as _ui  # noqa: E402
from ckanext.satudatablitar.ui import *  # noqa: E402, F403

__all__ += _ui.__all__


def satudatablitar_publication_history(package_id: str) -> list[dict[str, object]]:
    """Public versions of a dataset for its page, as the current user may see them (none: [])."""
    try:
        return _tk.get_action("satudatablitar_publication_history")({}, {"id": package_id})
    except (_tk.ObjectNotFound, _tk.NotAuthorized):
        return []


__all__ += ["satudatablitar_publication_history"]

from ckanext.satudatablitar.revisions import panel as _revision_panel  # noqa: E402


def satudatablitar_revision_panel(package_id: str) -> dict[str, object] | None:
    """Revisions in the dataset page's workflow panel (see revisions.panel)."""
    return _revision_panel.revision_panel(package_id)


__all__ += ["satudatablitar_revision_panel"]

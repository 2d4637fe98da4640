"""Permission labels: CKAN's defaults, plus Wali Data and Pembina Data read datasets under review.

Dataset collaborators get no labels: access follows the workflow roles only.
"""

from __future__ import annotations

from ckan import model
from ckan.lib.plugins import DefaultPermissionLabels

from ckanext.satudatablitar.workflow import roles, states, store

REVIEW_LABEL = "satudatablitar-review"


def _without_collaborators(labels: list[str]) -> list[str]:
    return [label for label in labels if not label.startswith("collaborator-")]


class WorkflowPermissionLabels(DefaultPermissionLabels):
    def get_dataset_labels(self, dataset_obj: model.Package) -> list[str]:
        labels = _without_collaborators(super().get_dataset_labels(dataset_obj))
        if dataset_obj.private and store.current_state(dataset_obj.id) in states.UNDER_REVIEW:
            labels.append(REVIEW_LABEL)
        return labels

    def get_user_dataset_labels(self, user_obj: model.User) -> list[str]:
        labels = _without_collaborators(super().get_user_dataset_labels(user_obj))
        if roles.is_central_reviewer(user_obj):
            labels.append(REVIEW_LABEL)
        return labels

"""Satu Data plugin: registers the extension's parts with CKAN.

The plugin is thin on purpose: blankets register actions, auth functions,
helpers, validators, blueprints, commands and config options from their own
modules, and every hook method delegates to a module that does one job.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation

from ckanext.satudatablitar import config, notify, views
from ckanext.satudatablitar.metadata import facets
from ckanext.satudatablitar.revisions import mirror as revision_mirror
from ckanext.satudatablitar.tabulation import hooks as tabulation_hooks
from ckanext.satudatablitar.workflow import guards, labels, mirror

_labels = labels.WorkflowPermissionLabels()


@tk.blanket.config_declarations
@tk.blanket.actions
@tk.blanket.auth_functions
@tk.blanket.validators
@tk.blanket.helpers
@tk.blanket.cli
@tk.blanket.blueprints(views.get_blueprints)
class SatudataBlitarPlugin(p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.IConfigurable)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IPermissionLabels)
    p.implements(p.IResourceController, inherit=True)
    p.implements(p.IFacets, inherit=True)
    p.implements(p.ITranslation)

    # IConfigurer

    def update_config(self, config_: tk.CKANConfig) -> None:
        tk.add_template_directory(config_, "templates")
        tk.add_resource("assets", "satudatablitar")

    # IConfigurable

    def configure(self, config_: tk.CKANConfig) -> None:
        config.check_options()
        config.report_organization_problems()
        notify.install()

    # IPackageController

    def after_dataset_create(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        guards.on_created(context, pkg_dict["id"])

    def after_dataset_update(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        guards.on_updated(context, pkg_dict["id"])

    def after_dataset_show(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        package = context.get("package")
        mirror.after_show(pkg_dict, package)
        revision_mirror.after_show(pkg_dict, package)

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        mirror.before_index(pkg_dict)
        facets.before_index(pkg_dict)
        return pkg_dict

    def after_dataset_search(
        self, search_results: dict[str, Any], search_params: dict[str, Any]
    ) -> dict[str, Any]:
        facets.after_search(search_results)
        return search_results

    # IPermissionLabels

    def get_dataset_labels(self, dataset_obj: Any) -> list[str]:
        return _labels.get_dataset_labels(dataset_obj)

    def get_user_dataset_labels(self, user_obj: Any) -> list[str]:
        return _labels.get_user_dataset_labels(user_obj)

    # IFacets

    def dataset_facets(self, facets_dict: Any, package_type: str) -> Any:
        return facets.dataset_facets(facets_dict)

    # IResourceController

    def after_resource_create(self, context: Any, resource: dict[str, Any]) -> None:
        tabulation_hooks.resource_changed(context, resource)

    def after_resource_update(self, context: Any, resource: dict[str, Any]) -> None:
        tabulation_hooks.resource_changed(context, resource)

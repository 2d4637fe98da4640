"""Satu Data plugin: registers the extension's parts with CKAN.

The plugin is thin on purpose: blankets register actions, auth functions,
helpers, validators, blueprints, commands and config options from their own
modules, and every hook method delegates to a module that does one job.
"""

from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk

from ckanext.satudatablitar import views


@tk.blanket.config_declarations
@tk.blanket.actions
@tk.blanket.auth_functions
@tk.blanket.validators
@tk.blanket.helpers
@tk.blanket.cli
@tk.blanket.blueprints(views.get_blueprints)
class SatudataBlitarPlugin(p.SingletonPlugin):
    p.implements(p.IConfigurer)

    # IConfigurer

    def update_config(self, config_: tk.CKANConfig) -> None:
        tk.add_template_directory(config_, "templates")

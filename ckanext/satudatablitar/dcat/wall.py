"""Only published datasets reach a DCAT document, whoever asks.

A DCAT document is a publication (harvesters copy it), so unlike the dataset
page it shows nothing under review even to the reviewers who may read it:
``dcat_dataset_show`` answers "not found" for a dataset that is not published,
and the catalog actions search published datasets only. CKAN's private flag
(set by the workflow until the publish step) is the first wall; these are the second.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Action, Context, DataDict

from ckanext.satudatablitar.workflow import mirror, states

PUBLISHED_FILTER = f"+{mirror.STATE_FIELD}:{states.PUBLISHED} +capacity:public"


def is_published(package: model.Package | None) -> bool:
    """An active, public dataset in workflow state ``published``."""
    if package is None or package.state != "active" or package.private:
        return False
    return mirror.fields(package.id, package.private, package)[mirror.STATE_FIELD] == states.PUBLISHED


def published_only(data_dict: DataDict) -> DataDict:
    """The search parameters of a catalog action restricted to published datasets."""
    fq = data_dict.get("fq")
    return {**data_dict, "fq": f"{PUBLISHED_FILTER} ({fq})" if fq else PUBLISHED_FILTER}


@tk.chained_action
def dcat_dataset_show(up_func: Action, context: Context, data_dict: DataDict) -> Any:
    if not is_published(model.Package.get(data_dict.get("id") or "")):
        raise tk.ObjectNotFound(tk._("Dataset not found"))
    return up_func(context, data_dict)


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_show(up_func: Action, context: Context, data_dict: DataDict) -> Any:
    return up_func(context, published_only(data_dict))


@tk.chained_action
@tk.side_effect_free
def dcat_catalog_search(up_func: Action, context: Context, data_dict: DataDict) -> Any:
    return up_func(context, published_only(data_dict))


@tk.chained_action
@tk.side_effect_free
def dcat_datasets_list(up_func: Action, context: Context, data_dict: DataDict) -> Any:
    return up_func(context, published_only(data_dict))


def get_actions() -> dict[str, Action]:
    """The chained actions of the dcat plugins that are loaded (``/dcat.json`` is a plugin of its own)."""
    if not p.plugin_loaded("dcat"):
        raise RuntimeError(
            "The satudatablitar_dcat plugin needs ckanext-dcat's dcat plugin: "
            "ckan.plugins = ... dcat satudatablitar_dcat"
        )
    actions: dict[str, Action] = {
        "dcat_dataset_show": dcat_dataset_show,
        "dcat_catalog_show": dcat_catalog_show,
        "dcat_catalog_search": dcat_catalog_search,
    }
    if p.plugin_loaded("dcat_json_interface"):
        actions["dcat_datasets_list"] = dcat_datasets_list
    return actions

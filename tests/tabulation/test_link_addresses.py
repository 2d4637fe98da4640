"""Links to this machine or an internal network are not fetched (server-side request forgery)."""

from __future__ import annotations

import pytest

from ckanext.satudatablitar import config
from ckanext.satudatablitar.tabulation import files
from ckanext.satudatablitar.tabulation.problems import FileProblem


@pytest.mark.ckan_config(config.FETCH_PRIVATE_LINKS, False)
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8983/solr/admin/cores",
        "http://localhost:6379/",
        "http://10.0.0.5/data.xlsx",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:5000/api/3/action/status_show",
    ],
)
def test_private_and_loopback_links_are_refused(url):
    with pytest.raises(FileProblem) as problem:
        files._public_address(url)
    assert problem.value.code == "link-private-address"


@pytest.mark.ckan_config(config.FETCH_PRIVATE_LINKS, True)
def test_an_admin_may_allow_them():
    files._public_address("http://127.0.0.1:8983/solr/")

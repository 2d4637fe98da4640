"""The workflow panel on the dataset page, rendered for every state and role (Flask test client)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("with_plugins")

ROLES = ("operator", "verifier", "kominfotik", "kominfotik2", "walidata", "pembina")
# what the SOP lets each role do in each state (DESIGN.md section 3; organization admins are also
# editors, so the OPD verifier is also an operator and Walidata also a Kominfotik verifier)
EXPECTED: dict[str, dict[str, set[str]]] = {
    "draft": {"operator": {"submit"}, "verifier": {"submit"}},
    "submitted": {
        "verifier": {"verify_opd", "request_revision"},
        "kominfotik": {"request_revision"},
        "kominfotik2": {"request_revision"},
        "walidata": {"request_revision"},
        "pembina": {"request_revision"},
    },
    "verified_opd": {
        "verifier": {"request_revision"},
        "kominfotik": {"verify_walidata", "request_revision"},
        "kominfotik2": {"verify_walidata", "request_revision"},
        "walidata": {"verify_walidata", "request_revision"},
        "pembina": {"request_revision"},
    },
    "verified_walidata": {
        "verifier": {"request_revision"},
        "kominfotik": {"sign_off", "veto", "request_revision"},
        "kominfotik2": {"sign_off", "veto", "request_revision"},
        "walidata": {"sign_off", "veto", "request_revision"},
        "pembina": {"sign_off", "veto", "request_revision"},
    },
    "walidata_signed": {
        "verifier": {"request_revision"},
        "kominfotik": {"request_revision"},
        "kominfotik2": {"request_revision"},
        "walidata": {"request_revision"},
        "pembina": {"sign_off", "veto", "request_revision"},
    },
    "approved": {
        "verifier": {"request_revision"},
        "kominfotik": {"request_revision"},
        "kominfotik2": {"request_revision"},
        "walidata": {"publish", "request_revision"},
        "pembina": {"request_revision"},
    },
    "published": {"walidata": {"unpublish"}},
}
STATE_SHOWN = {"walidata_signed": "verified_walidata"}


@pytest.mark.parametrize("state", list(EXPECTED))
def test_each_role_sees_exactly_its_steps(portal, pages, state):
    dataset = portal.dataset()
    if state != "draft":
        portal.advance(dataset["id"], state)
    for role in ROLES:
        if state == "draft" and role not in EXPECTED["draft"]:
            # a draft belongs to its OPD: Wali Data and Pembina Data do not see it yet
            pages.get(role, f"/dataset/{dataset['name']}", status=404)
            continue
        html = pages.get(role, f"/dataset/{dataset['name']}")
        assert f'data-state="{STATE_SHOWN.get(state, state)}"' in html, role
        assert pages.steps(role, dataset["name"]) == EXPECTED[state].get(role, set()), role


def test_revision_requested_goes_back_to_the_operator_with_the_reason(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")
    pages.post("verifier", f"/dataset/{dataset['name']}/workflow/request_revision", {"note": "Satuan salah"})
    assert pages.steps("operator", dataset["name"]) == {"submit"}
    pages.get("kominfotik", f"/dataset/{dataset['name']}", status=404)
    html = pages.get("operator", f"/dataset/{dataset['name']}")
    assert 'data-state="revision_requested"' in html
    assert "Satuan salah" in html


def test_outsiders_see_the_state_of_a_published_dataset_but_not_the_timeline(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "published")
    for role in (None, "other_editor"):
        html = pages.get(role, f"/dataset/{dataset['name']}")
        assert 'data-state="published"' in html
        assert "satudata-timeline" not in html
        assert "satudata-step " not in html
    assert "satudata-timeline" in pages.get("operator", f"/dataset/{dataset['name']}")


def test_a_dataset_under_review_is_not_shown_to_outsiders(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "submitted")
    pages.get(None, f"/dataset/{dataset['name']}", status=404)
    pages.get("other_editor", f"/dataset/{dataset['name']}", status=404)


def test_the_timeline_shows_who_did_what_with_notes(portal, pages):
    dataset = portal.dataset()
    portal.advance(dataset["id"], "verified_opd")
    html = pages.get("kominfotik", f"/dataset/{dataset['name']}")
    assert html.count('class="satudata-event ') == 3
    assert "Verified (stage 1)" in html and "Submitted for verification" in html
    assert "OPD verifier" in html
    assert "Kominfotik verifier (verification stage 2)" in html

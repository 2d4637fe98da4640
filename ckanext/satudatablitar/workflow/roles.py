"""Who holds which workflow role for a dataset (DESIGN.md section 2).

Roles come from CKAN organization capacities: in the dataset's own OPD
(operator, OPD verifier), in the Wali Data organization (Kominfotik verifier,
Walidata) and in the Pembina Data organization. Sysadmins hold every role.
"""

from __future__ import annotations

from ckan import authz, model

from ckanext.satudatablitar import config

OPERATOR = "operator"
OPD_VERIFIER = "opd_verifier"
WALIDATA_VERIFIER = "walidata_verifier"
WALIDATA = "walidata"
PEMBINA = "pembina"
SYSADMIN = "sysadmin"

# the organization a role is held in: None = the dataset's own OPD
_ROLE_ORG = {
    OPERATOR: None,
    OPD_VERIFIER: None,
    WALIDATA_VERIFIER: config.walidata_organization,
    WALIDATA: config.walidata_organization,
    PEMBINA: config.pembina_organization,
}
_RANK = {"member": 1, "editor": 2, "admin": 3}


def _capacity(user: model.User, org_id_or_name: str | None) -> int:
    if not org_id_or_name:
        return 0
    org = model.Group.get(org_id_or_name)
    if org is None or org.state != "active":
        return 0
    return _RANK.get(authz.users_role_for_group_or_org(org.id, user.name) or "", 0)


def roles_for(user: model.User | None, owner_org: str | None) -> set[str]:
    """Every workflow role ``user`` holds for a dataset of organization ``owner_org``."""
    if user is None or not user.is_active:
        return set()
    if user.sysadmin:
        return {*_ROLE_ORG, SYSADMIN}
    return membership_roles(user, owner_org)


def membership_roles(user: model.User, owner_org: str | None) -> set[str]:
    """The roles ``user`` holds through organization membership alone."""
    capacities = config.role_capacities()
    held: dict[str | None, int] = {}
    roles = set()
    for role, org_option in _ROLE_ORG.items():
        org = org_option() if org_option else owner_org
        if org not in held:
            held[org] = _capacity(user, org)
        if held[org] >= _RANK[capacities[role]]:
            roles.add(role)
    return roles


def is_central_reviewer(user: model.User | str | None) -> bool:
    """Member (any capacity) of Wali Data or Pembina Data: reads datasets under review in every OPD."""
    # CKAN 2.11 views pass g.userobj, which is "" for an anonymous visitor
    if not isinstance(user, model.User) or not user.is_active:
        return False
    query = (
        model.Session.query(model.Member.id)
        .join(model.Group, model.Group.id == model.Member.group_id)
        .filter(
            model.Group.name.in_([config.walidata_organization(), config.pembina_organization()]),
            model.Group.state == "active",
            model.Member.table_name == "user",
            model.Member.table_id == user.id,
            model.Member.state == "active",
        )
    )
    return model.Session.query(query.exists()).scalar()

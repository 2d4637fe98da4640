"""Who must act next on a dataset: the roles that move it forward from its state, and their holders."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from ckan import model

from ckanext.satudatablitar import config
from ckanext.satudatablitar.workflow import roles
from ckanext.satudatablitar.workflow import steps as st

# steps that do not move a dataset forward: anyone may send it back, nobody is waited for
_BACKWARD = frozenset({st.REQUEST_REVISION, st.VETO, st.UNPUBLISH})
_RANK = {"member": 1, "editor": 2, "admin": 3}


def roles_to_act(state: str, signed: frozenset[str] = frozenset()) -> frozenset[str]:
    """Roles that take the next forward step from ``state``.

    ``signed`` names the confidentiality parties (``walidata``, ``pembina``) that have
    already signed off: they are no longer waited for.
    """
    waited = set()
    for step in st.STEPS.values():
        if state in step.from_states and step.name not in _BACKWARD:
            waited |= step.roles
    done = {role for role, party in st.CONFIDENTIALITY_PARTIES.items() if party in signed}
    return frozenset(waited - done)


def holders(wanted: frozenset[str], owner_orgs: set[str]) -> dict[tuple[str, str], list[model.User]]:
    """Active users holding each wanted role, per (role, owner_org), in one query.

    Roles held in the dataset's own OPD are looked up in each of ``owner_orgs``; Wali Data and
    Pembina roles in their configured organizations. Sysadmins are not listed: they hold every
    role but are nobody's next actor.
    """
    capacities = config.role_capacities()
    central = {
        roles.WALIDATA_VERIFIER: config.walidata_organization(),
        roles.WALIDATA: config.walidata_organization(),
        roles.PEMBINA: config.pembina_organization(),
    }
    org_ids = {
        group.name: group.id
        for group in model.Session.query(model.Group).filter(
            model.Group.name.in_(set(central.values())) | model.Group.id.in_(owner_orgs)
        )
    }
    member, user = model.member_table, model.user_table
    rows = model.Session.execute(
        sa.select(member.c.group_id, member.c.capacity, user.c.id)
        .join(user, user.c.id == member.c.table_id)
        .where(
            member.c.table_name == "user",
            member.c.state == "active",
            user.c.state == "active",
            user.c.sysadmin.is_(False),
            member.c.group_id.in_(set(org_ids.values()) | owner_orgs),
        )
    ).all()
    users = {u.id: u for u in model.Session.query(model.User).filter(model.User.id.in_({r.id for r in rows}))}
    by_org: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in rows:
        by_org[row.group_id].append((_RANK.get(row.capacity, 0), row.id))
    result: dict[tuple[str, str], list[model.User]] = {}
    for role in wanted:
        needed = _RANK[capacities[role]]
        for owner_org in owner_orgs:
            org_id = org_ids.get(central[role]) if role in central else owner_org
            result[(role, owner_org)] = [
                users[user_id] for rank, user_id in by_org.get(org_id or "", []) if rank >= needed
            ]
    return result

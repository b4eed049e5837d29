"""Recommending units (推荐单位): each unit's liaison (附件2 联络员, kept by the unit's own
users) and the office's table of units — liaison, works registered and forwarded, and the
paperwork still missing — with its export."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from scoring.domain.text_checks import classify_phone, compact
from scoring.enums import Role
from scoring.errors import InvalidInput
from scoring.i18n import translate
from scoring.records.units import UnitContact, UnitTally
from scoring.services.campaigns.active import ensure_writable
from scoring.services.context import STAFF, Actor, Context, audit, require_role
from scoring.services.entries._unit_scope import unit_of
from scoring.storage import campaigns as campaign_store
from scoring.storage import units as store
from scoring.storage.rows import Cursor
from scoring.storage.users import list_users
from scoring.tables.writing import Sheet

TEXT_MAX: Final = 60
_HEADERS: Final = (
    "units.unit",
    "units.contact",
    "units.position",
    "units.mobile",
    "units.accounts",
    "units.registered",
    "units.forwarded",
    "units.missing",
)


def my_contact(ctx: Context, *, actor: Actor, campaign_id: int) -> UnitContact | None:
    """The liaison the actor's unit has given for the campaign, or None."""
    unit = unit_of(actor)
    return ctx.db.read(lambda cur: store.get_contact(cur, campaign_id, unit))


def save_my_contact(
    ctx: Context,
    *,
    actor: Actor,
    campaign_id: int,
    name: str,
    position: str,
    mobile: str,
    contact_unit: str = "",
) -> UnitContact:
    """Store the actor's unit's liaison (附件2: name, unit, position, mobile); a name and a
    mobile number are required."""
    unit = unit_of(actor)
    texts = {"name": name, "position": position, "mobile": mobile, "contact_unit": contact_unit}
    return _save_contact(ctx, actor=actor, campaign_id=campaign_id, unit=unit, **texts)


def save_unit_contact(
    ctx: Context,
    *,
    actor: Actor,
    campaign_id: int,
    unit: str,
    name: str,
    position: str,
    mobile: str,
    contact_unit: str = "",
) -> UnitContact:
    """The office records a unit's liaison from a 附件2 that came by e-mail (staff only)."""
    require_role(actor, *STAFF)
    if not unit.strip():
        raise InvalidInput("liaison.unit_missing")
    texts = {"name": name, "position": position, "mobile": mobile, "contact_unit": contact_unit}
    return _save_contact(ctx, actor=actor, campaign_id=campaign_id, unit=unit.strip(), **texts)


def _checked_liaison(*, mobile: str, **texts: str) -> dict[str, str]:
    """The liaison's fields as given: a name is required, no text longer than ``TEXT_MAX``,
    and the phone a mobile number."""
    if not texts["name"]:
        raise InvalidInput("liaison.name_missing")
    for field, text in texts.items():
        if len(text) > TEXT_MAX:
            raise InvalidInput("liaison.too_long", field=field, max=TEXT_MAX)
    if classify_phone(mobile) != "mobile":
        raise InvalidInput("liaison.mobile_invalid", mobile=mobile)
    return {**texts, "mobile": mobile}


def _audit_contact(cur: Cursor, ctx: Context, actor: Actor, contact: UnitContact) -> None:
    audit(
        cur,
        ctx,
        actor=actor.name,
        action="unit.contact",
        target=contact.unit,
        campaign_id=contact.campaign_id,
        name=contact.name,
        position=contact.position,
        mobile=contact.mobile,
    )


def _save_contact(
    ctx: Context,
    *,
    actor: Actor,
    campaign_id: int,
    unit: str,
    name: str,
    position: str,
    mobile: str,
    contact_unit: str,
) -> UnitContact:
    fields = _checked_liaison(
        name=name.strip(),
        position=position.strip(),
        contact_unit=contact_unit.strip() or unit,
        mobile=mobile.strip(),
    )
    contact = UnitContact(
        campaign_id=campaign_id,
        unit=unit,
        updated_by=actor.name,
        updated_at=ctx.now(),
        **fields,
    )

    def work(cur: Cursor) -> UnitContact:
        ensure_writable(cur, campaign_id)
        store.save_contact(cur, contact)
        _audit_contact(cur, ctx, actor, contact)
        return contact

    return ctx.db.write(work)


@dataclass(frozen=True)
class UnitRow:
    """One unit in the office's table: its liaison, accounts, works and what is missing."""

    unit: str
    contact: UnitContact | None
    accounts: int
    registered: int
    forwarded: int
    without_pledge: int

    def missing(self, lang: str) -> str:
        """The paperwork still missing, in words ("" when nothing is)."""
        parts = []
        if self.contact is None:
            parts.append(translate("units.no_contact", lang))
        if self.without_pledge:
            parts.append(translate("units.no_pledge", lang, count=self.without_pledge))
        if self.forwarded == 0:
            parts.append(translate("units.nothing_forwarded", lang))
        return translate("common.list_separator", lang).join(parts)


def unit_table(ctx: Context, *, actor: Actor, campaign_id: int) -> list[UnitRow]:
    """Every unit the campaign knows — with an account, a liaison or a work — by name, one
    row per unit however its name is spaced (staff only)."""
    require_role(actor, *STAFF)

    def work(cur: Cursor) -> list[UnitRow]:
        names: dict[str, str] = {}  # compact name → the first spelling met

        def key(name: str) -> str:
            found = compact(name)
            names.setdefault(found, name)
            return found

        accounts: dict[str, int] = defaultdict(int)
        for user in list_users(cur, role=Role.UNIT):
            if user.unit.strip() and not user.disabled:
                accounts[key(user.unit)] += 1
        contacts = {key(c.unit): c for c in store.list_contacts(cur, campaign_id)}
        tallies: dict[str, list[UnitTally]] = defaultdict(list)
        for tally in store.unit_tallies(cur, campaign_id):
            tallies[key(tally.unit)].append(tally)
        return [
            UnitRow(
                unit=names[k],
                contact=contacts.get(k),
                accounts=accounts.get(k, 0),
                registered=sum(t.registered for t in tallies[k]),
                forwarded=sum(t.forwarded for t in tallies[k]),
                without_pledge=sum(t.without_pledge for t in tallies[k]),
            )
            for k in sorted(names, key=names.__getitem__)
        ]

    return ctx.db.read(work)


def units_sheet(ctx: Context, *, actor: Actor, campaign_id: int, lang: str) -> Sheet:
    """The table of units as a sheet for CSV or XLSX (staff only)."""
    rows = unit_table(ctx, actor=actor, campaign_id=campaign_id)
    campaign = ctx.db.read(lambda cur: campaign_store.get_campaign(cur, campaign_id))
    name = campaign.name if campaign is not None else ""
    return Sheet(
        title=translate("units.sheet_title", lang),
        block=[(translate("units.sheet_campaign", lang), name)],
        headers=[translate(h, lang) for h in _HEADERS],
        rows=[
            [
                r.unit,
                r.contact.name if r.contact else "",
                r.contact.position if r.contact else "",
                r.contact.mobile if r.contact else "",
                r.accounts,
                r.registered,
                r.forwarded,
                r.missing(lang),
            ]
            for r in rows
        ],
        campaign=name,
    )

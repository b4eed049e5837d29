"""The forms a recommending unit sends with its works: 附件4 作品登记表 for each entry and
附件2 联络员反馈表, filled from what the campaign holds (XLSX or PDF)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from scoring.documents import forms as f
from scoring.documents.forms_pdf import contacts_pdf, registration_pdf
from scoring.documents.forms_xlsx import contacts_xlsx, registration_xlsx
from scoring.domain.entry_fields import CATEGORY_LABELS_ZH
from scoring.errors import InvalidInput, NotFound
from scoring.records.entries import Entry
from scoring.records.units import UnitContact
from scoring.services.campaigns.active import known_campaign
from scoring.services.context import STAFF, Actor, Context, require_role
from scoring.storage import entries as entry_store
from scoring.storage import units as unit_store
from scoring.storage.rows import Cursor


def _day(value: date | None) -> str:
    return "" if value is None else f"{value.year}年{value.month}月{value.day}日"


def registration_of(entry: Entry) -> f.Registration:
    """附件4 of one entry, filled from its fields."""
    info = entry.submitter
    if entry.submitter_type:
        info += f"（{entry.submitter_type}）"
    return f.Registration(
        code=entry.code,
        submitter=entry.submitter,
        title=entry.title,
        category=CATEGORY_LABELS_ZH[entry.category],
        duration=entry.duration_declared,
        producer=entry.producer,
        shot_date=_day(entry.shot_date),
        completed_date=_day(entry.completed_date),
        synopsis=entry.synopsis,
        submitter_info=info,
        contact=entry.contact,
        phone=entry.phone,
    )


def unit_contacts(
    entries: Sequence[Entry], unit: str, liaison: UnitContact | None = None
) -> tuple[f.Contact, ...]:
    """附件2's rows for ``unit``: its liaison when the unit has named one (the works it
    recommends in the note), else one row per distinct contact of those works.

    This is the one place that decides who is listed.
    """
    if liaison is not None:
        codes = "、".join(sorted(e.code for e in entries if e.recommender == unit))
        return (
            f.Contact(
                name=liaison.name,
                unit=liaison.contact_unit or unit,
                position=liaison.position,
                mobile=liaison.mobile,
                note=codes,
            ),
        )
    rows: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for e in sorted(entries, key=lambda e: e.code):
        if e.recommender != unit or not (e.contact or e.phone):
            continue
        _, codes = rows.setdefault((e.contact, e.phone), (e.submitter, []))
        codes.append(e.code)
    return tuple(
        f.Contact(name=name, unit=org, position="", mobile=phone, note="、".join(codes))
        for (name, phone), (org, codes) in rows.items()
    )


def units(ctx: Context, *, actor: Actor, campaign_id: int) -> list[str]:
    """The recommending units of the campaign's entries and those that named a liaison,
    in order (staff only)."""
    require_role(actor, *STAFF)
    named_by_entries = ctx.db.read(lambda cur: entry_store.recommenders(cur, campaign_id))
    named = ctx.db.read(lambda cur: unit_store.list_contacts(cur, campaign_id))
    return sorted(set(named_by_entries) | {c.unit for c in named})


def _entries_and_campaign(ctx: Context, campaign_id: int) -> tuple[list[Entry], str]:
    def work(cur: Cursor) -> tuple[list[Entry], str]:
        campaign = known_campaign(cur, campaign_id)
        return entry_store.list_entries(cur, campaign_id), campaign.name

    return ctx.db.read(work)


def registration_file(
    ctx: Context, *, actor: Actor, campaign_id: int, fmt: str, code: str = "", unit: str = ""
) -> bytes:
    """附件4 of the entry ``code``, or of every entry ``unit`` recommends, as XLSX or PDF."""
    require_role(actor, *STAFF)
    entries, campaign = _entries_and_campaign(ctx, campaign_id)
    if code:
        chosen = [e for e in entries if e.code == code]
        if not chosen:
            raise NotFound("error.entry_code_unknown", code=code)
    else:
        chosen = sorted((e for e in entries if e.recommender == unit), key=lambda e: e.code)
        if not chosen:
            raise NotFound("error.unit_unknown", unit=unit)
    forms = [registration_of(e) for e in chosen]
    if fmt == "xlsx":
        return registration_xlsx(forms, campaign=campaign)
    _check_pdf(fmt)
    return registration_pdf(forms, campaign=campaign, made_at=ctx.now())


def contacts_file(ctx: Context, *, actor: Actor, campaign_id: int, fmt: str, unit: str) -> bytes:
    """附件2 of ``unit`` as XLSX or PDF (staff only)."""
    require_role(actor, *STAFF)
    entries, campaign = _entries_and_campaign(ctx, campaign_id)
    liaison = ctx.db.read(lambda cur: unit_store.get_contact(cur, campaign_id, unit))
    if liaison is None and not any(e.recommender == unit for e in entries):
        raise NotFound("error.unit_unknown", unit=unit)
    contacts = unit_contacts(entries, unit, liaison)
    sheet = f.ContactSheet(campaign=campaign, unit=unit, contacts=contacts)
    if fmt == "xlsx":
        return contacts_xlsx(sheet)
    _check_pdf(fmt)
    return contacts_pdf(sheet, made_at=ctx.now())


def _check_pdf(fmt: str) -> None:
    if fmt != "pdf":
        raise InvalidInput("error.export_format", fmt=fmt, formats="xlsx, pdf")

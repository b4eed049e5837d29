"""The notice's forms as PDF (附件5, 附件4, 附件2), typeset from ``templates/``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from scoring.documents import forms as f
from scoring.documents.typeset import render_pdf


def summary_pdf(table: f.SummaryTable, *, made_at: datetime) -> bytes:
    """附件5 on A4 landscape (header repeated on every page), then its 说明 page."""
    data = {
        "doc_title": f.SUMMARY_TITLE,
        "campaign": table.campaign,
        "title": f.SUMMARY_TITLE,
        "office_line": f.SUBMITTER_LINE + table.office + f.SEAL,
        "headers": list(f.SUMMARY_HEADERS),
        "groups": [
            {"category": category, "rows": [asdict(r) for r in rows]}
            for category, rows in table.groups()
        ],
        "notes": [asdict(n) for n in table.notes],
        "overrides": [asdict(o) for o in table.overrides],
        "labels": table.labels,
    }
    return render_pdf("attachment5", data, made_at=made_at)


def registration_pdf(forms: Sequence[f.Registration], *, campaign: str, made_at: datetime) -> bytes:
    """附件4, one page per entry, with the 报送单位意见 sentence and blank seal and date."""
    data = {
        "doc_title": f.REGISTRATION_TITLE,
        "campaign": campaign,
        "title": f.REGISTRATION_TITLE,
        "submitter_line": f.SUBMITTER_LINE,
        "labels": f.REGISTRATION_LABELS,
        "synopsis_limit": f.SYNOPSIS_LIMIT,
        "endorsement": f.ENDORSEMENT,
        "date_line": f.DATE_LINE,
        "unit_seal": f.UNIT_SEAL,
        "forms": [asdict(form) for form in forms],
    }
    return render_pdf("attachment4", data, made_at=made_at)


def contacts_pdf(sheet: f.ContactSheet, *, made_at: datetime) -> bytes:
    """附件2 联络员反馈表 of one unit."""
    data = {
        "doc_title": f.CONTACTS_TITLE,
        "campaign": sheet.campaign,
        "title": f.CONTACTS_TITLE,
        "unit_line": f.UNIT_LINE + sheet.unit,
        "filled_by": list(f.FILLED_BY),
        "headers": list(f.CONTACT_HEADERS),
        "contacts": [asdict(c) for c in sheet.contacts],
        "blank_rows": 3,
    }
    return render_pdf("attachment2", data, made_at=made_at)

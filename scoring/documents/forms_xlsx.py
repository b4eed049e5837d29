"""The notice's forms as XLSX workbooks laid out for printing (附件5, 附件4, 附件2)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Final

from openpyxl.styles import Alignment, Font

from scoring.documents import forms as f
from scoring.documents.xlsx_layout import (
    BODY_FONT,
    WRAP_CENTER,
    WRAP_LEFT,
    a4,
    banner,
    boxed_row,
    fit_height,
    set_widths,
)
from scoring.tables.writing import append_row, new_workbook

SUMMARY_WIDTHS: Final = (10, 8, 24, 52, 24, 24)
NOTE_WIDTHS: Final = (16, 30, 12, 44, 12, 18)
REGISTRATION_WIDTHS: Final = (16, 30, 12, 30)
CONTACT_WIDTHS: Final = (14, 34, 16, 18, 20)
CONTACT_BLANK_ROWS: Final = 3  # empty lines left to fill by hand, as on the printed form


def _bytes(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def summary_xlsx(table: f.SummaryTable) -> bytes:
    """附件5 as the notice prints it, and a second sheet 说明 with settings and overrides."""
    book = new_workbook(title=f.SUMMARY_TITLE, campaign=table.campaign)
    page = book.active
    page.title = "附件5"
    set_widths(page, SUMMARY_WIDTHS)
    page.cell(row=1, column=1, value="附件5").font = Font(name="黑体", size=12)
    banner(page, 2, f.SUMMARY_TITLE, columns=6, size=18, center=True)
    banner(page, 3, f.SUBMITTER_LINE + table.office + f.SEAL, columns=6, size=12, center=False)
    header = boxed_row(page, f.SUMMARY_HEADERS, align=[WRAP_CENTER] * 6, bold=True)
    fit_height(page, header, SUMMARY_WIDTHS)
    center_two = [WRAP_CENTER, WRAP_CENTER, WRAP_LEFT, WRAP_LEFT, WRAP_LEFT, WRAP_LEFT]
    for category, rows in table.groups():
        first = page.max_row + 1
        for r in rows:
            values = (category, r.order, r.title, r.synopsis, r.producer, r.recommender)
            fit_height(page, boxed_row(page, values, align=center_two, bold=False), SUMMARY_WIDTHS)
        if len(rows) > 1:
            page.merge_cells(start_row=first, start_column=1, end_row=page.max_row, end_column=1)
    a4(page, landscape=True, header_row=header)
    _notes_sheet(book.create_sheet("说明"), table)
    return _bytes(book)


def _notes_sheet(page: Any, table: f.SummaryTable) -> None:
    set_widths(page, NOTE_WIDTHS)
    banner(page, 1, table.labels["notes_title"], columns=6, size=16, center=True)
    for note in table.notes:
        append_row(page, [note.label, note.value])
        page.cell(row=page.max_row, column=1).font = Font(name="黑体", bold=True)
        page.merge_cells(start_row=page.max_row, start_column=2, end_row=page.max_row, end_column=6)
    page.append([])
    page.append([table.labels["overrides"]])
    page.cell(row=page.max_row, column=1).font = Font(name="黑体", bold=True)
    heads = [table.labels[k] for k in ("code", "title", "change", "reason", "by", "at")]
    boxed_row(page, heads, align=[WRAP_CENTER] * 6, bold=True)
    for o in table.overrides:
        row = boxed_row(
            page, [o.code, o.title, o.change, o.reason, o.by, o.at], align=[], bold=False
        )
        fit_height(page, row, NOTE_WIDTHS)
    if not table.overrides:
        boxed_row(page, [table.labels["none"], "", "", "", "", ""], align=[], bold=False)
    a4(page, landscape=True)


def _registration_page(page: Any, form: f.Registration) -> None:
    set_widths(page, REGISTRATION_WIDTHS)
    page.cell(row=1, column=1, value="附件4").font = Font(name="黑体", size=12)
    banner(page, 2, f.REGISTRATION_TITLE, columns=4, size=18, center=True)
    banner(page, 3, f.SUBMITTER_LINE + form.submitter, columns=4, size=12, center=False)
    # A cell cannot right-align one line of several: full-width spaces push date and seal right.
    endorsement = f"{f.ENDORSEMENT}\n\n\n{'　' * 24}{f.DATE_LINE}\n{'　' * 20}{f.UNIT_SEAL}"
    k = f.REGISTRATION_LABELS
    specs: list[tuple[str, ...]] = [
        (k["title"], form.title),
        (k["category"], form.category, k["duration"], form.duration),
        (k["producer"], form.producer),
        (k["shot_date"], form.shot_date, k["completed_date"], form.completed_date),
        (k["synopsis"] + "\n" + f.SYNOPSIS_LIMIT, form.synopsis),
        (k["submitter_info"], form.submitter_info),
        (k["opinion"], endorsement),
        (k["contact"], form.contact, k["phone"], form.phone),
    ]
    for spec in specs:
        _form_row(page, spec)
    opinion = page.max_row - 1
    page.row_dimensions[opinion].height = 130
    page.cell(row=opinion, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    a4(page, landscape=False)


def _form_row(page: Any, spec: Sequence[str]) -> None:
    """A labelled row: (label, value) across the form, or two label/value pairs."""
    wide = len(spec) == 2
    labels = {0} if wide else {0, 2}
    values = [*spec, "", ""] if wide else list(spec)
    align = [WRAP_CENTER if i in labels else WRAP_LEFT for i in range(4)]
    row = boxed_row(page, values, align=align, bold=False)
    for i in labels:
        page.cell(row=row, column=i + 1).font = Font(name="黑体", size=11)
    if wide:
        page.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    fit_height(page, row, REGISTRATION_WIDTHS, (1, 3) if wide else (1, 1, 1, 1))
    page.row_dimensions[row].height = max(page.row_dimensions[row].height or 0, 36)


def registration_xlsx(forms: Sequence[f.Registration], *, campaign: str) -> bytes:
    """附件4, one sheet per entry (named by its code)."""
    book = new_workbook(title=f.REGISTRATION_TITLE, campaign=campaign)
    first = book.active
    for index, form in enumerate(forms):
        page = first if index == 0 else book.create_sheet()
        page.title = _sheet_name(form.code, index)
        _registration_page(page, form)
    return _bytes(book)


def _sheet_name(code: str, index: int) -> str:
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in code).strip("'") or "附件4"
    return f"{index + 1}-{clean}"[:31]


def contacts_xlsx(sheet: f.ContactSheet) -> bytes:
    """附件2 联络员反馈表 of one unit, with blank lines and the 填表人 line."""
    book = new_workbook(title=f.CONTACTS_TITLE, campaign=sheet.campaign)
    page = book.active
    page.title = "附件2"
    set_widths(page, CONTACT_WIDTHS)
    page.cell(row=1, column=1, value="附件2").font = Font(name="黑体", size=12)
    banner(page, 2, f.CONTACTS_TITLE, columns=5, size=18, center=True)
    banner(page, 3, f.UNIT_LINE + sheet.unit, columns=5, size=12, center=False)
    header = boxed_row(page, f.CONTACT_HEADERS, align=[WRAP_CENTER] * 5, bold=True)
    for c in sheet.contacts:
        row = boxed_row(page, [c.name, c.unit, c.position, c.mobile, c.note], align=[], bold=False)
        fit_height(page, row, CONTACT_WIDTHS)
    for _ in range(CONTACT_BLANK_ROWS):
        page.row_dimensions[boxed_row(page, [""] * 5, align=[], bold=False)].height = 24
    page.append([])
    for label in f.FILLED_BY:
        append_row(page, [label])
        page.cell(row=page.max_row, column=1).font = Font(name=BODY_FONT, size=12)
    a4(page, landscape=False, header_row=header)
    return _bytes(book)

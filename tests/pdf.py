"""Reading a PDF's text (pypdf), with and without the line breaks of wrapped cells."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Text with every space and line break removed (wrapped cells read as one run)."""
    return "".join(text.split())

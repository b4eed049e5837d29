"""Printable documents: the decision record and the notice's forms (附件2, 附件4, 附件5).

PDFs are typeset by Typst (the ``typst`` package bundles the compiler) from one small
template per document in ``templates/``, with a Chinese font found on the machine at run
time and embedded; XLSX forms are laid out with openpyxl. The data arrive as plain records;
text is handed to the templates as JSON strings, so entrants' text is never markup.
"""

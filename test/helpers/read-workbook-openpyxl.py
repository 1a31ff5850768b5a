"""Reads an xlsx workbook with openpyxl, a reader independent of the writer, and prints it as JSON.

    /usr/bin/python3 test/helpers/read-workbook-openpyxl.py WORKBOOK.xlsx

Debian's python3-openpyxl lives in Debian's Python (/usr/bin/python3), which a pyenv `python3` on PATH
does not see. Output: the active sheet; per sheet in workbook order its name, sheetId, tables, column
widths and every cell of rows 1..max_row as [value, type, style], where type is "string", "number" or
"empty" and style is "font-name/size/b-if-bold/border-sides/alignment"; and, read from the raw XML with
the standard library, how many texts with leading or trailing whitespace carry xml:space="preserve" and
where those that do not are.
"""

import json
import re
import sys
import xml.etree.ElementTree as ElementTree
import zipfile

import openpyxl
from openpyxl.reader.workbook import WorkbookParser

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SIDES = ("left", "right", "top", "bottom")


def cell_type(value):
    if value is None:
        return "empty"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "number"
    return type(value).__name__


def style_key(cell):
    font = cell.font
    size = font.sz if font.sz is None or font.sz != int(font.sz) else int(font.sz)
    border = ",".join(side for side in SIDES if getattr(cell.border, side).style == "thin")
    other = sorted(
        f"{side}:{getattr(cell.border, side).style}"
        for side in SIDES
        if getattr(cell.border, side).style not in (None, "thin")
    )
    alignment = cell.alignment
    aligned = [
        f"{name}={getattr(alignment, name)}"
        for name in ("horizontal", "vertical", "wrapText", "shrinkToFit")
        if getattr(alignment, name) not in (None, False)
    ]
    return "/".join([font.name or "", str(size), "b" if font.b else "", border + "".join(other), ",".join(aligned)])


def sheet_ids(path):
    with zipfile.ZipFile(path) as archive:
        parser = WorkbookParser(archive, "xl/workbook.xml")
        parser.parse()
        return {sheet.name: sheet.sheetId for sheet in parser.sheets}


def whitespace_report(path):
    preserved = 0
    unpreserved = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                continue
            root = ElementTree.fromstring(archive.read(name))
            for cell in root.iter(MAIN_NS + "c"):
                for text in cell.iter(MAIN_NS + "t"):
                    value = text.text or ""
                    if value != value.strip():
                        if text.get(XML_SPACE) == "preserve":
                            preserved += 1
                        else:
                            unpreserved.append(f"{name}!{cell.get('r')}")
    return {"preserved": preserved, "unpreserved": unpreserved}


def main(path):
    workbook = openpyxl.load_workbook(path)
    ids = sheet_ids(path)
    sheets = []
    for worksheet in workbook.worksheets:
        rows = [
            [[cell.value, cell_type(cell.value), style_key(cell)] for cell in row]
            for row in worksheet.iter_rows(min_row=1, max_row=worksheet.max_row)
        ]
        sheets.append(
            {
                "name": worksheet.title,
                "sheetId": ids.get(worksheet.title),
                "tables": [
                    {
                        "name": table.name,
                        "displayName": table.displayName,
                        "ref": table.ref,
                        "columns": [column.name for column in table.tableColumns],
                        "showRowStripes": bool(table.tableStyleInfo and table.tableStyleInfo.showRowStripes),
                        "style": table.tableStyleInfo.name if table.tableStyleInfo else None,
                    }
                    for table in worksheet.tables.values()
                ],
                "columnWidths": [
                    {"min": dimension.min, "max": dimension.max, "width": dimension.width}
                    for dimension in worksheet.column_dimensions.values()
                    if dimension.width
                ],
                "rows": rows,
            }
        )
    json.dump(
        {
            "openpyxl": openpyxl.__version__,
            "activeSheet": workbook.active.title,
            "sheets": sheets,
            "whitespace": whitespace_report(path),
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: read-workbook-openpyxl.py WORKBOOK.xlsx")
    main(sys.argv[1])

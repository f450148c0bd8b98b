"""Seeded mutations of .xlsx workbooks, for fuzzing the reader and the whole check (tests and bench/fuzz.py).

Each mutation takes the workbook's parts ({name: bytes}) and a random.Random and changes them the way a
damaged, hand-edited or hostile file would: parts dropped, duplicated, truncated or recompressed; XML
attributes, references, styles (cell and number formats) and shared-string indices out of range; huge
dimensions and thousands of rows; cell values replaced with edge numbers, error values and odd text.
"""

from __future__ import annotations

import io
import random
import re
import warnings
import zipfile
from collections.abc import Callable

Parts = dict[str, bytes]

EDGE_VALUES = ["1e308", "-1e308", "1.7976931348623157e308", "5e-324", "-0", "NaN", "INF", "123456789012345678901",
               "9" * 400, "0x10", "1_000", "١٢٣"]
ERROR_VALUES = ["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!"]
ODD_TEXT = ["", " ", "\u202e≥95%", "＝100％", "≥" * 5000, "<![CDATA[x]]>", "=cmd|' /C calc'!A0", "\t\n\r", "🙂" * 50,
            "&amp;&lt;", "%s%n", "﻿"]


def read_parts(data: bytes) -> Parts:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def write_parts(parts: Parts | list[tuple[str, bytes]], rng: random.Random | None = None) -> bytes:
    """A zip of the parts; with `rng`, each part is stored or deflated at random (recompression)."""
    buffer = io.BytesIO()
    items = parts.items() if isinstance(parts, dict) else parts
    with zipfile.ZipFile(buffer, "w") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate member names are one of the mutations
        for name, data in items:
            method = zipfile.ZIP_DEFLATED if rng is None or rng.random() < 0.7 else zipfile.ZIP_STORED
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


def _sheet_names(parts: Parts) -> list[str]:
    return sorted(n for n in parts if n.startswith("xl/worksheets/sheet") and n.endswith(".xml")) or sorted(parts)


def drop_part(parts: Parts, rng: random.Random) -> bytes:
    victim = rng.choice(sorted(parts))
    return write_parts({k: v for k, v in parts.items() if k != victim}, rng)


def duplicate_part(parts: Parts, rng: random.Random) -> bytes:
    name = rng.choice(sorted(parts))
    items = list(parts.items()) + [(name, parts[name][: len(parts[name]) // 2])]
    return write_parts(items, rng)


def truncate_part(parts: Parts, rng: random.Random) -> bytes:
    name = rng.choice(_sheet_names(parts) + ["xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"])
    if name not in parts:
        name = rng.choice(sorted(parts))
    data = parts[name]
    return write_parts({**parts, name: data[: rng.randrange(len(data) + 1)]}, rng)


def truncate_file(parts: Parts, rng: random.Random) -> bytes:
    data = write_parts(parts, rng)
    return data[: rng.randrange(len(data))]


def flip_bytes(parts: Parts, rng: random.Random) -> bytes:
    data = bytearray(write_parts(parts, rng))
    for _ in range(rng.randint(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _edit_xml(parts: Parts, rng: random.Random, name: str, edit: Callable[[str], str]) -> bytes:
    if name not in parts:
        return write_parts(parts, rng)
    text = parts[name].decode("utf-8", "replace")
    return write_parts({**parts, name: edit(text).encode("utf-8")}, rng)


def huge_dimension(parts: Parts, rng: random.Random) -> bytes:
    ref = rng.choice(["A1:XFD1048576", "A1:ZZZZ99999999", "A1:A1048577", "XFD1048576"])
    return _edit_xml(parts, rng, rng.choice(_sheet_names(parts)),
                     lambda t: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', t))


def far_cell(parts: Parts, rng: random.Random) -> bytes:
    ref = rng.choice(["XFD1048576", "A1048576", "AAA999999", "ZZZ1"])
    return _edit_xml(parts, rng, rng.choice(_sheet_names(parts)),
                     lambda t: t.replace("</sheetData>", f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}">'
                                                         f'<c r="{ref}"><v>1</v></c></row></sheetData>', 1))


def bad_references(parts: Parts, rng: random.Random) -> bytes:
    def edit(text: str) -> str:
        refs = re.findall(r' r="([A-Z]+\d+)"', text)
        for ref in rng.sample(refs, min(len(refs), rng.randint(1, 5))):
            text = text.replace(f' r="{ref}"', f' r="{rng.choice(["A0", "0A", "", "A-1", "AAAAA1", "A99999999999"])}"', 1)
        return text
    return _edit_xml(parts, rng, rng.choice(_sheet_names(parts)), edit)


def shared_string_index(parts: Parts, rng: random.Random) -> bytes:
    def edit(text: str) -> str:
        return re.sub(r'(<c [^>]*t="s"[^>]*>)<v>\d+</v>',
                      lambda m: m.group(1) + f"<v>{rng.choice([-1, 999999, 2**40, 'x'])}</v>"
                      if rng.random() < 0.3 else m.group(0), text)
    return _edit_xml(parts, rng, rng.choice(_sheet_names(parts)), edit)


def style_index(parts: Parts, rng: random.Random) -> bytes:
    return _edit_xml(parts, rng, rng.choice(_sheet_names(parts)),
                     lambda t: re.sub(r' s="\d+"', lambda m: f' s="{rng.choice([-1, 99999, 2**31])}"'
                                      if rng.random() < 0.3 else m.group(0), t))


def attribute_noise(parts: Parts, rng: random.Random) -> bytes:
    name = rng.choice(sorted(n for n in parts if n.endswith(".xml") or n.endswith(".rels")))
    return _edit_xml(parts, rng, name, lambda t: re.sub(
        r'="([^"]*)"', lambda m: f'="{rng.choice(["", "-1", "xyz", "9" * 30, m.group(1) * 2])}"'
        if rng.random() < 0.05 else m.group(0), t))


def cell_values(parts: Parts, rng: random.Random) -> bytes:
    """Numbers replaced with edge numbers; inline strings with error values and odd text."""
    def edit(text: str) -> str:
        def number(m: re.Match[str]) -> str:
            if rng.random() >= 0.3:
                return m.group(0)
            value = rng.choice(EDGE_VALUES + ERROR_VALUES + ODD_TEXT)
            value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            if rng.random() < 0.5:
                return f'{m.group(1)}<v>{value}</v>'
            return f'{m.group(1)[:-1]} t="{rng.choice(["e", "str", "inlineStr", "b", "n", "d"])}"><v>{value}</v>'
        return re.sub(r'(<c [^>]*>)<v>[^<]*</v>', number, text)
    return _edit_xml(parts, rng, rng.choice(_sheet_names(parts)), edit)


def shared_strings_text(parts: Parts, rng: random.Random) -> bytes:
    def edit(text: str) -> str:
        return re.sub(r"<t([^>]*)>([^<]*)</t>", lambda m: f"<t{m.group(1)}>"
                      f"{rng.choice(ODD_TEXT + ERROR_VALUES + EDGE_VALUES).replace('&', '&amp;').replace('<', '&lt;')}</t>"
                      if rng.random() < 0.2 else m.group(0), text)
    return _edit_xml(parts, rng, "xl/sharedStrings.xml", edit)


def recompress(parts: Parts, rng: random.Random) -> bytes:
    """Every part stored or compressed again with a method and level chosen at random (bzip2 and LZMA included:
    zipfile writes them, Excel does not)."""
    buffer = io.BytesIO()
    methods = [(zipfile.ZIP_STORED, None), (zipfile.ZIP_BZIP2, 9), (zipfile.ZIP_LZMA, None)] + \
        [(zipfile.ZIP_DEFLATED, level) for level in (0, 1, 9)]
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in parts.items():
            method, level = rng.choice(methods[:1] + methods[3:] if rng.random() < 0.7 else methods)
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=method, compresslevel=level)
    return buffer.getvalue()


def styles_xml(parts: Parts, rng: random.Random) -> bytes:
    """Number formats and cell formats in styles.xml made odd: codes, ids and counts out of range."""
    codes = ["", "@@@", "[Red]#,##0;;;", "0" * 300, "yyyy-mm-dd\\", "[$-F800]dddd", "#,##0.00_);[Red](#,##0.00)", '"""']

    def edit(text: str) -> str:
        text = re.sub(r'formatCode="[^"]*"', lambda m: f'formatCode="{rng.choice(codes).replace(chr(34), "&quot;")}"'
                      if rng.random() < 0.5 else m.group(0), text)
        text = re.sub(r'(numFmtId|fontId|fillId|borderId|xfId)="\d+"',
                      lambda m: f'{m.group(1)}="{rng.choice([-1, 999, 2**31, 164])}"' if rng.random() < 0.2 else m.group(0),
                      text)
        return re.sub(r' count="\d+"', lambda m: f' count="{rng.choice([0, 1, 10**9])}"' if rng.random() < 0.3
                      else m.group(0), text)
    return _edit_xml(parts, rng, "xl/styles.xml", edit)


def many_rows(parts: Parts, rng: random.Random) -> bytes:
    """Thousands of rows appended below a sheet's table (over the [limits] rows bound), some reaching column ZZ."""
    count, start = rng.choice([6000, 20000]), 1000

    def row(r: int) -> str:
        far = f'<c r="ZZ{r}"><v>1</v></c>' if r % 97 == 0 else ""
        return f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>行{r}</t></is></c>{far}</row>'
    rows = "".join(row(r) for r in range(start, start + count))
    return _edit_xml(parts, rng, rng.choice(_sheet_names(parts)),
                     lambda t: t.replace("</sheetData>", rows + "</sheetData>", 1))


MUTATIONS: dict[str, Callable[[Parts, random.Random], bytes]] = {
    f.__name__: f for f in (drop_part, duplicate_part, truncate_part, truncate_file, flip_bytes, recompress,
                            huge_dimension, far_cell, bad_references, shared_string_index, style_index, styles_xml,
                            attribute_noise, cell_values, shared_strings_text, many_rows)
}


def mutate(data: bytes, rng: random.Random, rounds: int = 1) -> tuple[str, bytes]:
    """One mutated workbook and the names of the mutations applied."""
    names = []
    for _ in range(rounds):
        try:
            parts = read_parts(data)
        except Exception:  # noqa: BLE001 - damaged already (any zipfile error): no further round
            break
        name = rng.choice(sorted(MUTATIONS))
        data = MUTATIONS[name](parts, rng)
        names.append(name)
    return "+".join(names) or "none", data

"""Just enough of the xlsx package to read forms safely: which part holds which sheet, how far a
sheet's cells really extend, merged ranges, and formulas with their cached values.

python-calamine returns cached values but not formulas, and it allocates the whole rectangle up
to the farthest cell before returning (a single cell at XFD1048576 aborts the process: upstream
tafia/calamine#693, still open), so every sheet part is scanned here first and parts that reach
far are streamed with openpyxl instead. Parts are read through a size-bounded stream; nothing is
extracted to disk and external links are never followed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from perfxl.forms.read.sniff import DEFAULT_LIMITS, Limits, read_member

_SHEET_TAG = re.compile(rb"sheet(?<=[<:]sheet)\s([^>]*+)>")  # literal first: a fast search
_REL_TAG = re.compile(rb"Relationship(?<=[<:]Relationship)\s([^>]*+)>")
_ATTR_TEXT = re.compile(r'([\w:]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')', re.ASCII)
_ROW_NUM = re.compile(rb"""<(?:[\w.-]+:)?row\s[^>]*?\br\s*=\s*["']([0-9]+)""")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+)(?::([A-Z]+[0-9]+))?"')
_FORMULA = re.compile(
    rb"<(?:\w+:)?c\s([^>]*?)>\s*<(?:\w+:)?f(?:\s([^>]*?))?(?:/>|>([^<]*)</(?:\w+:)?f>)"
    rb"(?:\s*<(?:\w+:)?v(?:\s*/>|>([^<]*)</(?:\w+:)?v>))?"
)
_REF = re.compile(r"([A-Z]{1,4})([0-9]{1,8})")
# The safety scan's fast path, one pass over the part: every cell tag must start exactly `<c r="A1"` …
# `<c r="Z999"` (one letter, at most three digits, double quotes, r first — as Excel, WPS, LibreOffice
# and openpyxl write them); the same pass collects the formulas of those cells. Any other cell tag
# (a longer or lower-case reference, r not first, single quotes, spaces around =, no r at all) matches
# with an empty first group and sends the part to the exact measurement. Possessive quantifiers: no
# backtracking over the many non-formula cells.
_CELLS = re.compile(
    rb'<c(?: r="([A-Z][0-9]{1,3}+)")?+'
    rb"(?(1)([^>]*+)>\s*+<f([^>/]*+)(?:/>|>([^<]*+)</f>)\s*+(?:<v>([^<]*+)</v>|<v ?/>)?|(?=[\s/>]))"
)
# … and no cell may carry a second r (calamine takes the last one) or an r after other whitespace:
# an r attribute anywhere but right after `<c ` / `<row ` sends the part to the exact measurement.
# (Separate searches with a literal start are each several times faster than one combined regex.)
_STRAY_R = re.compile(rb"r(?<=\sr)(?<!<c r)(?<!:c r)(?<!<row r)(?<!:row r)\s*=")
_PREFIXED = re.compile(rb":c[\s/>]")  # namespace-prefixed cells (<x:c …>)
# Exact measurement: references of cells written the plain way, then every other cell tag one by one.
_PLAIN_REF = re.compile(rb'<(?:[\w.-]+:)?c r="([A-Z]{1,3}+)([0-9]{1,7}+)"(?=[\s/>])')
_ODD_CELL = re.compile(rb'<(?:[\w.-]+:)?c(?=[\s/>])(?! r="[A-Z]{1,3}+[0-9]{1,7}+"[\s/>])')
_ANY_CELL = re.compile(rb"<(?:[\w.-]+:)?c(?=[\s/>])")
_CELL_TAG = re.compile(rb"""<(?:[\w.-]+:)?c((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?>""")
_TAG_ATTR = re.compile(rb"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ANY_REF = re.compile(rb"([A-Za-z]{1,3})0*([0-9]{1,7})")
_XFS_START = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>")
_XFS_END = re.compile(rb"</(?:\w+:)?cellXfs>")
# (Literal first, tag start checked behind: a search for "xf" is much faster than one for "<".)
_XF = re.compile(rb'xf(?<=[<:]xf)\b(?:\s+numFmtId="([0-9]+)")?([^>]*)')
_NUMFMT = re.compile(rb"numFmt(?<=[<:]numFmt)\s([^>]*?)/?>")
_PERCENT_FORMATS = {9, 10}


def col_index(letters: str) -> int:
    """'A' → 0, 'AA' → 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def col_letters(index: int) -> str:
    """0 → 'A', 26 → 'AA'."""
    return _LETTERS[index] if 0 <= index < len(_LETTERS) else _letters(index)


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


_LETTERS = tuple(_letters(i) for i in range(702))  # A … ZZ


def cell_name(row: int, col: int) -> str:
    """(0, 0) → 'A1'."""
    return (_LETTERS[col] if 0 <= col < 702 else col_letters(col)) + str(row + 1)


def parse_ref(ref: str) -> tuple[int, int]:
    """'H15' → (14, 7)."""
    m = _REF.fullmatch(ref.replace("$", "").upper())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)) - 1, col_index(m.group(1))


def _attrs(blob: bytes) -> dict[str, str]:
    out = {}
    for key, v1, v2 in _ATTR_TEXT.findall(blob.decode("utf-8", "replace")):
        value = v1 or v2
        out[key.rpartition(":")[2]] = unescape(value) if "&" in value else value
    return out


def xml_text(raw: bytes) -> str:
    """Text of an XML attribute or element (UTF-8, the five predefined entities and character
    references resolved)."""
    text = raw.decode("utf-8", "replace")
    if "&" not in text:
        return text
    if text.count("&") == text.count("&lt;") + text.count("&gt;") + text.count("&amp;") + text.count(
            "&quot;") + text.count("&apos;"):
        return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                .replace("&apos;", "'").replace("&amp;", "&"))
    return unescape(text)


# A Formulas entry: the match of a cell with its formula, as (cell name, <c> attributes, <f> attributes,
# formula text, cached <v> text), all bytes.
_C_ATTRS, _F_ATTRS, _F_TEXT, _V_TEXT = 1, 2, 3, 4


class Formulas(Mapping):
    """(row, col) → formula text ("=…") of a sheet's formula cells, and which lack a cached value.

    Built from one regex pass; everything else is lazy: texts are decoded on first access, shared
    formulas (`<f t="shared" si="0"/>`, what Excel writes when a formula is filled down) are
    translated from their master cell only when asked for, and the uncached set is computed once.
    """

    __slots__ = ("_entries", "_done", "_masters", "_uncached")

    def __init__(self, entries: dict[str, tuple[bytes, ...]] | None = None):
        # cell name -> (name, <c> attributes, <f> attributes, formula text, cached <v> text)
        self._entries = entries or {}
        self._done: dict[str, str] = {}
        self._masters: dict[bytes, str] | None = None
        self._uncached: set[str] | None = None

    def text(self, name: str) -> str | None:
        """The formula of cell `name` ("H15"), or None when it holds no formula."""
        done = self._done.get(name)
        if done is not None:
            return done
        entry = self._entries.get(name)
        if entry is None:
            return None
        f_text = entry[_F_TEXT]
        if f_text:
            formula = "=" + xml_text(f_text)
        else:
            formula = self._translate(name, _attr_bytes(entry[_F_ATTRS], b"si"))
        self._done[name] = formula
        return formula

    def texts(self, names: Iterable[str]) -> dict[str, str]:
        """{name: formula} for those of `names` that hold a formula; the texts decoded in one go."""
        out: dict[str, str] = {}
        raw: list[tuple[str, bytes]] = []
        for name in names:
            done = self._done.get(name)
            if done is not None:
                out[name] = done
                continue
            entry = self._entries.get(name)
            if entry is None:
                continue
            if entry[_F_TEXT]:
                raw.append((name, entry[_F_TEXT]))
            else:
                out[name] = self.text(name)  # a shared formula: translated from its master
        if raw:
            joined = xml_text(b"\x00".join([text for _, text in raw]))  # NUL: never in XML text …
            parts = joined.split("\x00")
            if len(parts) != len(raw):  # … unless the part is malformed: one by one, then
                parts = [xml_text(text) for _, text in raw]
            for (name, _), text in zip(raw, parts, strict=True):
                out[name] = self._done[name] = "=" + text
        return out

    def _translate(self, name: str, si: bytes | None) -> str:
        if self._masters is None:
            self._masters = {_attr_bytes(e[_F_ATTRS], b"si"): n for n, e in self._entries.items()
                             if e[_F_TEXT] and e[_F_ATTRS].find(b"shared") >= 0}
        master = self._masters.get(si) if si is not None else None
        origin = self.text(master) if master else None
        if not origin:
            return "="
        try:
            from openpyxl.formula.translate import Translator

            return Translator(origin, origin=master).translate_formula(name)
        except Exception:  # noqa: BLE001 - an odd formula must not stop the read
            return origin

    @property
    def names(self):
        """Names of the formula cells ("H15", …)."""
        return self._entries.keys()

    @property
    def uncached_names(self) -> set[str]:
        """Formula cells without a cached value: the file was never calculated by a spreadsheet."""
        if self._uncached is None:
            entries = self._entries
            empty = [name for name, e in entries.items() if not e[_V_TEXT]]
            # An empty text result (t="str" / "inlineStr") is a cached value. Usually no such cell: one
            # search over all their attributes instead of two per cell.
            attrs = b"".join([entries[name][_C_ATTRS] for name in empty])
            if attrs.find(b'"str"') >= 0 or attrs.find(b'"inlineStr"') >= 0:
                empty = [name for name in empty if not _text_type(entries[name][_C_ATTRS])]
            self._uncached = set(empty)
        return self._uncached

    @property
    def uncached(self) -> set[tuple[int, int]]:
        return {parse_ref(name) for name in self.uncached_names}

    def cached_value(self, pos: tuple[int, int]) -> object:
        """The value the file carries for a formula cell (None when it was never calculated)."""
        name = cell_name(*pos)
        entry = self._entries.get(name)
        if entry is None or name in self.uncached_names:
            return None
        kind = (_attr_bytes(entry[_C_ATTRS], b"t") or b"n").decode("ascii", "replace")
        return _typed(xml_text(entry[_V_TEXT]), kind)

    def get(self, pos, default=None):
        text = self.text(cell_name(*pos)) if isinstance(pos, tuple) else None
        return default if text is None else text

    def __getitem__(self, pos: tuple[int, int]) -> str:
        text = self.get(pos)
        if text is None:
            raise KeyError(pos)
        return text

    def __contains__(self, pos: object) -> bool:
        return isinstance(pos, tuple) and cell_name(*pos) in self._entries

    def __iter__(self):
        return (parse_ref(name) for name in self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def _text_type(c_attrs: bytes) -> bool:
    return c_attrs.find(b'"str"') >= 0 or c_attrs.find(b'"inlineStr"') >= 0


def _attr_bytes(blob: bytes, name: bytes) -> bytes | None:
    """The value of attribute `name` in a tag's attribute bytes (first occurrence, word boundary)."""
    key = b" " + name + b'="'
    at = (b" " + blob).find(key)
    if at < 0:
        return None
    start = at + len(key) - 1
    return blob[start : blob.find(b'"', start)]


@dataclass(slots=True)
class SheetScan:
    rows: int = 0  # 1-based extent of cells that exist in the part (0 with `small`: not measured)
    cols: int = 0
    small: bool = False  # quick check: every cell within Z999, so the extent needs no measuring
    refless: bool = False  # cells without an r attribute: extent unknown, stream instead
    too_big: bool = False  # part larger than the limit: not scanned, stream instead
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 (0-based)
    formulas: Formulas = field(default_factory=Formulas)
    data: bytes = b""  # the part, kept for the lazy %-format scan
    styles: object = None  # callable returning the percent style indices (read on first need)

    def fits(self, limits: Limits) -> bool:
        if self.too_big or self.refless:
            return False
        return self.small or (self.rows <= limits.max_rows * 2 and self.cols <= limits.max_cols)

    def percent(self) -> PercentCells:
        return PercentCells(self.data, self.styles, self.small)


class PercentCells:
    """`(row, col) in cells`: is that cell formatted as a percentage? The reader asks about a few
    numbers only, so each question is one search for that cell; after many questions the whole
    part is scanned once instead."""

    __slots__ = ("_data", "_styles", "_small", "_known", "_all", "_asked", "_at")

    def __init__(self, data: bytes, styles, small: bool):
        self._data, self._styles, self._small = data, styles, small
        self._known: dict[tuple[int, int], bool] = {}
        self._all: set[tuple[int, int]] | None = None
        self._asked = 0
        self._at = 0  # where the last cell asked about was found

    def _style_ids(self) -> tuple[str, ...]:
        if callable(self._styles):
            self._styles = self._styles()
        return self._styles or ()

    def __contains__(self, pos: object) -> bool:
        if self._all is not None:
            return pos in self._all
        known = self._known.get(pos)  # type: ignore[arg-type]
        if known is not None:
            return known
        if not self._data or not isinstance(pos, tuple):
            return False
        self._asked += 1
        if self._asked > 8 or not self._small:
            styles = self._style_ids()
            self._all = self._scan(styles) if styles else set()
            return pos in self._all
        styles = self._style_ids()
        if not styles:  # no percentage format in the workbook
            return False
        # Every cell of a `small` part starts `<c r="A1"`: find the cell's tag, read its s attribute.
        # Questions come in reading order, so the search starts where the last answer was found.
        data, tag = self._data, b'<c r="' + cell_name(*pos).encode() + b'"'
        at = data.find(tag, self._at)
        if at < 0:
            at = data.find(tag, 0, self._at + len(tag))
        else:
            self._at = at
        style = _attr_bytes(data[at + 3 : data.find(b">", at)], b"s") if at >= 0 else None
        result = self._known[pos] = style is not None and style.decode() in styles
        return result

    def _scan(self, styles: tuple[str, ...]) -> set[tuple[int, int]]:
        styled = "|".join(styles).encode()
        if self._small:
            pattern = rb'<c r="([A-Z]{1,3}[0-9]{1,7})" s="(?:' + styled + rb')"'
        else:
            pattern = rb'<(?:\w+:)?c\s(?=[^>]*?\bs="(?:' + styled + rb')")[^>]*?\br="([A-Z]+[0-9]+)"'
        return {parse_ref(name.decode()) for name in re.findall(pattern, self._data)}

    def __iter__(self):
        styles = self._style_ids()
        if self._all is None:
            self._all = self._scan(styles) if styles and self._data else set()
        return iter(self._all)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(frozen=True, slots=True)
class SheetPart:
    name: str
    part: str  # zip member, e.g. "xl/worksheets/sheet1.xml"
    state: str = "visible"  # visible / hidden / veryHidden


class Package:
    """An opened xlsx zip (already checked by `sniff`). Use as a context manager."""

    def __init__(self, path: str | Path, workbook_part: str = "xl/workbook.xml", limits: Limits = DEFAULT_LIMITS,
                 zf: zipfile.ZipFile | None = None):
        self.path = path if isinstance(path, Path) else Path(path)
        self.limits = limits
        self.zip = zf if zf is not None else zipfile.ZipFile(self.path)  # adopted: closed by close()
        self._infos = {info.filename: info for info in self.zip.infolist()}
        self.members = {name: info.file_size for name, info in self._infos.items()}
        self.workbook_part = workbook_part
        self._sheets: list[SheetPart] | None = None
        self.openpyxl_book = None  # set by grid.load_openpyxl when a sheet is streamed
        self._percent_styles: tuple[str, ...] | None = None

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.zip.close()

    def read(self, member: str, limit: int | None = None) -> bytes | None:
        """A member's bytes, or None when absent or larger than `limit` (checked while inflating)."""
        if member not in self.members:
            return None
        limit = self.limits.max_sheet_xml if limit is None else limit
        if self.members[member] > limit:
            return None
        data = read_member(self.zip, self._infos[member], limit)
        return None if len(data) > limit else data

    @property
    def sheets(self) -> list[SheetPart]:
        """Worksheets in workbook order (chart sheets excluded)."""
        if self._sheets is None:
            self._sheets = self._read_sheets()
        return self._sheets

    def _read_sheets(self) -> list[SheetPart]:
        book = self.read(self.workbook_part) or b""
        base = self.workbook_part.rsplit("/", 1)[0] if "/" in self.workbook_part else ""
        rels_name = f"{base}/_rels/{self.workbook_part.rsplit('/', 1)[-1]}.rels" if base else "_rels/workbook.xml.rels"
        targets = {}
        for blob in _REL_TAG.findall(self.read(rels_name) or b""):
            if blob.find(b"worksheet") < 0:  # styles, theme, shared strings …
                continue
            attrs = _attrs(blob)
            if attrs.get("Type", "").endswith("/worksheet"):
                target = attrs.get("Target", "")
                part = target.lstrip("/") if target.startswith("/") else _join(base, target)
                targets[attrs.get("Id")] = part
        out = []
        for blob in _SHEET_TAG.findall(book):
            attrs = _attrs(blob)
            part = targets.get(attrs.get("id"))
            if part and part in self.members:
                out.append(SheetPart(attrs.get("name", ""), part, attrs.get("state", "visible")))
        return out

    def scan(self, sheet: SheetPart, merges: bool = True) -> SheetScan:
        data = self.read(sheet.part)
        if data is None:
            return SheetScan(too_big=True)
        return scan_sheet_xml(data, lambda: self.percent_styles, merges)

    @property
    def percent_styles(self) -> tuple[str, ...]:
        """Indices of cell formats (cellXfs) that display numbers as percentages."""
        if self._percent_styles is None:
            self._percent_styles = percent_styles(self.read("xl/styles.xml", 20 * 1024 * 1024) or b"")
        return self._percent_styles


def percent_styles(styles: bytes) -> tuple[str, ...]:
    percent_ids = set(_PERCENT_FORMATS)
    if styles.find(b"%") >= 0:  # custom number formats showing a percentage
        for blob in _NUMFMT.findall(styles):
            if blob.find(b"%") < 0:
                continue
            attrs = _attrs(blob)
            code = re.sub(r'"[^"]*"|\\.', "", attrs.get("formatCode", ""))
            if "%" in code and attrs.get("numFmtId", "").isdigit():
                percent_ids.add(int(attrs["numFmtId"]))
    start = _XFS_START.search(styles, max(styles.find(b"cellXfs") - 200, 0))
    if start is None:
        return ()
    end = _XFS_END.search(styles, start.end())
    found = _XF.findall(styles, start.end(), end.start() if end else len(styles))
    fmts = [fmt or _format_id(rest) for fmt, rest in found]  # numFmtId, usually the first attribute
    wanted = {str(n).encode() for n in percent_ids}
    return tuple(str(i) for i, fmt in enumerate(fmts)
                 if fmt in wanted or fmt[:1] == b"0" and fmt.isdigit() and int(fmt) in percent_ids)


def _format_id(attrs: bytes) -> bytes:
    at = attrs.find(b'numFmtId="') + 10
    return attrs[at : attrs.find(b'"', at)] if at >= 10 else b""


def _join(base: str, target: str) -> str:
    parts = [p for p in (base.split("/") if base else [])] + target.split("/")
    out: list[str] = []
    for p in parts:
        if p == "..":
            if out:
                out.pop()
        elif p and p != ".":
            out.append(p)
    return "/".join(out)


def scan_sheet_xml(data: bytes, percent_styles=(), merges: bool = True) -> SheetScan:
    """Extent, merged ranges and formulas of one worksheet part, without a full XML parse.

    Fast path: one pass proves that every cell starts `<c r="…"` (as Excel, WPS, LibreOffice
    and openpyxl write them) and lies within Z999, and collects the formulas. Anything else is
    measured exactly.
    """
    scan = SheetScan(data=data, styles=percent_styles)
    found = _CELLS.findall(data)
    if b"" not in [m[0] for m in found] and _STRAY_R.search(data) is None and _PREFIXED.search(data) is None:
        scan.small = True
        if found:
            names = b" ".join([m[0] for m in found]).decode().split()
            scan.formulas = Formulas(dict(zip(names, found, strict=True)))
    else:
        _measure(data, scan)
        if data.find(b"</f>") >= 0 or data.find(b"<f ") >= 0 or data.find(b":f ") >= 0:
            scan.formulas = Formulas(_formulas(data))
    if merges:
        at = data.find(b"mergeCells")
        if at >= 0:
            for first, last in _MERGE.findall(data, at):
                r1, c1 = parse_ref(first.decode())
                r2, c2 = parse_ref(last.decode()) if last else (r1, c1)
                scan.merged.append((r1, c1, r2, c2))
    return scan


_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\s([^>]*?\bt="e"[^>]*)(?<!/)>(.*?)</(?:\w+:)?c>', re.S)
_V = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def error_cells(data: bytes) -> dict[tuple[int, int], str]:
    """Cells holding an Excel error value (#DIV/0!, #REF! …) → that text. python-calamine reads them as
    empty cells; the reader must see them to report them. One search when the part has none."""
    if data.find(b't="e"') < 0:
        return {}
    out = {}
    for attrs, body in _ERROR_CELL.findall(data):
        ref, value = _attr_bytes(attrs, b"r"), _V.search(body)
        if ref and value:
            try:
                out[parse_ref(ref.decode().upper())] = xml_text(value.group(1))
            except ValueError:
                continue
    return out


def _measure(data: bytes, scan: SheetScan) -> None:
    """The exact extent of the cells, and whether some cell has no usable r attribute (`refless`: its
    position would follow from its place in the file, so the part is streamed rather than loaded)."""
    rows = cols = 0
    refs = _PLAIN_REF.findall(data)
    if _STRAY_R.search(data) is not None:  # a second r in some tag: look at every cell
        refs, odd = [], _ANY_CELL.finditer(data)
    else:
        odd = _ODD_CELL.finditer(data)
    for m in odd:
        ref = _cell_tag_ref(data, m.start())
        if ref is None:
            scan.refless = True
            break
        refs.append(ref)
    if refs:
        letters, numbers = zip(*refs, strict=True)
        cols = max(col_index(s.decode().upper()) for s in set(letters)) + 1
        rows = max(map(int, set(numbers)))
    row_numbers = _ROW_NUM.findall(data)
    if row_numbers:
        rows = max(rows, max(map(int, set(row_numbers))))
    scan.rows, scan.cols = rows, cols


def _cell_tag_ref(data: bytes, at: int) -> tuple[bytes, bytes] | None:
    """(letters, digits) of the one plain r attribute of the cell tag at `at`; None when the tag has
    none, several, or one that is not a plain reference."""
    tag = _CELL_TAG.match(data, at)
    if tag is None:
        return None
    refs = [v1 or v2 for name, v1, v2 in _TAG_ATTR.findall(tag.group(1)) if name == b"r"]
    m = _ANY_REF.fullmatch(refs[0]) if len(refs) == 1 else None
    return (m.group(1), m.group(2)) if m else None


def _formulas(data: bytes) -> dict[str, tuple[bytes, ...]]:
    out = {}
    for c_attrs, f_attrs, f_text, v_text in _FORMULA.findall(data):
        ref = _attr_bytes(c_attrs, b"r")
        if ref:
            name = ref.decode().upper()
            out[name] = (name.encode(), c_attrs, f_attrs, f_text, v_text)
    return out


def _typed(raw: str, kind: str) -> object:
    if kind == "b":
        return raw == "1"
    if kind in ("str", "inlineStr", "e", "d"):
        return raw
    try:
        return float(raw)
    except ValueError:
        return raw

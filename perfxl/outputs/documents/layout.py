"""GB/T 9704-2012 official-document layout with python-docx: page, fonts, paragraphs, tables, page numbers.

A4, margins top 37 / bottom 35 / left 28 / right 26 mm (版心 156 × 225 mm), 22 lines × 28 characters;
title 2号 小标宋, body 3号 仿宋_GB2312, headings 一、 黑体, （一） 楷体_GB2312, 1. 仿宋 bold; page numbers
"— 1 —" 4号 宋体 on the outer side (odd pages right, even pages left, one character in). Every run names
its East-Asian font (w:eastAsia), so Word and WPS never fall back to another font.
"""

import io
import re
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

# Font sizes (字号) in points.
SIZE_2, SIZE_3, SIZE_4, SIZE_SMALL_4 = 22.0, 16.0, 14.0, 12.0
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# Declared in the font table with an alternate name, so a machine without the GB2312 fonts substitutes
# the nearest common one instead of a random sans.
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING2_FONT: "楷体", HEADING1_FONT: "SimHei", PAGE_FONT: "SimSun"}

PAGE_W, PAGE_H = 210.0, 297.0
TOP, BOTTOM, LEFT, RIGHT = 37.0, 35.0, 28.0, 26.0
LINES, CHARS = 22, 28
MM_PT = 72 / 25.4
LINE_PITCH_PT = (PAGE_H - TOP - BOTTOM) * MM_PT / LINES  # 28.95 pt
CHAR_PITCH_PT = (PAGE_W - LEFT - RIGHT) * MM_PT / CHARS  # 15.79 pt
RED = RGBColor(0xE6, 0x00, 0x12)
FIXED_TIME = datetime(2026, 1, 1)  # core properties of built templates: reproducible bytes


def fonts(element, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set all four font slots on an rPr-bearing element (run or style)."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for slot, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        rfonts.set(qn(slot), name)
    rfonts.set(qn("w:hint"), "eastAsia")


class Builder:
    """A python-docx document laid out per GB/T 9704; methods append blocks whose text may hold jinja tags."""

    def __init__(self) -> None:
        self.doc = Document()
        self._page()
        self._styles()
        self._footers()
        self._font_table()

    # -- page, styles, footers -----------------------------------------------------------------
    def _page(self) -> None:
        s = self.doc.sections[0]
        s.page_width, s.page_height = Mm(PAGE_W), Mm(PAGE_H)
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(TOP), Mm(BOTTOM), Mm(LEFT), Mm(RIGHT)
        s.header_distance, s.footer_distance = Mm(15), Mm(21)  # 页码 7 mm below the 版心
        grid = s._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            s._sectPr.append(grid)
        # 22 lines: a line grid of 28.95 pt. 28 characters: 3号 (16 pt) runs condensed to the 15.79 pt pitch
        # (docDefaults below) — LibreOffice renders a Word character grid (linesAndChars) at two cells per
        # character, so the pitch is set on the characters, which Word, WPS and LibreOffice all honour.
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
        grid.attrib.pop(qn("w:charSpace"), None)

    def _styles(self) -> None:
        # The character grid's pitch is counted from the document-default size: make it 3号.
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(SIZE_3 * 2)))
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(round((CHAR_PITCH_PT - SIZE_3) * 20)))  # twentieths of a point: -4
        rpr.find(qn("w:sz")).addprevious(spacing)
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "zh-CN")
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for attr in list(rfonts.attrib):
            del rfonts.attrib[attr]
        for slot, name in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:eastAsia", BODY_FONT),
                           ("w:cs", LATIN_FONT)):
            rfonts.set(qn(slot), name)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(SIZE_3)
        fonts(normal.element, BODY_FONT)
        pf = normal.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(round(LINE_PITCH_PT, 2))
        pf.widow_control = False
        table_style = self.doc.styles["Table Grid"]
        fonts(table_style.element, BODY_FONT)

    def _footers(self) -> None:
        self.doc.settings.odd_and_even_pages_header_footer = True
        s = self.doc.sections[0]
        for footer, align, side in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                    (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            p.alignment = align
            setattr(p.paragraph_format, f"{side}_indent", Pt(SIZE_4))  # 空一字
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            self._run(p, "— ", PAGE_FONT, SIZE_4, latin=PAGE_FONT)  # 半角宋体阿拉伯数字 (§7.5.1)
            self._field(p, "PAGE", PAGE_FONT, SIZE_4)
            self._run(p, " —", PAGE_FONT, SIZE_4, latin=PAGE_FONT)
        for header in (s.header, s.even_page_header):
            header.is_linked_to_previous = False
            for p in header.paragraphs:
                for r in p.runs:
                    fonts(r._r, BODY_FONT)

    def _font_table(self) -> None:
        part = next(p for p in self.doc.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
        xml = part.blob.decode("utf-8")
        entries = "".join(
            f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="{"modern" if name == HEADING1_FONT else "roman"}"/><w:pitch w:val="variable"/></w:font>'
            for name, alt in FALLBACKS.items())
        part._blob = re.sub(r"(</w:fonts>)", entries + r"\1", xml).encode("utf-8")

    # -- runs and paragraphs -------------------------------------------------------------------
    @staticmethod
    def _run(paragraph, text: str, font: str, size: float, *, bold: bool = False, color: RGBColor | None = None,
             latin: str = LATIN_FONT):
        run = paragraph.add_run(text)
        fonts(run._r, font, latin)
        run.font.size = Pt(size)
        if bold:
            run.font.bold = True
        if color is not None:
            run.font.color.rgb = color
        return run

    def _field(self, paragraph, instruction: str, font: str, size: float) -> None:
        for kind in ("begin", "instr", "separate", "text", "end"):
            run = self._run(paragraph, "", font, size, latin=font)
            if kind == "instr":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = f" {instruction} "
            elif kind == "text":
                el = OxmlElement("w:t")
                el.text = "1"
            else:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            run._r.append(el)

    def _para(self, align=None, *, indent: float = 0.0, first_line: float = 0.0, right: float = 0.0,
              spacing: float | None = None, keep_next: bool = False, before: float = 0.0):
        p = self.doc.add_paragraph()
        pf = p.paragraph_format
        if align is not None:
            p.alignment = align
        if indent:
            pf.left_indent = Pt(indent)
        if first_line:
            pf.first_line_indent = Pt(first_line)
        if right:
            pf.right_indent = Pt(right)
        if spacing is not None:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(spacing)
        if before:
            pf.space_before = Pt(before)
        if keep_next:
            pf.keep_with_next = True
        return p

    def tag(self, text: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears when rendered."""
        self._run(self._para(), text, BODY_FONT, SIZE_3)

    def masthead(self) -> None:
        """版头: 发文机关标志 in red, 发文字号 centred, a red separator line (GB/T 9704 §7.2)."""
        p = self._para(WD_ALIGN_PARAGRAPH.CENTER, spacing=48)
        self._run(p, "{{ issuer }}", TITLE_FONT, 36.0, color=RED)
        self._para()
        p = self._para(WD_ALIGN_PARAGRAPH.CENTER)
        self._run(p, "{{ number }}", BODY_FONT, SIZE_3)
        ppr = p._p.get_or_add_pPr()
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "16"), ("w:space", "8"), ("w:color", "E60012")):
            bottom.set(qn(key), value)
        border.append(bottom)
        ppr.insert(0, border)

    def title(self, text: str, *, blank_before: bool = True) -> None:
        if blank_before:
            self._para()
        p = self._para(WD_ALIGN_PARAGRAPH.CENTER, spacing=round(LINE_PITCH_PT * 1.2, 2))
        off = OxmlElement("w:snapToGrid")  # 2号 lines off the 3号 grid, else each takes two grid lines
        off.set(qn("w:val"), "0")
        p._p.get_or_add_pPr().find(qn("w:spacing")).addprevious(off)
        self._run(p, text, TITLE_FONT, SIZE_2)
        self._para()

    def subtitle(self, text: str) -> None:
        p = self._para(WD_ALIGN_PARAGRAPH.CENTER)
        self._run(p, text, HEADING2_FONT, SIZE_3)

    def addressee(self, text: str) -> None:
        """主送机关: flush left, ends with a full-width colon."""
        self._run(self._para(), text, BODY_FONT, SIZE_3)

    def heading1(self, text: str) -> None:
        self._run(self._para(first_line=2 * SIZE_3, keep_next=True), text, HEADING1_FONT, SIZE_3)

    def heading2(self, text: str) -> None:
        self._run(self._para(first_line=2 * SIZE_3, keep_next=True), text, HEADING2_FONT, SIZE_3)

    def body(self, *parts: str | tuple[str, str]) -> None:
        """A body paragraph, first line indented two characters. A part is text or ("bold", text)."""
        p = self._para(WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=2 * SIZE_3)
        for part in parts:
            if isinstance(part, tuple):
                self._run(p, part[1], BODY_FONT, SIZE_3, bold=True)
            else:
                self._run(p, part, BODY_FONT, SIZE_3)

    def attachments(self, names: list[str]) -> None:
        """附件说明: "附件：1. …" with later items aligned under the first (GB/T 9704 §7.3.3)."""
        self._para()
        for i, name in enumerate(names):
            lead = "附件：" if i == 0 else ""
            p = self._para(first_line=2 * SIZE_3, indent=5 * SIZE_3 if i else 0.0)
            if i:
                p.paragraph_format.first_line_indent = Pt(0)
            self._run(p, f"{lead}{i + 1}. {name}", BODY_FONT, SIZE_3)

    def signature(self, name: str, day: str, *, blank_lines: int = 2) -> None:
        """落款 and 成文日期: right side, the date four characters in from the right margin (§7.3.5.2)."""
        for _ in range(blank_lines):
            self._para()
        self._run(self._para(WD_ALIGN_PARAGRAPH.RIGHT, right=4 * SIZE_3), name, BODY_FONT, SIZE_3)
        self._run(self._para(WD_ALIGN_PARAGRAPH.RIGHT, right=4 * SIZE_3), day, BODY_FONT, SIZE_3)

    def note(self, text: str) -> None:
        """附注 in parentheses, two characters in (§7.3.6)."""
        self._run(self._para(first_line=2 * SIZE_3), text, BODY_FONT, SIZE_3)

    def page_break(self) -> None:
        p = self._para()
        run = self._run(p, "", BODY_FONT, SIZE_3)
        run.add_break(WD_BREAK.PAGE)

    def attachment_label(self, text: str) -> None:
        """"附件1" at the top left of an attachment page, 3号 黑体 (§7.3.7)."""
        self._run(self._para(), text, HEADING1_FONT, SIZE_3)

    def line(self, text: str, *, align=None) -> None:
        self._run(self._para(align), text, BODY_FONT, SIZE_3)

    def image(self, expression: str) -> None:
        """A centred paragraph whose only run is an image expression ({{ chart }}); single line spacing, so
        Word does not clip the picture to the body's exact 28.99 pt lines."""
        p = self._para(WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        self._run(p, expression, BODY_FONT, SIZE_3)

    def table(self, headers: list[str], cells: list[str], loop: str | None, *, widths: list[float],
              left: tuple[int, ...] = (), size: float = SIZE_SMALL_4) -> None:
        """A grid table: a header row, then `cells` (one row; repeated by the {%tr loop %} when given).

        Columns in `left` (text) are left-aligned, the others (figures) centred.
        """
        rows = 1 + (3 if loop else 1)
        table = self.doc.add_table(rows=rows, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False  # fixed layout: the column widths below hold in Word, WPS and LibreOffice
        contents = [headers]
        if loop:
            contents += [[f"{{%tr for {loop} %}}"] + [""] * (len(headers) - 1), cells,
                         ["{%tr endfor %}"] + [""] * (len(headers) - 1)]
        else:
            contents.append(cells)
        for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            col.w = Mm(width)
        for r, (row, texts) in enumerate(zip(table.rows, contents, strict=True)):
            if r == 0:
                trpr = row._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                trpr.append(header)
            for c, (cell, width, text) in enumerate(zip(row.cells, widths, texts, strict=True)):
                cell.width = Mm(width)
                p = cell.paragraphs[0]
                p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
                p.paragraph_format.line_spacing = Pt(size + 6)
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT if r > 0 and c in left else WD_ALIGN_PARAGRAPH.CENTER
                self._run(p, text, HEADING1_FONT if r == 0 else BODY_FONT, size)
        self._para(spacing=12)

    # -- output --------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The .docx bytes, reproducible: fixed core properties and zip timestamps; `{{` runs keep spaces."""
        props = self.doc.core_properties
        props.author = props.last_modified_by = "perfxl"
        props.created = props.modified = FIXED_TIME
        props.revision = 1
        raw = io.BytesIO()
        self.doc.save(raw)
        src = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
                data = src.read(name)
                if name.startswith("word/") and name.endswith(".xml"):
                    data = data.replace(b"<w:t>", b'<w:t xml:space="preserve">')
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(info, data)
        return out.getvalue()

"""The label pass: one walk over a sheet's cells collecting every cell whose text is a known label.

A cell is a label when its text, normalised by `labels.norm` (or found verbatim in the printed
labels), is in the vocabulary of some form kind: a dict lookup per text cell, no per-cell regex.
The pass also finds the title (hence the kind), the year and the N of 1—N月 headers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress

from perfxl.domain import FormKind
from perfxl.domain.kinds import kind_by_title
from perfxl.forms.read.grid import Sheet
from perfxl.forms.read.labels import all_specs, any_label, month_of, norm, printed

MAX_LABEL = 28  # longer cells are data, not labels (keeps long goal texts out of the label pass)
TOP_ROWS = 6  # rows searched for the title and the year
_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")
_YEAR_DU = re.compile(r"((?:19|20)[0-9]{2})年度")


@dataclass(slots=True)
class Hit:
    row: int
    col: int
    label: str  # normalised
    value: str | None = None  # for "label：value" cells, the value part


@dataclass(slots=True)
class Scan:
    """The label pass over a sheet."""

    sheet: Sheet
    hits: list[Hit]
    by_row: dict[int, list[Hit]]
    spans: dict[tuple[int, int], tuple[int, int]]  # merged top-left -> (last row, last col)
    title: str | None = None
    title_kind: FormKind | None = None
    year: int | None = None
    month: int | None = None  # N of 1—N月 headers
    norms: dict[str, str] = field(default_factory=dict)  # the sheet's label-length texts → their norm

    def span_end(self, row: int, col: int) -> tuple[int, int]:
        return self.spans.get((row, col), (row, col))


def scan(sheet: Sheet) -> Scan:
    """Collect label hits, title, year and the 1—N月 month in one pass over the cells."""
    known = any_label()
    exact = printed()
    seen: dict[str, str] = {}  # this sheet's texts → norm ("" for texts too long to be labels)
    fold = norm.__wrapped__  # each text is seen once here: no need for norm's cache
    hits: list[Hit] = []
    by_row: dict[int, list[Hit]] = {}
    top: list[tuple[int, str]] = []
    top_end = TOP_ROWS + 4
    month = None
    for r, row in enumerate(sheet.rows):
        found = None
        for c, value in compress(enumerate(row), row):  # non-empty cells only, picked out in C
            if value.__class__ is not str:
                continue
            if r < top_end:
                top.append((r, value))
            n = seen.get(value)
            if n is None:
                n = seen[value] = (exact.get(value) or fold(value)) if len(value) <= MAX_LABEL else ""
            if n in known:
                hit = Hit(r, c, n)
                if month is None and "1-N月" in n:
                    month = month_of(value)
            elif ("：" in value or ":" in value) and (value.find("：", 0, 16) >= 0 or value.find(":", 0, 16) >= 0):
                more = _colon_hits(r, c, value, known)
                if not more:
                    continue
                hits.extend(more)
                if found is None:
                    found = by_row[r] = []
                found.extend(more)
                continue
            else:
                continue
            hits.append(hit)
            if found is None:
                found = by_row[r] = []
            found.append(hit)
    spans = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merged}
    result = Scan(sheet, hits, by_row, spans, month=month, norms=seen)
    _title_and_year(result, top[:60])
    return result


def _colon_hits(r: int, c: int, value: str, known: frozenset[str]) -> list[Hit]:
    """"label：value" cells, also several pairs in one cell ("主管部门：某局　实施单位：某中心"): one Hit each."""
    sep = "：" if "：" in value[:16] else ":"
    first = value.find(sep)
    n = norm(value[:first])
    if not (n in known or n == "单位"):
        return []
    labels = [(0, first, n)]  # (label start, colon position, norm label)
    if value.find("：", first + 1) >= 0 or value.find(":", first + 1) >= 0:  # more pairs in the cell?
        for i in [i for i in range(first + 1, len(value)) if value[i] in "：:"]:
            label = _label_before(value, labels[-1][1] + 1, i, known)
            if label is not None:
                labels.append((label[0], i, label[1]))
    hits = []
    for k, (_, colon, label) in enumerate(labels):
        end = labels[k + 1][0] if k + 1 < len(labels) else len(value)
        hits.append(Hit(r, c, label, value[colon + 1: end].strip() or None))
    return hits


def _label_before(value: str, start: int, colon: int, known: frozenset[str]) -> tuple[int, str] | None:
    """The longest known label ending just before `colon` (and after `start`): (its start, its norm)."""
    for begin in range(max(start, colon - MAX_LABEL), colon - 1):
        n = norm(value[begin:colon])
        if n in known and (begin == start or not value[begin - 1].isalnum() or len(n) >= 4):
            return begin, n
    return None


def _title_and_year(result: Scan, top: list[tuple[int, str]]) -> None:
    """The title (hence the kind) and the year, from the texts above the first label."""
    first_label_row = result.hits[0].row if result.hits else TOP_ROWS
    for r, text in top:
        if result.title_kind is None and r <= max(first_label_row, 1) and "表" in text and len(text) <= 80:
            kind = kind_by_title(text)
            if kind is not None:
                result.title, result.title_kind = "".join(text.split()), kind
        if result.year is None and r <= first_label_row:
            compact = "".join(text.split())
            m = _YEAR_DU.search(compact) or _YEAR.search(compact) if "年" in compact else None
            if m and ("年度" in compact or result.title_kind or len(compact) <= 16
                      or "表" in compact and kind_by_title(compact)):
                result.year = int(m.group(1))
    if result.year is None:  # the template writes the year as a number formatted （0年度）
        for row in result.sheet.rows[: min(first_label_row, TOP_ROWS)]:
            for value in row:
                if type(value) in (int, float) and float(value).is_integer() and 1990 <= value <= 2100:
                    result.year = int(value)
                    return


def detect_kind(s: Scan) -> tuple[FormKind | None, int]:
    """The kind whose labels this sheet shows most (title aside): (kind, distinct labels matched)."""
    found = {h.label for h in s.hits}
    best, best_score = None, 0
    for candidate in all_specs():
        table = candidate.indicators
        header_keys = {table.columns[n] for n in found if n in table.columns}
        if not {"name", "level1", "level2"} & header_keys or len(header_keys) < 3:
            continue
        matched = len(found & candidate.vocabulary) + 2 * len(found & candidate.signature)
        if matched > best_score:
            best, best_score = candidate.kind, matched
    return best, best_score

"""财预〔2015〕88号 goal forms print a 中期 indicator set beside the 年度 one (or as a table of its own below
it): which columns belong to which set, and each 中期 指标值 given to the 年度 indicator of the same 三级指标.
Nothing of the 中期 set is dropped silently: what is not read is a finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfxl.forms.read import coerce
from perfxl.forms.read.labels import TableSpec
from perfxl.forms.read.labelscan import Hit
from perfxl.forms.read.problems import finding
from perfxl.forms.read.sheetcells import SheetCells, TableCells, short

if TYPE_CHECKING:
    from perfxl.forms.read.tables import FoundTable

_MIDTERM_READ = frozenset({"name", "target", "level1", "level2", "direction", "unit"})  # of a 中期 table
_ANNUAL_CONTENT = ("target", "actual", "weight", "score", "progress")


class MidtermSets:
    """The 中期 side of a sheet's indicator tables; findings go to `cells.out`."""

    def __init__(self, cells: SheetCells):
        self.cells = cells
        self.scan = cells.scan
        self.out = cells.out

    def sides(self, r: int, occurrences: dict[str, list[int]]) -> dict:
        """Columns of a 中期 set printed beside the 年度 set: {col: "mid" | "annual", "bands": band cols}.

        Empty unless a key (三级指标 / 指标值) is printed twice on the header row. A band row above
        ("中期绩效指标 | 年度绩效指标") says which set is which; without one the left set is taken as 中期
        (the order of the 88号 form) and a T004 finding says so."""
        repeated = [cols for key, cols in occurrences.items() if key in ("name", "target") and len(cols) > 1]
        if not repeated:
            return {}
        # The nearest band row within four rows (the 88号 form itself heads the two sets with its
        # 总体目标 row, 中期目标（…） | 年度目标, above the goal texts).
        for rr in range(r - 1, max(r - 5, -1), -1):
            sides: dict = {}
            bands = []
            for c, text in self.cells.row_texts(rr):
                n = self.cells.norm(text)
                side = "mid" if "中期" in n else "annual" if "年度" in n or "当年" in n else None
                if side is not None:
                    if rr == r - 1:  # a band right above the header row is part of the header
                        bands.append(c)
                    for cc in range(c, self.scan.span_end(rr, c)[1] + 1):
                        sides[cc] = side
            covered = all(sides.get(c) for cols in occurrences.values() if len(cols) > 1 for c in cols)
            if covered and len({sides[c] for c in repeated[0]}) == 2:
                break
        else:
            sides, bands = {}, []
            for cols in occurrences.values():
                if len(cols) > 1:
                    left, right = min(cols), max(cols)
                    sides[left], sides[right] = "mid", "annual"
            where = self.cells.where(r, min(repeated[0]))
            detail = "绩效指标表有两组指标列但没有标明“中期”“年度”，已按左侧为中期、右侧为年度读取"
            self.out.findings.append(finding("T004", location=where, detail=detail))
        sides["bands"] = bands
        return sides

    def columns(self, mid: dict[str, Hit], cols: dict[str, int], table: TableSpec) -> dict[str, int]:
        """The 中期 set's columns the reader uses: 指标值 (as midterm_target), 三级指标 and the levels (to
        match rows); any other column of the set is reported, never silently dropped."""
        if not mid:
            return {}
        used = {}
        for key, h in mid.items():
            if key == "target" and "midterm_target" not in cols:
                used["midterm_target"] = h.col
            elif key in ("name", "level1", "level2"):
                used["_mid_" + key] = h.col
            else:
                where = self.cells.where(h.row, h.col)
                label = table.table.column(key).label if table.table.has(key) else key
                detail = f"中期指标的“{label}”列（{where}）未读取"
                self.out.findings.append(finding("T004", location=where, detail=detail))
        return used

    def match(self, kept: list[tuple[dict, dict, int]], mid: dict[str, int]) -> list[tuple[dict, dict, int]]:
        """Give each 年度 indicator the 中期 指标值 of the same 三级指标: on its own row when the names agree,
        else from the 中期 row of that name. A 中期 indicator without a 年度 one is kept as an indicator
        of its own (its 年度 target missing) and reported; nothing of the 中期 set is dropped silently."""
        mid_name_col, mid_target_col = mid.get("_mid_name"), mid.get("midterm_target")
        by_name = {item["name"]: item for item, _, _ in kept if item.get("name")}
        moved = []  # 中期 entries whose 三级指标 is not the 年度 one of their row
        for item, _, r in kept:
            mid_name = item.pop("_mid_name", None)
            levels = item.pop("_mid_level1", None), item.pop("_mid_level2", None)
            if mid_name is not None and mid_name != item.get("name"):
                moved.append((item, r, mid_name, levels, item.pop("midterm_target", None)))
        for item, r, mid_name, levels, target in moved:
            match = by_name.get(mid_name)
            if match is not None and match.get("midterm_target") is None:
                match["midterm_target"] = target
                if mid_target_col is not None:
                    match["_mid_cell"] = (r, mid_target_col)
            elif item.get("name") is None:  # a 中期 row beside no 年度 indicator: kept, its 年度 target missing
                item.update(name=mid_name, midterm_target=target, level1=item.get("level1") or levels[0],
                            level2=item.get("level2") or levels[1])
                self._finding(r, mid_name_col, mid_name, "年度绩效指标中没有同名指标，已作为单独的指标读取")
            else:
                self._finding(r, mid_name_col, mid_name,
                              f"与同行的年度指标“{short(item['name'])}”不同，年度绩效指标中也没有同名指标，"
                              f"其中期指标值“{short(target or '')}”未读取")
        return [(item, raw, r) for item, raw, r in kept
                if item.get("name") is not None or raw or any(map(item.get, _ANNUAL_CONTENT))]

    def _finding(self, r: int, c: int | None, mid_name: str, detail: str) -> None:
        where = self.cells.where(r, c if c is not None else 0)
        self.out.findings.append(finding("T014", location=where, name=short(mid_name), cell=where, detail=detail))

    def take_targets(self, table: TableSpec, place: FoundTable, where: TableCells, items: list[dict]) -> None:
        """A 中期 table printed apart from the 年度 one, read as `items` at `where`: each 指标值 becomes the
        midterm_target of the 年度 indicator with the same 三级指标; one without such an indicator, and any
        other column holding something, is reported."""
        for key, c in place.cols.items():
            if key not in _MIDTERM_READ and any(not coerce.blank(self.cells.value(int(n) - 1, c)) for n in where.rows):
                cell = self.cells.where(place.last_header_row, c)
                label = table.table.column(key).label if table.table.has(key) else key
                self.out.findings.append(finding("T004", location=cell, detail=f"中期指标的“{label}”列（{cell}）未读取"))
        by_name = {item.get("name"): j for j, item in enumerate(self.out.indicators) if item.get("name")}
        for i, item in enumerate(items):
            target = item.get("target")
            if target is None:
                continue
            cell, formula = where.locate(i, "target") or ("", None)
            j = by_name.get(item.get("name"))
            if j is None or self.out.indicators[j].get("midterm_target") is not None:
                self._finding(int(where.rows[i]) - 1, place.cols.get("name"), item.get("name") or "",
                              f"在年度绩效指标中没有同名指标，其中期指标值“{short(target)}”未读取")
                continue
            self.out.indicators[j]["midterm_target"] = target
            self.out.cells[f"indicators[{j}].midterm_target"] = (cell, formula)

"""Reader vocabulary collected from every layout: column, field and section labels with their regional
synonyms, and the regional text boxes our templates do not draw."""

from __future__ import annotations

from perfxl.forms.layout import LAYOUTS
from perfxl.forms.layout.spec import Field, Grid, Table, TextBlock


def _collect() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], tuple[str, ...]]:
    columns: dict[str, list[str]] = {}
    fields: dict[str, list[str]] = {}
    sections: list[str] = []

    def add(bucket: dict[str, list[str]], key: str, labels: tuple[str, ...]) -> None:
        seen = bucket.setdefault(key, [])
        seen.extend(lab for lab in labels if lab not in seen)

    for layout in LAYOUTS.values():
        for block in layout.blocks:
            if isinstance(block, Table):
                sections.extend(block.section.labels)
                for col in block.columns:
                    if not col.hidden:
                        add(columns, f"{block.name}.{col.key}", col.labels)
            elif isinstance(block, Grid | TextBlock):
                sections.extend(block.section.labels)
            if isinstance(block, Grid):  # a grid value is found by its column label (and row label)
                for row in block.rows:
                    for label, cell in zip(block.columns, row.cells, strict=True):
                        if isinstance(cell, Field) and cell.path:
                            add(fields, cell.path, label.labels)
        for f in layout.fields():
            if f.path:
                add(fields, f.path, f.labels)
    return ({k: tuple(v) for k, v in columns.items()}, {k: tuple(v) for k, v in fields.items()},
            tuple(dict.fromkeys(sections)))


#: "indicators.actual" → ("实际完成值", "完成值", "全年实际值", …) over all kinds.
#: "indicators.target" covers both a split number column (next to 指标性质) and a single text column.
COLUMN_SYNONYMS, FIELD_SYNONYMS, SECTION_LABELS = _collect()

# reader: regional text boxes (label | text, or label above text) that our templates do not draw;
# the reader keeps them in Form.extra under the key (the printed label). Sichuan self-evaluations
# end with 评价结论 / 存在问题 / 改进措施; goal forms may end with an 审核意见 block (docs/dev/forms.md).
EXTRA_BOXES: dict[str, tuple[str, ...]] = {
    "评价结论": ("评价结论", "自评结论", "总体评价结论", "自评结果"),
    "存在问题": ("存在问题", "存在的问题", "主要问题"),
    "改进措施": ("改进措施", "改进建议", "下一步改进措施", "整改措施"),
    "审核意见": ("审核意见", "主管部门审核意见", "财政部门审核意见"),
    # Yunnan self-evaluations print it on the 总分 row: 其他需要说明事项 | 无 | 总分 | 100 | 96.
    "其他需要说明事项": ("其他需要说明事项", "其他需要说明的事项", "其他需要说明的问题", "其他说明事项"),
}

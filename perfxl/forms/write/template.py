"""Build the five workbook templates from their layouts (perfxl.forms.layout).

`build_workbook(kind, rows=…)` returns an openpyxl Workbook and its Placement; the writer fills it.
`build_templates(out_dir)` writes the five .xlsx files shipped in workbook_templates/.
A template is put together here from the parts in this package: `form_sheet` draws the boxes,
`validation` adds the drop-downs and input checks, `highlights` the conditional formats, `page` the
print setup and protection, `help_sheet` the 填表说明 and `lists_sheet` the hidden 下拉列表 (cell
styles in `styles`).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from perfxl.atomic import atomic_path
from perfxl.config import RulePack, default_pack
from perfxl.domain.hierarchy import SATISFACTION
from perfxl.domain.kinds import FormKind
from perfxl.forms.layout import layout_for
from perfxl.forms.layout.formulas import redistribution, rule_params
from perfxl.forms.layout.geometry import Placement, place
from perfxl.forms.layout.spec import HELP_SHEET, META_SHEET, TEMPLATE_VERSION, Layout
from perfxl.forms.write.form_sheet import draw_form
from perfxl.forms.write.help_sheet import write_help_sheet
from perfxl.forms.write.highlights import add_highlights
from perfxl.forms.write.lists_sheet import write_lists_sheet
from perfxl.forms.write.page import print_setup, protect
from perfxl.forms.write.styles import set_normal_font
from perfxl.forms.write.validation import add_validations

#: File names in workbook_templates/ (perfxl.domain.kinds).
TEMPLATE_FILES: dict[FormKind, str] = {kind: kind.facts.template for kind in FormKind}
DEFAULT_DIR = Path(__file__).resolve().parents[3] / "workbook_templates"


def pack_params(pack: RulePack) -> dict[str, str]:
    """Rule-pack values and formula variants the formulas use ({%name} placeholders)."""
    return rule_params(
        budget_weight=pack.budget_weight, total_weight=pack.total_weight,
        satisfaction_weight=pack.level1_weights.get(SATISFACTION, 0.0), reverse_variant=pack.reverse_variant,
        equality_overshoot=pack.equality_overshoot, over_threshold=pack.over_completion_threshold,
        over_deduction=pack.over_completion_deduction, rescale=pack.rescale_not_applicable,
        redistribute=redistribution(pack), fixed_shares=pack.missing_satisfaction_fixed,
        higher_words=pack.direction.higher_words, lower_words=pack.direction.lower_words,
        lower_units=pack.direction.lower_units,
        doubt_words=pack.qualitative_words.negative + pack.qualitative_words.partial,
    )


def build_workbook(kind: FormKind | str, rows: dict[str, int] | None = None,
                   pack: RulePack | None = None) -> tuple[Workbook, Placement]:
    """A blank form of `kind`; `rows` overrides table sizes ({"indicators": 45})."""
    pack = pack or default_pack()
    layout = layout_for(kind)
    p = place(layout, rows, pack_params(pack))
    wb = Workbook()
    set_normal_font(wb)
    ws = wb.active
    ws.title = layout.sheet
    draw_form(ws, p)
    add_validations(ws, p)
    add_highlights(ws, p, pack)
    print_setup(ws, p)
    protect(ws)
    write_help_sheet(wb.create_sheet(HELP_SHEET), layout, p, pack)
    write_lists_sheet(wb, pack)
    _meta_sheet(wb, layout, pack)
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True
    return wb, p


def save_atomic(wb: Workbook, path: str | Path) -> Path:
    """Save via a temporary file in the same folder and os.replace: readers never see half a file."""
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return Path(path)


def build_templates(out_dir: str | Path = DEFAULT_DIR, pack: RulePack | None = None) -> list[Path]:
    """Write the five form templates and the blank 整改情况反馈表 into `out_dir`; returns their paths."""
    from perfxl.forms.write.feedback import FEEDBACK_FILE, build_feedback_workbook

    out = []
    for kind, name in TEMPLATE_FILES.items():
        wb, _ = build_workbook(kind, pack=pack)
        out.append(save_atomic(wb, Path(out_dir) / name))
    out.append(save_atomic(build_feedback_workbook(), Path(out_dir) / FEEDBACK_FILE))
    return out


def template_names() -> list[str]:
    """Every file `build_templates` writes."""
    from perfxl.forms.write.feedback import FEEDBACK_FILE

    return [*TEMPLATE_FILES.values(), FEEDBACK_FILE]


def _meta_sheet(wb: Workbook, layout: Layout, pack: RulePack) -> None:
    ws = wb.create_sheet(META_SHEET)
    for i, (key, value) in enumerate((
        ("kind", layout.kind.value),
        ("template_version", TEMPLATE_VERSION),
        ("rule_edition", pack.edition.value),
        ("extra", "{}"),
    ), start=1):
        ws.cell(i, 1, key)
        ws.cell(i, 2, value)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True

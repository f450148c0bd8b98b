"""Form JSON → filled workbooks: one workbook, or a folder of them for a list of forms; the formulas computed
by LibreOffice when it is installed (or when asked)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from perfxl.config import RulePack
from perfxl.domain import Form
from perfxl.forms.formjson import load_json
from perfxl.forms.write.libreoffice import find_soffice, recalculate
from perfxl.forms.write.writer import FillError, write_form


@dataclass(frozen=True, slots=True)
class Filled:
    written: list[Path]
    recalculated: bool  # formula results saved in the files (else Excel/WPS compute them on opening)


def fill_forms(source: str | Path, out: str | Path, *, pack: RulePack | None = None,
               recalc: bool | None = None) -> Filled:
    """Fill the template of each form in the form-JSON file `source`: `out` is the .xlsx for a single form, else a
    folder. `recalc` None: recalculate when LibreOffice is installed. Raises FormJSONError / FillError (Chinese),
    LibreOfficeError, OSError."""
    forms = load_json(source)
    if not forms:
        raise FillError(f"{source}: 没有表单")
    out = Path(out)
    single = len(forms) == 1 and out.suffix.lower() == ".xlsx"
    if not single and out.suffix.lower() == ".xlsx":
        raise FillError(f"{source} 含 {len(forms)} 个表单，输出应为目录")
    targets = [out] if single else [out / _name(form, i + 1) for i, form in enumerate(forms)]
    written = []
    for form, target in zip(forms, targets, strict=True):
        try:
            written.append(write_form(form, target, pack=pack))
        except (FillError, OSError) as exc:
            raise FillError(f"{target}: {exc}") from None
    recalc = find_soffice() is not None if recalc is None else recalc
    if recalc:
        with tempfile.TemporaryDirectory(prefix="perfxl-recalc-") as tmp:
            for done in recalculate(written, tmp):
                shutil.move(done, next(p for p in written if p.stem == done.stem))
    return Filled(written, recalc)


def _name(form: Form, index: int) -> str:
    who = form.project.name or form.unit.name or "表单"
    safe = "".join(ch for ch in who if ch not in '\\/:*?"<>|').strip() or "表单"
    return f"{index:03d}_{form.title}_{safe}.xlsx"

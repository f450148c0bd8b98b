"""Keeping the published templates current: compare a folder of them with freshly built ones, and render the
first page of each template (and of filled examples) as pictures for the documentation."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from perfxl.domain import FormKind
from perfxl.forms.write.libreoffice import convert, first_page_png
from perfxl.forms.write.snapshot import diff_snapshots, workbook_snapshot
from perfxl.forms.write.template import (
    TEMPLATE_FILES,
    build_templates,
    build_workbook,
    save_atomic,
    template_names,
)
from perfxl.forms.write.writer import write_form


def stale_templates(directory: str | Path) -> dict[Path, list[str] | None]:
    """Templates in `directory` that differ from what the code builds (content, formulas, drop-downs, protection,
    print setup): the differences of each, or None for a template that is missing. Empty when all are current."""
    stale: dict[Path, list[str] | None] = {}
    with tempfile.TemporaryDirectory(prefix="perfxl-templates-") as tmp:
        build_templates(tmp)
        for name in template_names():
            committed = Path(directory) / name
            if not committed.is_file():
                stale[committed] = None
                continue
            diff = diff_snapshots(workbook_snapshot(committed), workbook_snapshot(Path(tmp) / name))
            if diff:
                stale[committed] = diff
    return stale


def template_pictures(out: str | Path, dpi: int = 80) -> list[Path]:
    """The first page of each template, of a filled self-assessment and of a prefilled 整改情况反馈表 as PNG files
    in `out` (LibreOffice and poppler-utils; LibreOfficeError with a Chinese message otherwise)."""
    from perfxl.samples import generate_forms

    with tempfile.TemporaryDirectory(prefix="perfxl-images-") as tmp:
        files = [save_atomic(build_workbook(kind)[0], Path(tmp) / f"{kind.value}.xlsx") for kind in TEMPLATE_FILES]
        example = generate_forms(1, seed=2024, kinds=[FormKind.PROJECT_SELFEVAL], fault_share=0)[0]
        files.append(write_form(example, Path(tmp) / "project_selfeval_example.xlsx"))
        files.append(_feedback_example(Path(tmp)))
        return [first_page_png(pdf, Path(out) / f"{pdf.stem}.png", dpi) for pdf in convert(files, Path(tmp) / "pdf")]


def _feedback_example(folder: Path) -> Path:
    """A 整改情况反馈表 prefilled for a notice drafted from a sample self-assessment with problems."""
    from perfxl.forms.write.feedback import build_feedback_workbook
    from perfxl.rectification import draft_notice
    from perfxl.reports import check_file
    from perfxl.samples import generate_forms

    form = generate_forms(1, seed=11, kinds=[FormKind.PROJECT_SELFEVAL])[0]
    checked = check_file(write_form(form, folder / "feedback_source.xlsx", typed_scores=True))
    notice = draft_notice(checked, issued=date(2026, 12, 4))
    return save_atomic(build_feedback_workbook(notice), folder / "rectification_feedback_example.xlsx")

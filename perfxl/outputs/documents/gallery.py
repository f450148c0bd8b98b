"""One document of every kind from the bundled sample forms and a sample batch (tests, pictures, demo)."""

from datetime import date
from pathlib import Path

from perfxl import api
from perfxl.config import RulePack, default_pack
from perfxl.domain import FormKind
from perfxl.outputs.documents.contexts import (
    notice_context,
    overdue_context,
    problems,
    reminder_context,
    reminder_rows,
    report_context,
    review_context,
)
from perfxl.outputs.documents.render import render
from perfxl.outputs.documents.settings import document_number, rectification_deadline
from perfxl.outputs.documents.summary import summary_context

# ASCII picture names for docs/img (doc_<name>.png).
PICTURE_NAMES = {"自评报告": "self_report", "评价报告": "evaluation_report", "整改通知": "notice", "审核意见": "review",
                 "提醒函": "reminder", "催办函": "overdue", "汇总分析": "summary"}
ISSUED = date(2026, 12, 7)


def sample_files(folder: Path, count: int = 27, seed: int = 2024) -> list[Path]:
    """`count` sample workbooks (every kind, a share with planted faults) written into `folder`."""
    from perfxl.forms.write.writer import write_form
    from perfxl.samples import generate

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, sample in enumerate(generate(count, seed, fault_share=0.5), 1):
        form = sample.form
        name = f"{i:03d}_{form.unit.name}_{form.title}.xlsx"
        paths.append(write_form(form, folder / name, typed_scores=True))
    return paths


def sample_batch(folder: Path, out: Path, pack: RulePack | None = None) -> Path:
    """Run the batch (in this process) over `folder`; returns results.json."""
    from perfxl.batch import BatchOptions, run_batch

    result = run_batch(BatchOptions(input=folder, out_dir=out, workers=0, pack=pack or default_pack()), None)
    return result.results_path


def _pick(reports: list[api.FileReport], kind: FormKind, test) -> api.FileReport:
    return next(r for r in reports if r.report is not None and r.report.form.kind is kind and test(r))


def sample_contexts(files: list[Path], results: Path, pack: RulePack | None = None) -> dict[str, dict]:
    """A context of every kind: forms picked from `files` so each document has something to say."""
    pack = pack or default_pack()
    reports = [api.check_file(p, pack=pack) for p in files]
    selfeval = _pick(reports, FormKind.PROJECT_SELFEVAL, lambda r: len(problems(r, pack)) >= 3)
    goal = _pick(reports, FormKind.PROJECT_GOAL, lambda r: r.errors + r.warnings > 0)
    monitor = _pick(reports, FormKind.PROJECT_MONITOR, lambda r: any(reminder_rows([r])[:2]))
    deadline = rectification_deadline(date(2026, 10, 9), pack)
    notice = notice_context(selfeval, pack=pack, number=document_number(pack, 2026, 12), issued=date(2026, 10, 9),
                            deadline=deadline)
    tracked = {"number": notice["number"], "unit": notice["unit"], "title": notice["title"],
               "project": selfeval.report.form.project.name, "issued": date(2026, 10, 9), "deadline": deadline,
               "problems": [{"title": p["title"], "text": p["text"], "location": p["location"],
                             "status": "已整改" if i == 0 else "未反馈"} for i, p in enumerate(notice["problems"])]}
    return {
        "自评报告": report_context(selfeval, pack=pack, issued=ISSUED),
        "评价报告": report_context(selfeval, pack=pack, issued=ISSUED, evaluation=True),
        "整改通知": notice,
        "审核意见": review_context(goal, pack=pack, number=document_number(pack, 2026, 13), issued=ISSUED),
        "提醒函": reminder_context(monitor, pack=pack, number=document_number(pack, 2026, 14), issued=ISSUED),
        "催办函": overdue_context(tracked, pack=pack, issued=ISSUED, number=document_number(pack, 2026, 20)),
        "汇总分析": summary_context(results, pack=pack, issued=ISSUED),
    }


def sample_documents(out: Path, workdir: Path, pack: RulePack | None = None) -> dict[str, Path]:
    """Every kind of document rendered from sample forms and a sample batch into `out`."""
    files = sample_files(workdir / "收集的表单")
    results = sample_batch(workdir / "收集的表单", workdir / "批量汇总", pack)
    contexts = sample_contexts(files, results, pack)
    return {kind: render(kind, context, out / f"{kind}.docx") for kind, context in contexts.items()}


def document_pictures(folder: Path, dpi: int = 80) -> list[Path]:
    """The first page of a sample document of every kind as doc_<name>.png in `folder` (documentation pictures;
    LibreOffice and poppler-utils)."""
    import tempfile

    from perfxl.forms.write.libreoffice import first_page_png
    from perfxl.outputs.documents.render import to_pdf

    with tempfile.TemporaryDirectory(prefix="perfxl-doc-images-") as tmp:
        documents = sample_documents(Path(tmp) / "文书", Path(tmp) / "work")
        pdfs = to_pdf(list(documents.values()))
        return [first_page_png(pdf, Path(folder) / f"doc_{PICTURE_NAMES[kind]}.png", dpi)
                for kind, pdf in zip(documents, pdfs, strict=True)]

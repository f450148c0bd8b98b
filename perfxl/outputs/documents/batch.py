"""Documents for a whole batch (`perfxl batch … --documents 整改通知,自评报告`): one per form where it applies.

Runs after the batch over its results.json: each usable file is read and checked again (templates are
compiled once, so rendering is cheap), and each requested document is written to OUT/文书/<kind>/,
named by unit and project. 文号 are numbered in file order. A form a document does not apply to is
skipped; a document that cannot be made is listed as a note, never stops the others.

With a ledger, 文号 come from the ledger instead (one sequence per prefix and year, across runs), and
each 整改通知 is recorded there (perfxl.rectification.issue_notice) with its prefilled 整改情况反馈表
written beside it for the unit to return.
"""

import json
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from perfxl import api
from perfxl.config import RulePack, default_pack
from perfxl.outputs.documents.contexts import (
    ContextError,
    notice_context,
    problems,
    reminder_context,
    reminder_rows,
    report_context,
    review_context,
)
from perfxl.outputs.documents.render import DocumentError, render, template
from perfxl.outputs.documents.settings import document_number, document_settings, rectification_deadline

BATCH_KINDS = ("整改通知", "自评报告", "评价报告", "审核意见", "提醒函")
USABLE = {"scored", "errors"}


class BatchDocumentsError(ValueError):
    """Bad --documents value (Chinese message)."""


@dataclass
class BatchDocuments:
    folder: Path
    written: dict[str, int] = field(default_factory=dict)  # kind -> documents written
    notes: list[str] = field(default_factory=list)


def parse_kinds(text: str) -> list[str]:
    """"整改通知,自评报告" (ASCII or Chinese commas / 顿号) → the kinds, validated."""
    kinds = [k.strip() for k in re.split(r"[,，、]", text) if k.strip()]
    unknown = [k for k in kinds if k not in BATCH_KINDS]
    if unknown or not kinds:
        raise BatchDocumentsError(f"--documents 中的文书类型「{'、'.join(unknown) or text}」无法识别"
                                  f"（可用：{'、'.join(BATCH_KINDS)}）")
    return list(dict.fromkeys(kinds))


def _safe(text: str) -> str:
    text = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]', "_", text).strip(" .")
    return text[:80] or "未命名"


def _applies(kind: str, result: api.FileReport, pack: RulePack) -> bool:
    form = result.report.form
    if kind in ("自评报告", "评价报告"):
        return form.kind.is_selfeval
    if kind == "审核意见":
        return form.kind.is_goal
    if kind == "提醒函":
        projects, indicators, _ = reminder_rows([result])
        return bool(projects or indicators)
    return bool(problems(result, pack))


def write_batch_documents(input: Path, results: Path | list[dict], out: Path, kinds: list[str], *,
                          pack: RulePack | None = None, issued: date | None = None,
                          exclude: tuple[Path, ...] = (), ledger=None) -> BatchDocuments:
    """Write the requested documents for every usable form of a batch into `out`/<kind>/; with `ledger`
    (perfxl.batch.ledger.Ledger) record each 整改通知 there and write its 整改情况反馈表 beside it."""
    from perfxl.batch.discover import cleanup, discover

    pack = pack or default_pack()
    issued = issued or date.today()
    settings = document_settings(pack)
    objects = json.loads(Path(results).read_text(encoding="utf-8")) if isinstance(results, str | Path) else results
    for kind in kinds:  # a broken edited template stops here, once, with its message
        template(kind, settings.templates)
    wanted = {o["file"] for o in objects if o.get("status") in USABLE and o.get("kind")}
    done = BatchDocuments(out)
    sequence = 0
    names: set[Path] = set()
    scratch = Path(tempfile.mkdtemp(prefix="perfxl-docs-"))
    try:
        for entry in discover(input, scratch, exclude=exclude):
            if entry.file not in wanted or entry.path is None:
                continue
            result = api.check_file(entry.path, pack=pack)
            if result.report is None:
                done.notes.append(f"{entry.file}：未能读出表单，未生成文书")
                continue
            form = result.report.form
            stem = _safe("_".join(x for x in (form.unit.name, form.project.name or form.title) if x))
            for kind in kinds:
                try:
                    if not _applies(kind, result, pack):
                        continue
                    number = ""
                    if kind in ("审核意见", "提醒函") and ledger is not None:
                        number = _reserve(ledger, kind, result, entry.file, pack, issued)
                    elif kind in ("整改通知", "审核意见", "提醒函") and ledger is None:
                        sequence += 1
                        number = document_number(pack, issued.year, sequence)
                    if kind == "整改通知" and ledger is not None:
                        notice = _record_notice(ledger, result, entry.file, pack, issued)
                        context = notice_context(result, pack=pack, number=notice.number, issued=issued,
                                                 deadline=notice.deadline)
                    elif kind == "整改通知":
                        context = notice_context(result, pack=pack, number=number, issued=issued,
                                                 deadline=rectification_deadline(issued, pack))
                    elif kind == "审核意见":
                        context = review_context(result, pack=pack, number=number, issued=issued)
                    elif kind == "提醒函":
                        context = reminder_context(result, pack=pack, number=number, issued=issued)
                    else:
                        context = report_context(result, pack=pack, issued=issued, evaluation=kind == "评价报告")
                    target = out / kind / f"{stem}_{kind}.docx"
                    n = 2
                    while target in names:
                        target = out / kind / f"{stem}（{n}）_{kind}.docx"
                        n += 1
                    names.add(target)
                    render(kind, context, target, templates=settings.templates)
                    if kind == "整改通知" and ledger is not None:
                        _feedback_form(notice, target)
                    done.written[kind] = done.written.get(kind, 0) + 1
                except (ContextError, DocumentError) as exc:
                    done.notes.append(f"{entry.file}：{kind}未生成：{exc}")
    finally:
        cleanup(scratch)
    return done


def _record_notice(ledger, result: api.FileReport, file: str, pack: RulePack, issued: date):
    """The notice recorded in the ledger for this form (its number allocated there)."""
    import hashlib

    from perfxl.rectification import issue_notice

    sha = hashlib.sha256(Path(result.path).read_bytes()).hexdigest()
    return issue_notice(ledger, result, pack=pack, issued=issued, source_file=file, sha256=sha)


def _reserve(ledger, kind: str, result: api.FileReport, file: str, pack: RulePack, issued: date) -> str:
    """A 文号 from the ledger for a document that is not tracked further."""
    from perfxl.rectification import reserve_number

    form = result.report.form
    return reserve_number(ledger, kind, pack=pack, issued=issued, unit=form.unit.name, project=form.project.name,
                          source_file=file)


def _feedback_form(notice, target: Path) -> Path:
    """The prefilled 整改情况反馈表 beside the notice: <stem>_整改情况反馈表.xlsx."""
    from perfxl.rectification import write_feedback_form

    return write_feedback_form(notice, target.with_name(target.stem.removesuffix("_整改通知") + "_整改情况反馈表.xlsx"))

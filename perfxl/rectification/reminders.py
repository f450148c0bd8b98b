"""催办函 for overdue notices, written through perfxl.outputs.documents and logged in the ledger (留痕)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from perfxl.config import RulePack, default_pack
from perfxl.rectification.notices import Notice, RectificationError, timestamp

if TYPE_CHECKING:
    from perfxl.batch.ledger import Ledger

REMINDER_KIND = "催办函"
_UNSAFE = set('\\/:*?"<>|\r\n\t')


def reminder_name(notice: Notice) -> str:
    """催办函_单位_文号.docx, without characters file systems reject."""
    who = "".join(ch for ch in (notice.unit or "未知单位") if ch not in _UNSAFE).strip() or "未知单位"
    number = "".join(ch for ch in notice.number if ch not in _UNSAFE)
    return f"{REMINDER_KIND}_{who}_{number}.docx"


def feedback_form_name(notice: Notice) -> str:
    """整改情况反馈表_单位_文号.xlsx, named like the notice's 催办函."""
    return reminder_name(notice).replace(REMINDER_KIND, "整改情况反馈表", 1).removesuffix(".docx") + ".xlsx"


def write_reminders(ledger: Ledger, notices: Iterable[Notice], out_dir: str | Path, *, pack: RulePack | None = None,
                    today: date | None = None, pdf: bool = False) -> list[Path]:
    """One 催办函 per notice overdue on `today`, into `out_dir` (with `pdf`, a PDF beside each); each is
    recorded as a reminder event. The letter lists the problems not yet rectified. Returns the files."""
    try:
        from perfxl.outputs.documents import ContextError, DocumentError, overdue_context, render, to_pdf
    except ImportError as exc:
        raise RectificationError(f"生成催办函需要安装文书扩展：pip install 'perfxl[docs]'（缺少 {exc.name}）") from None
    pack = pack or default_pack()
    today = today or date.today()
    written = []
    for notice in notices:
        if not notice.overdue(today):
            continue
        target = Path(out_dir) / reminder_name(notice)
        data = notice.to_dict(today)
        for problem in data["problems"]:  # the letter shows each open problem's state in words
            problem["status"] = problem["status_label"]
        try:
            render(REMINDER_KIND, overdue_context(data, pack=pack, issued=today), target)
        except (ContextError, DocumentError) as exc:
            raise RectificationError(f"{notice.number} 的催办函未能生成：{exc}") from None
        ledger.record_reminder(notice.id, document=str(target), at=timestamp())
        written.append(target)
    if pdf and written:
        try:
            written += to_pdf(written)  # one LibreOffice start for all of them
        except DocumentError as exc:
            raise RectificationError(f"催办函已生成 Word 文件，但未能转换为 PDF：{exc}") from None
    return written

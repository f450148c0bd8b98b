"""Rectification tracked to closure (整改留痕): notices issued from checked forms, feedback workbooks
returned by units, every status change kept in the ledger, overdue notices and reminders.

    issue_notice(ledger, file_report, pack=…) -> Notice | None
    issue_notices(ledger, reports, pack=…) -> list[Notice]
    list_notices(ledger, unit=…, overdue=…) -> list[Notice]
    read_feedback(path) -> FeedbackData;  apply_feedback(ledger, data, …) -> FeedbackResult
    write_feedback_form(notice, path);  write_reminders(ledger, notices, out_dir, pack=…)
"""

from importlib import import_module

_EXPORTS = {
    "Notice": "notices", "Problem": "notices", "RectificationError": "notices",
    "draft_notice": "notices", "get_notice": "notices", "history": "notices", "issue_notice": "notices", "issue_notices": "notices",
    "list_notices": "notices", "notice_problems": "notices", "number_text": "notices",
    "reserve_number": "notices",
    "FeedbackData": "feedback", "FeedbackResult": "feedback", "apply_feedback": "feedback",
    "is_feedback_workbook": "feedback", "read_feedback": "feedback", "write_feedback_form": "feedback",
    "write_reminders": "reminders",
    "NoticeStatus": "status", "ProblemStatus": "status",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    """Lazy: perfxl.forms.write.feedback imports the status vocabulary without pulling in the engine."""
    if name not in _EXPORTS:
        raise AttributeError(name)
    return getattr(import_module(f"perfxl.rectification.{_EXPORTS[name]}"), name)

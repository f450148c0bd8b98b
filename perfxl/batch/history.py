"""What earlier batch runs found, as plain data: the ledger of an output folder, its runs, and the history of a
file or a unit (`perfxl ledger`, `perfxl notices`)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from perfxl.batch.ledger import DEFAULT_NAME, Ledger, LedgerError, RunInfo, open_ledger
from perfxl.batch.results import stored_finding
from perfxl.domain import Finding


def open_existing(db: str | None = None, out: str | Path | None = None) -> Ledger:
    """The ledger at `db` (a URL or SQLite file), else OUT/ledger.sqlite, else ./ledger.sqlite; a SQLite file must
    exist (LedgerError with a Chinese message)."""
    target = db or (str(Path(out) / DEFAULT_NAME) if out else DEFAULT_NAME)
    if "://" not in target and not Path(target).is_file():
        raise LedgerError(f"找不到台账数据库 {target}：请指定 perfxl batch 的输出目录（--out）或数据库（--db）")
    return open_ledger(target)


def run_dict(run: RunInfo) -> dict[str, Any]:
    """One run as JSON-ready data (times in ISO 8601)."""
    out = asdict(run)
    out["started_at"] = run.started_at.isoformat()
    out["finished_at"] = run.finished_at and run.finished_at.isoformat()
    return out


def history(ledger: Ledger, query: str, limit: int = 50, *, findings: bool = True) -> list[tuple[Any, list[Finding]]]:
    """Results for a file (name, path or hash prefix) or a unit (name or code), newest first, with their findings."""
    rows = ledger.show(query, limit)
    found = ledger.findings_of([r.result_id for r in rows]) if findings and rows else {}
    return [(row, [stored_finding(f) for f in found.get(row.result_id, [])]) for row in rows]


def history_dict(row: Any, findings: list[Finding]) -> dict[str, Any]:
    """One result of `history` as JSON-ready data."""
    return {
        "run": row.run_id, "run_started_at": row.started_at.isoformat(), "file": row.path, "sha256": row.sha256,
        "status": row.status, "reason": row.reason, "kind": row.kind, "year": row.year, "unit": row.unit,
        "project": row.project, "total": row.total, "self_total": row.self_total, "grade": row.grade, "rank": row.rank,
        "rank_of": row.rank_of, "ranking_grade": row.ranking_grade, "errors": row.errors, "warnings": row.warnings,
        "findings": [f.to_dict() for f in findings],
    }

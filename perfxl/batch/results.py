"""results.json: one JSON object per input file, in file order (schema: docs/results-json.md).

Written as a stream into a temporary file and renamed into place, so a run never holds all its
results in memory and never leaves a half-written file behind. Contains nothing run-specific
(no timings, no run ids): the same inputs and config give the same file on any executor.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from perfxl.atomic import atomic_path


class RawJSON(str):
    """A value that is already JSON text (the score breakdown as stored in the ledger): spliced in as is."""


def result_object(row: Any, findings: Iterable[Any], status_label: str, kind_label: str | None) -> dict[str, Any]:
    """One file's object from a ledger result row (joined with its file) and its finding rows."""
    score = RawJSON(row.score_json) if row.score_json else None
    return {
        "file": row.path,
        "sha256": row.sha256,
        "size": row.size,
        "status": row.status,
        "status_label": status_label,
        "reason": row.reason,
        "kind": row.kind,
        "kind_label": kind_label,
        "year": row.year,
        "unit": row.unit,
        "unit_code": row.unit_code,
        "department": row.department,
        "project": row.project,
        "project_code": row.project_code,
        "total": row.total,
        "self_total": row.self_total,
        "difference": row.difference,
        "grade": row.grade,
        "rank": row.rank,
        "rank_of": row.rank_of,
        "ranking_grade": row.ranking_grade,
        "errors": row.errors,
        "warnings": row.warnings,
        "infos": row.infos,
        "execution_rate": row.execution_rate,
        "goal_file": row.goal_file,
        "annotated": row.annotated,
        "findings": [
            {"code": f.code, "name": f.name, "severity": f.severity, "message": f.message,
             "location": f.location, "path": f.path, "hint": f.hint}
            for f in findings
        ],
        "score": score,
    }


def write_results(target: str | Path, objects: Iterable[dict[str, Any]]) -> Path:
    """Stream `objects` as a JSON array into `target`, atomically."""
    target = Path(target)
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write("[")
        first = True
        for obj in objects:
            out.write("\n  " if first else ",\n  ")
            out.write(_dumps(obj))
            first = False
        out.write("\n]\n" if not first else "]\n")
    return target


def _dumps(obj: dict[str, Any]) -> str:
    """One object on one line; a trailing RawJSON value is spliced in without parsing it again."""
    last = next(reversed(obj)) if obj else None
    raw = obj[last] if last is not None and isinstance(obj[last], RawJSON) else None
    if raw is None:
        return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))
    head = json.dumps({k: v for k, v in obj.items() if k != last}, ensure_ascii=False, separators=(", ", ": "))
    return f"{head[:-1]}, {json.dumps(last)}: {raw}}}" if head != "{}" else f"{{{json.dumps(last)}: {raw}}}"

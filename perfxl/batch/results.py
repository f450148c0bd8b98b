"""results.json: one JSON object per input file, in file order (the report shape of docs/results-json.md).

Written as a stream into a temporary file and renamed into place, so a run never holds all its
results in memory and never leaves a half-written file behind. Contains nothing run-specific
(no timings, no run ids): the same inputs and config give the same file on any executor.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfxl.atomic import atomic_path
from perfxl.domain import Finding, Severity
from perfxl.reports import TAIL_KEYS, report_object

if TYPE_CHECKING:
    from perfxl.batch.ledger import Ledger


def result_object(row: Any, findings: Iterable[Any]) -> dict[str, Any]:
    """One file's object from a ledger result row (joined with its file) and its finding rows: the report shape
    of perfxl.reports, its tail (complete … score) kept as the JSON text the worker stored."""
    facts = dict(row._mapping) | {"file": row.path}
    return {**report_object(facts, [stored_finding(f) for f in findings]), _TAIL: _tail(row.score_json)}


def stored_finding(row: Any) -> Finding:
    """A finding as the ledger stored it (its columns are Finding.to_dict()'s keys)."""
    return Finding(row.code, Severity(row.severity), row.message, row.location, row.path, row.hint, row.name)


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


_TAIL = "\0tail"  # key of the stored tail text in a result object (never a real key)
_EMPTY_TAIL = json.dumps(dict.fromkeys(TAIL_KEYS))
_TAIL_START = _EMPTY_TAIL[:_EMPTY_TAIL.index(":")]  # '{"complete"': how every stored tail begins


def _tail(stored: str | None) -> str:
    """The stored tail text; a ledger written before format 2 stored the score breakdown alone (--resume)."""
    if not stored:
        return _EMPTY_TAIL
    if stored.startswith(_TAIL_START):
        return stored
    score = json.loads(stored)
    return json.dumps({"complete": score.get("complete"), "complete_note": score.get("complete_note"), "review": None,
                       "score": score}, ensure_ascii=False, default=str)


def _dumps(obj: dict[str, Any]) -> str:
    """One object on one line; the stored tail's members are spliced in without parsing them again."""
    if _TAIL not in obj:
        return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))
    head = json.dumps({k: v for k, v in obj.items() if k != _TAIL}, ensure_ascii=False, separators=(", ", ": "))
    return f"{head[:-1]}, {obj[_TAIL][1:]}"


def _in_batches(ledger: Ledger, run_id: int, size: int = 500) -> Iterator[tuple[Any, list[Any]]]:
    batch: list[Any] = []
    for row in ledger.iter_results(run_id):
        batch.append(row)
        if len(batch) >= size:
            yield from _with_findings(ledger, batch)
            batch = []
    if batch:
        yield from _with_findings(ledger, batch)


def _with_findings(ledger: Ledger, rows: list[Any]) -> Iterator[tuple[Any, list[Any]]]:
    found = ledger.findings_of([r.id for r in rows])
    for row in rows:
        yield row, found.get(row.id, [])


def write_results_from(ledger: Ledger, run_id: int, target: Path) -> Path:
    """results.json for one run of the ledger, streamed in file order."""
    return write_results(target, (result_object(row, found) for row, found in _in_batches(ledger, run_id)))

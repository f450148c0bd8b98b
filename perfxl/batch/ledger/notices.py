"""Ledger queries for document numbers (发文字号) and rectification notices (整改通知): problems,
feedback, history.

Current state lives in `notices` and `notice_problems`; every change is also appended to
`notice_events` with its time and source file, and nothing is ever deleted (留痕).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from perfxl.batch.ledger.models import DocumentNumber, Notice, NoticeEvent, NoticeProblem
from perfxl.rectification.status import NoticeStatus, ProblemStatus, notice_status

NUMBER_RETRIES = 5  # concurrent issuers race for the next number; the unique constraint decides


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False, default=str) if value is not None else None


class NoticeStore:
    """Mixed into `Ledger`: one small transaction per method."""

    engine: Engine

    def reserve_number(self, *, kind: str, prefix: str, year: int, number_format, issued: date, at,
                       unit: str | None = None, project: str | None = None, source_file: str | None = None) -> str:
        """The next free 发文字号 for (prefix, year), recorded for a document of `kind`."""
        return self._numbered(lambda conn, seq, number: None, kind=kind, prefix=prefix, year=year,
                              number_format=number_format, issued=issued, at=at, unit=unit, project=project,
                              source_file=source_file)[1]

    def _numbered(self, insert_rows, *, kind: str, prefix: str, year: int, number_format, issued: date, at,
                  unit: str | None, project: str | None, source_file: str | None) -> tuple[Any, str]:
        """Allocate the next number and run `insert_rows(conn, seq, number)` in the same transaction; the
        unique constraint settles a race between issuers (retried)."""
        for attempt in range(NUMBER_RETRIES):
            try:
                with self.engine.begin() as conn:
                    seq = conn.execute(select(func.coalesce(func.max(DocumentNumber.seq), 0) + 1)
                                       .where(DocumentNumber.prefix == prefix, DocumentNumber.year == year)).scalar_one()
                    number = number_format(prefix, year, seq)
                    conn.execute(insert(DocumentNumber), {
                        "number": number, "prefix": prefix, "year": year, "seq": seq, "kind": kind, "unit": unit,
                        "project": project, "source_file": source_file, "issued": issued, "created_at": at})
                    return insert_rows(conn, seq, number), number
            except IntegrityError:
                if attempt == NUMBER_RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    def add_notice(self, *, prefix: str, year: int, number_format, issued: date, deadline: date,
                   problems: Sequence[dict[str, Any]], at, **identity: Any) -> int:
        """Insert a notice with the next free number for (prefix, year) and its problems; its id.

        `number_format(prefix, year, seq)` gives the 文号; `identity` holds unit, unit_code, department,
        project, kind, form_year, source_file, source_sha256, result_id.
        """
        def rows(conn, seq: int, number: str) -> int:
            notice_id = conn.execute(insert(Notice).returning(Notice.id), {
                "number": number, "prefix": prefix, "year": year, "seq": seq, "issued": issued,
                "deadline": deadline, "status": NoticeStatus.OPEN.value, "created_at": at, "updated_at": at,
                **identity,
            }).scalar_one()
            if problems:
                conn.execute(insert(NoticeProblem), [
                    {"notice_id": notice_id, "seq": i, "code": p["code"], "severity": p.get("severity"),
                     "message": p["message"], "location": p.get("location"), "status": ProblemStatus.OPEN.value,
                     "updated_at": at}
                    for i, p in enumerate(problems, start=1)])
            conn.execute(insert(NoticeEvent), {
                "notice_id": notice_id, "at": at, "event": "issued", "new_status": NoticeStatus.OPEN.value,
                "source_file": identity.get("source_file"), "source_sha256": identity.get("source_sha256"),
                "detail": _json({"number": number, "deadline": deadline, "problems": len(problems)}),
            })
            return notice_id

        return self._numbered(rows, kind="整改通知", prefix=prefix, year=year, number_format=number_format,
                              issued=issued, at=at, unit=identity.get("unit"), project=identity.get("project"),
                              source_file=identity.get("source_file"))[0]

    def notice(self, number: str | None = None, notice_id: int | None = None) -> Any | None:
        query = select(Notice.__table__)
        query = query.where(Notice.id == notice_id) if notice_id is not None else query.where(Notice.number == number)
        with self.engine.connect() as conn:
            return conn.execute(query).first()

    def notices(self, *, unit: str | None = None, overdue_on: date | None = None) -> list[Any]:
        """Notices, oldest first; `overdue_on`: not closed and past their deadline on that day."""
        query = select(Notice.__table__).order_by(Notice.issued, Notice.id)
        if unit:
            query = query.where(Notice.unit.like(f"%{unit}%") | (Notice.unit_code == unit))
        if overdue_on is not None:
            query = query.where(Notice.status != NoticeStatus.CLOSED.value, Notice.deadline < overdue_on)
        with self.engine.connect() as conn:
            return conn.execute(query).all()

    def notice_problems(self, notice_id: int) -> list[Any]:
        with self.engine.connect() as conn:
            return conn.execute(select(NoticeProblem.__table__).where(NoticeProblem.notice_id == notice_id)
                                .order_by(NoticeProblem.seq)).all()

    def notice_events(self, notice_id: int) -> list[Any]:
        with self.engine.connect() as conn:
            return conn.execute(select(NoticeEvent.__table__).where(NoticeEvent.notice_id == notice_id)
                                .order_by(NoticeEvent.id)).all()

    def feedback_recorded(self, notice_id: int, sha256: str) -> Any | None:
        """The earliest event recorded from this very file for this notice (the same file sent twice)."""
        with self.engine.connect() as conn:
            return conn.execute(select(NoticeEvent.__table__)
                                .where(NoticeEvent.notice_id == notice_id, NoticeEvent.source_sha256 == sha256,
                                       NoticeEvent.event.in_(("feedback", "rejected")))
                                .order_by(NoticeEvent.id).limit(1)).first()

    def record_feedback(self, notice_id: int, updates: Sequence[dict[str, Any]], rejected: Sequence[dict[str, Any]],
                        *, source_file: str | None, sha256: str | None, at) -> tuple[str, str]:
        """Apply feedback rows to problems, log each change (and each row not recorded, with its values),
        and move the notice's status; (old status, new status)."""
        with self.engine.begin() as conn:
            old = conn.execute(select(Notice.status).where(Notice.id == notice_id).with_for_update()).scalar_one()
            current = {r.id: r.status for r in conn.execute(
                select(NoticeProblem.id, NoticeProblem.status).where(NoticeProblem.notice_id == notice_id))}
            events = []
            for row in updates:
                pid = row["problem_id"]
                conn.execute(update(NoticeProblem).where(NoticeProblem.id == pid).values(
                    status=row["status"], measures=row.get("measures"), completed_on=row.get("completed_on"),
                    owner=row.get("owner"), updated_at=at))
                events.append({"problem_id": pid, "event": "feedback", "old_status": current[pid],
                               "new_status": row["status"], "detail": _json(row.get("detail"))})
                current[pid] = row["status"]
            for row in rejected:
                events.append({"problem_id": row.get("problem_id"), "event": "rejected",
                               "detail": _json(row.get("detail"))})
            new = notice_status(current.values()).value
            if new != old:
                conn.execute(update(Notice).where(Notice.id == notice_id).values(
                    status=new, updated_at=at, closed_at=at if new == NoticeStatus.CLOSED.value else None))
                events.append({"problem_id": None, "event": "status", "old_status": old, "new_status": new,
                               "detail": None})
            elif updates:
                conn.execute(update(Notice).where(Notice.id == notice_id).values(updated_at=at))
            if events:
                conn.execute(insert(NoticeEvent), [
                    {"notice_id": notice_id, "at": at, "source_file": source_file, "source_sha256": sha256,
                     "old_status": None, "new_status": None, **e} for e in events])
        return old, new

    def record_reminder(self, notice_id: int, *, document: str, at) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(NoticeEvent), {"notice_id": notice_id, "at": at, "event": "reminder",
                                               "source_file": document})

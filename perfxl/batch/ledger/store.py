"""The ledger store: open (and migrate) a database by URL, record runs and results, answer queries.

SQLite is the default (a file path or `sqlite:///…`); PostgreSQL works by URL (`postgresql://…`,
driven by psycopg 3). Migrations run on open with Alembic, configured in code. Results are written
in batches as they arrive, so a run never holds all its reports in memory, and the outputs are
assembled from here afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, create_engine, delete, event, func, insert, or_, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from perfxl.batch.ledger.models import File, FindingRow, Result, Run
from perfxl.batch.ledger.notices import NoticeStore
from perfxl.batch.outcome import Outcome, Status

DEFAULT_NAME = "ledger.sqlite"
BATCH_FAMILY = "D"  # finding codes that depend on the whole batch (duplicates), not on one file


class LedgerError(RuntimeError):
    """The ledger cannot be opened or used; the message is Chinese and names the database."""


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a URL or a plain file path (→ SQLite). postgresql:// → psycopg 3."""
    text = str(target)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix):]
    return text


def redact(url: str) -> str:
    """The URL without its password, for messages and the ledger itself."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str) -> Engine:
    url = database_url(url)
    try:
        if url.startswith("sqlite"):
            path = make_url(url).database
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ModuleNotFoundError, ImportError) as exc:
        raise LedgerError(f"无法使用数据库 {redact(url)}：{exc}") from None
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic, configured in code: no alembic.ini)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "perfxl.batch.ledger:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass(frozen=True, slots=True)
class RunInfo:
    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    input: str
    out_dir: str | None
    executor: str
    config_hash: str
    pack_hash: str | None
    config_sources: list[str]
    file_count: int
    counts: dict[str, int]
    resumed_from: int | None


_RESULT_COLUMNS = (
    "status", "reason", "kind", "year", "unit", "unit_code", "department", "project", "project_code", "total",
    "self_total", "difference", "grade", "execution_rate", "content_key", "identity_key", "goal_file",
    "annotated", "elapsed", "score_json",
)
_COPY_COLUMNS = _RESULT_COLUMNS + ("errors", "warnings", "infos", "content_sha256")


class Ledger(NoticeStore):
    """A ledger database. Use `open_ledger(url)`; methods are small transactions."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.url = redact(engine.url.render_as_string(hide_password=False))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- runs ------------------------------------------------------------------------------------
    def start_run(self, *, input: str, out_dir: str | None, executor: str, workers: int | None, config_hash: str,
                  config_sources: Sequence[str], goals: str | None, options: dict[str, Any], version: str,
                  resumed_from: int | None = None, pack_hash: str | None = None) -> int:
        with self.engine.begin() as conn:
            return conn.execute(insert(Run).returning(Run.id), {
                "started_at": now(), "status": "running", "input": input, "out_dir": out_dir,
                "executor": executor, "workers": workers, "config_hash": config_hash, "pack_hash": pack_hash,
                "config_sources": json.dumps(list(config_sources), ensure_ascii=False), "goals": goals,
                "options": json.dumps(options, ensure_ascii=False, default=str), "version": version,
                "resumed_from": resumed_from, "file_count": 0,
            }).scalar_one()

    def finish_run(self, run_id: int, status: str) -> dict[str, int]:
        counts = self.status_counts(run_id)
        with self.engine.begin() as conn:
            conn.execute(update(Run).where(Run.id == run_id).values(
                status=status, finished_at=now(), counts=json.dumps(counts),
                file_count=select(func.count(File.id)).where(File.run_id == run_id).scalar_subquery(),
            ))
        return counts

    def last_run(self, out_dir: str | None = None, input: str | None = None) -> RunInfo | None:
        query = select(Run.__table__).order_by(Run.id.desc()).limit(1)
        if out_dir is not None:
            query = query.where(Run.out_dir == out_dir)
        if input is not None:
            query = query.where(Run.input == input)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _run_info(row) if row else None

    def runs(self, limit: int = 50) -> list[RunInfo]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(Run.__table__).order_by(Run.id.desc()).limit(limit)).all()
        return [_run_info(r) for r in rows]

    # -- files and results -----------------------------------------------------------------------
    def add_files(self, run_id: int, files: Iterable[tuple[int, str, str, str | None, int | None]]) -> list[int]:
        """Insert (seq, path, name, sha256, size) rows; their ids in the same order."""
        rows = [{"run_id": run_id, "seq": s, "path": p, "name": n, "sha256": h, "size": z} for s, p, n, h, z in files]
        if not rows:
            return []
        with self.engine.begin() as conn:
            result = conn.execute(insert(File).returning(File.id, sort_by_parameter_order=True), rows)
            return list(result.scalars())

    def add_results(self, run_id: int, config_hash: str, outcomes: Sequence[Outcome],
                    hashes: dict[int, str | None]) -> None:
        """Insert one result (and its findings) per outcome, in one transaction."""
        if not outcomes:
            return
        stamp = now()
        rows = []
        for o in outcomes:
            row = {name: getattr(o, name) for name in _RESULT_COLUMNS}
            row.update(run_id=run_id, file_id=o.file_id, config_hash=config_hash, status=o.status.value,
                       errors=o.errors, warnings=o.warnings, infos=o.infos, content_sha256=hashes.get(o.file_id),
                       created_at=stamp, reused_from=None)
            rows.append(row)
        with self.engine.begin() as conn:
            ids = list(conn.execute(insert(Result).returning(Result.id, sort_by_parameter_order=True), rows).scalars())
            found = [_finding_row(rid, i, f) for rid, o in zip(ids, outcomes, strict=True)
                     for i, f in enumerate(o.findings)]
            if found:
                conn.execute(insert(FindingRow), found)

    def reusable(self, config_hash: str, sha256: str, name: str, path: str | None = None) -> tuple[int, str | None] | None:
        """(result id, annotated copy) of a previous result for the same content under the same config and
        the same kind of name — the same path preferred — or None."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(Result.id, Result.status, Result.annotated, File.name, File.path)
                .join(File, File.id == Result.file_id)
                .where(Result.config_hash == config_hash, Result.content_sha256 == sha256)
                .order_by((File.path == (path or "")).desc(), Result.id.desc()).limit(20)
            ).all()
        for rid, status, annotated, other, _path in rows:
            if Status(status).retry_on_resume:
                continue
            if _name_class(other) == _name_class(name):
                return rid, annotated
        return None

    def copy_results(self, run_id: int, items: Sequence[tuple[int, int, str | None]]) -> None:
        """Copy earlier results into this run: (earlier result id, new file id, annotated copy) each.

        Batch-level findings (D-family duplicates) and ranks belong to the earlier batch: they are
        dropped here and computed afresh for this run; counts and status follow the kept findings.
        """
        if not items:
            return
        stamp = now()
        olds = sorted({old for old, _, _ in items})
        with self.engine.begin() as conn:
            sources = {row.id: row for row in conn.execute(
                select(Result.__table__).where(Result.id.in_(olds))).all()}
            found = conn.execute(select(FindingRow.__table__).where(FindingRow.result_id.in_(olds),
                                                                    ~FindingRow.code.like(f"{BATCH_FAMILY}%"))
                                 .order_by(FindingRow.result_id, FindingRow.seq)).all()
            by_result: dict[int, list] = {}
            for f in found:
                by_result.setdefault(f.result_id, []).append(f)
            rows = []
            for old, file_id, annotated in items:
                src = sources[old]
                kept = by_result.get(old, [])
                row = {name: getattr(src, name) for name in _COPY_COLUMNS}
                errors = [f for f in kept if f.severity == "error"]
                row.update(run_id=run_id, file_id=file_id, config_hash=src.config_hash, reused_from=old,
                           created_at=stamp, rank=None, rank_of=None, ranking_grade=None, annotated=annotated,
                           errors=len(errors), warnings=sum(1 for f in kept if f.severity == "warning"),
                           infos=sum(1 for f in kept if f.severity == "info"))
                if Status(src.status).is_form and errors:
                    row.update(status=Status.ERRORS.value, reason=errors[0].message)
                elif Status(src.status).is_form:  # the review or progress note stands; an old error does not
                    row.update(status=Status.clean(src.kind).value,
                               reason=None if src.status == Status.ERRORS.value else src.reason)
                rows.append(row)
            ids = list(conn.execute(insert(Result).returning(Result.id, sort_by_parameter_order=True), rows).scalars())
            copies = [{name: value for name, value in f._mapping.items() if name != "id"} | {"result_id": new}
                      for new, (old, _, _) in zip(ids, items, strict=True) for f in by_result.get(old, [])]
            if copies:
                conn.execute(insert(FindingRow), copies)

    def result_status(self, result_id: int) -> Status:
        with self.engine.connect() as conn:
            return Status(conn.execute(select(Result.status).where(Result.id == result_id)).scalar_one())

    def finding_count(self, run_id: int) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count(FindingRow.id)).join(Result, Result.id == FindingRow.result_id)
                                .where(Result.run_id == run_id)).scalar_one()

    def status_counts(self, run_id: int) -> dict[str, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(Result.status, func.count()).where(Result.run_id == run_id)
                                .group_by(Result.status)).all()
        return {status: n for status, n in rows}

    def file_count(self, run_id: int) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count(File.id)).where(File.run_id == run_id)).scalar_one()

    def missing_results(self, run_id: int) -> list[tuple[int, str]]:
        """Files of the run without a result (should be none after a completed run)."""
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(
                select(File.id, File.path).outerjoin(Result, Result.file_id == File.id)
                .where(File.run_id == run_id, Result.id.is_(None)).order_by(File.seq)).all()]

    # -- post-passes: duplicates and ranking -----------------------------------------------------
    def duplicate_candidates(self, run_id: int) -> list[tuple[int, int, str, str | None, str | None]]:
        """(result id, file id, file, content key, identity key) of results whose keys occur more than once."""
        with self.engine.connect() as conn:
            dup_content = (select(Result.content_key).where(Result.run_id == run_id, Result.content_key.is_not(None))
                           .group_by(Result.content_key).having(func.count() > 1))
            dup_identity = (select(Result.identity_key)
                            .where(Result.run_id == run_id, Result.identity_key.is_not(None))
                            .group_by(Result.identity_key).having(func.count() > 1))
            rows = conn.execute(
                select(Result.id, File.id, File.path, Result.content_key, Result.identity_key)
                .join(File, File.id == Result.file_id)
                .where(Result.run_id == run_id,
                       or_(Result.content_key.in_(dup_content), Result.identity_key.in_(dup_identity)))
                .order_by(File.seq)).all()
        return [tuple(r) for r in rows]

    def add_findings(self, additions: dict[int, list]) -> int:
        """Append findings to existing results and update their counts and status; returns how many results
        turned into "有错误" by them."""
        changed = 0
        if not additions:
            return changed
        with self.engine.begin() as conn:
            for result_id, findings in additions.items():
                start = conn.execute(select(func.coalesce(func.max(FindingRow.seq) + 1, 0))
                                     .where(FindingRow.result_id == result_id)).scalar_one()
                conn.execute(insert(FindingRow), [_finding_row(result_id, start + i, f)
                                                  for i, f in enumerate(findings)])
                errors = sum(1 for f in findings if f.severity.value == "error")
                warnings = sum(1 for f in findings if f.severity.value == "warning")
                infos = len(findings) - errors - warnings
                row = conn.execute(select(Result.status).where(Result.id == result_id)).one()
                values = {"errors": Result.errors + errors, "warnings": Result.warnings + warnings,
                          "infos": Result.infos + infos}
                if errors and Status(row.status).is_form and row.status != Status.ERRORS.value:
                    first = next(f for f in findings if f.severity.value == "error")
                    values.update(status=Status.ERRORS.value, reason=first.message)
                    changed += 1
                conn.execute(update(Result).where(Result.id == result_id).values(**values))
        return changed

    def ranking_inputs(self, run_id: int) -> list[tuple[int, str, int | None, float | None]]:
        """(result id, kind, year, total) of every scored form whose total is complete, in file order: a form
        with rows the engine could not score or check is not ranked as if its total were whole."""
        query = (select(Result.id, Result.kind, Result.year, Result.total, Result.score_json)
                 .join(File, File.id == Result.file_id)
                 .where(Result.run_id == run_id, Result.total.is_not(None), Result.kind.is_not(None))
                 .order_by(File.seq))
        # streamed: only the small tuples are kept, not every form's score breakdown
        return [(rid, kind, year, total) for rid, kind, year, total, score in self._stream(query, 1000)
                if json.loads(score or "{}").get("complete", True)]

    def set_ranks(self, ranks: Iterable[tuple[int, int, int, str | None]]) -> None:
        """(result id, rank, rank_of, ranking grade) updates."""
        rows = [{"rid": rid, "rank": r, "rank_of": n, "ranking_grade": g} for rid, r, n, g in ranks]
        if not rows:
            return
        stmt = (update(Result.__table__).where(Result.__table__.c.id == bindparam("rid"))
                .values(rank=bindparam("rank"), rank_of=bindparam("rank_of"),
                        ranking_grade=bindparam("ranking_grade")))
        with self.engine.begin() as conn:
            conn.execute(stmt, rows)

    # -- reading a run back (outputs) ------------------------------------------------------------
    def iter_results(self, run_id: int, batch: int = 500) -> Iterator[Any]:
        """Result rows joined with their file, in file order, streamed."""
        query = (select(File.seq, File.path, File.name, File.sha256, File.size, *Result.__table__.c)
                 .join(Result, Result.file_id == File.id).where(File.run_id == run_id).order_by(File.seq))
        yield from self._stream(query, batch)

    def iter_findings(self, run_id: int, batch: int = 2000) -> Iterator[Any]:
        """Findings with their file, in file order, streamed."""
        query = (select(File.seq, File.path, Result.unit, Result.annotated, *FindingRow.__table__.c)
                 .join(Result, Result.id == FindingRow.result_id).join(File, File.id == Result.file_id)
                 .where(Result.run_id == run_id).order_by(File.seq, FindingRow.seq))
        yield from self._stream(query, batch)

    def findings_of(self, result_ids: Sequence[int]) -> dict[int, list[Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(FindingRow.__table__).where(FindingRow.result_id.in_(list(result_ids)))
                                .order_by(FindingRow.result_id, FindingRow.seq)).all()
        out: dict[int, list[Any]] = {}
        for row in rows:
            out.setdefault(row.result_id, []).append(row)
        return out

    def iter_ranked(self, run_id: int) -> Iterator[Any]:
        query = (select(File.path, Result.kind, Result.year, Result.unit, Result.project, Result.total,
                        Result.grade, Result.rank, Result.rank_of, Result.ranking_grade)
                 .join(File, File.id == Result.file_id)
                 .where(Result.run_id == run_id, Result.rank.is_not(None), Result.total.is_not(None))
                 .order_by(Result.kind, Result.year, Result.rank, File.seq))
        yield from self._stream(query, 1000)

    def grade_counts(self, run_id: int) -> list[tuple[str | None, str | None, int]]:
        """(grade, ranking grade, n) over scored forms."""
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(
                select(Result.grade, Result.ranking_grade, func.count())
                .where(Result.run_id == run_id, Result.total.is_not(None))
                .group_by(Result.grade, Result.ranking_grade)).all()]

    def top_findings(self, run_id: int, limit: int = 15) -> list[tuple[str, str, str | None, int, int]]:
        """(code, severity, name, occurrences, files) for the most frequent finding codes."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(FindingRow.code, func.min(FindingRow.severity), func.min(FindingRow.name), func.count(),
                       func.count(func.distinct(FindingRow.result_id)))
                .join(Result, Result.id == FindingRow.result_id).where(Result.run_id == run_id)
                .group_by(FindingRow.code).order_by(func.count().desc(), FindingRow.code).limit(limit)).all()
            out = []
            for code, severity, name, n, files in rows:
                message = conn.execute(
                    select(FindingRow.message).join(Result, Result.id == FindingRow.result_id)
                    .where(Result.run_id == run_id, FindingRow.code == code).order_by(FindingRow.id).limit(1)
                ).scalar_one()
                out.append((code, severity, name, n, files, message))
        return out

    def execution_rates(self, run_id: int) -> Iterator[float | None]:
        query = select(Result.execution_rate).where(Result.run_id == run_id, Result.kind.is_not(None))
        for row in self._stream(query, 5000):
            yield row[0]

    def _stream(self, query, batch: int) -> Iterator[Any]:
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=batch).execute(query)
            yield from result

    # -- questions users ask ---------------------------------------------------------------------
    def show(self, query: str, limit: int = 200) -> list[Any]:
        """Results whose file path, file hash, unit or unit code matches `query`, newest first."""
        like = f"%{query}%"
        matches = [File.path == query, File.path.like(like), File.name == query, Result.unit.like(like),
                   Result.unit_code == query]
        if len(query) >= 8:
            matches.append(File.sha256.like(f"{query.lower()}%"))
        with self.engine.connect() as conn:
            return conn.execute(
                select(Run.id.label("run_id"), Run.started_at, Run.status.label("run_status"), File.path,
                       File.sha256, Result.id.label("result_id"), Result.status, Result.reason, Result.kind,
                       Result.year, Result.unit, Result.project, Result.total, Result.self_total, Result.grade,
                       Result.rank, Result.rank_of, Result.ranking_grade, Result.errors, Result.warnings)
                .join(File, File.id == Result.file_id).join(Run, Run.id == Result.run_id)
                .where(or_(*matches))
                .order_by(Run.id.desc(), File.seq).limit(limit)).all()

    def delete_run(self, run_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(Run).where(Run.id == run_id))


def _name_class(name: str) -> tuple[bool, str]:
    """What about a file name the reader looks at: "~$" lock files and the extension."""
    return name.startswith("~$"), Path(name).suffix.lower()


def _finding_row(result_id: int, seq: int, f) -> dict[str, Any]:
    return {"result_id": result_id, "seq": seq, **f.to_dict()}


def _run_info(run) -> RunInfo:
    return RunInfo(
        id=run.id, started_at=run.started_at, finished_at=run.finished_at, status=run.status, input=run.input,
        out_dir=run.out_dir, executor=run.executor, config_hash=run.config_hash, pack_hash=run.pack_hash,
        config_sources=json.loads(run.config_sources or "[]"), file_count=run.file_count or 0,
        counts=json.loads(run.counts or "{}"), resumed_from=run.resumed_from,
    )


def open_ledger(target: str | Path) -> Ledger:
    """Open (creating and migrating as needed) the ledger at a URL or SQLite file path."""
    engine = make_engine(str(target))
    try:
        migrate(engine)
    except Exception as exc:
        engine.dispose()
        raise LedgerError(f"无法打开台账数据库 {redact(database_url(target))}：{exc}") from exc
    return Ledger(engine)

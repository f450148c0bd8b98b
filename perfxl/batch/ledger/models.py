"""The ledger schema (SQLAlchemy 2): runs, the files each run saw, one result per file, its findings;
rectification notices, their problems and every status change (留痕).

Alembic migrations in `migrations/versions` create exactly this schema (a test compares them).
Timestamps are naive UTC. JSON payloads are stored as text so SQLite and PostgreSQL behave alike.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Run(Base):
    """One `perfxl batch` invocation."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20))  # running | completed | interrupted | failed
    input: Mapped[str] = mapped_column(Text)
    out_dir: Mapped[str | None] = mapped_column(Text)
    executor: Mapped[str] = mapped_column(String(200))
    workers: Mapped[int | None] = mapped_column(Integer)
    config_hash: Mapped[str] = mapped_column(String(64), index=True)  # pack + goal forms + options (--resume key)
    pack_hash: Mapped[str | None] = mapped_column(String(64))  # sha256 of the merged rule-pack data
    config_sources: Mapped[str] = mapped_column(Text)  # JSON list of rule-pack files merged over the defaults
    goals: Mapped[str | None] = mapped_column(Text)  # the --goals folder
    options: Mapped[str] = mapped_column(Text)  # JSON
    version: Mapped[str] = mapped_column(String(40))
    resumed_from: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    file_count: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[str | None] = mapped_column(Text)  # JSON {status: n}


class File(Base):
    """An input file as one run saw it."""

    __tablename__ = "files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # position in the run (sorted paths)
    path: Mapped[str] = mapped_column(Text, index=True)  # display path, relative to the input
    name: Mapped[str] = mapped_column(Text)  # base name
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)  # None when unreadable from disk
    size: Mapped[int | None] = mapped_column(BigInteger)


class Result(Base):
    """Exactly one per file: status, identity, totals, ranking and counts."""

    __tablename__ = "results"
    __table_args__ = (Index("ix_results_reuse", "config_hash", "content_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("files.id", ondelete="CASCADE"), unique=True)
    config_hash: Mapped[str] = mapped_column(String(64))
    content_sha256: Mapped[str | None] = mapped_column(String(64))  # the file's hash (copied from files)
    status: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(40))
    year: Mapped[int | None] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(Text, index=True)
    unit_code: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)
    project: Mapped[str | None] = mapped_column(Text)
    project_code: Mapped[str | None] = mapped_column(Text)
    total: Mapped[float | None] = mapped_column(Float)
    self_total: Mapped[float | None] = mapped_column(Float)
    difference: Mapped[float | None] = mapped_column(Float)
    grade: Mapped[str | None] = mapped_column(String(20))
    rank: Mapped[int | None] = mapped_column(Integer)
    rank_of: Mapped[int | None] = mapped_column(Integer)  # number of ranked forms in the group
    ranking_grade: Mapped[str | None] = mapped_column(String(20))
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    execution_rate: Mapped[float | None] = mapped_column(Float)
    content_key: Mapped[str | None] = mapped_column(String(64))
    identity_key: Mapped[str | None] = mapped_column(Text)
    goal_file: Mapped[str | None] = mapped_column(Text)
    annotated: Mapped[str | None] = mapped_column(Text)
    elapsed: Mapped[float | None] = mapped_column(Float)
    reused_from: Mapped[int | None] = mapped_column(ForeignKey("results.id", ondelete="SET NULL"))
    score_json: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class FindingRow(Base):
    """One finding of one result."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("results.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(10), index=True)
    severity: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    hint: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)


class DocumentNumber(Base):
    """Every 发文字号 handed out (整改通知, 审核意见, 提醒函 …): one sequence per prefix and year."""

    __tablename__ = "document_numbers"
    __table_args__ = (UniqueConstraint("prefix", "year", "seq", name="uq_document_numbers_prefix_year_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(100), unique=True)
    prefix: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # the document: 整改通知, 审核意见 …
    unit: Mapped[str | None] = mapped_column(Text)
    project: Mapped[str | None] = mapped_column(Text)
    source_file: Mapped[str | None] = mapped_column(Text)
    issued: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Notice(Base):
    """A rectification notice (整改通知): its number, addressee, source form and current status."""

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("prefix", "year", "seq", name="uq_notices_prefix_year_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(100), unique=True)  # 文号 "X财绩〔2026〕3号"
    prefix: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str | None] = mapped_column(Text, index=True)
    unit_code: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)
    project: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(40))
    form_year: Mapped[int | None] = mapped_column(Integer)
    source_file: Mapped[str | None] = mapped_column(Text)  # the checked form the notice was issued from
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    result_id: Mapped[int | None] = mapped_column(ForeignKey("results.id", ondelete="SET NULL"))
    issued: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)  # open | partial | closed
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)


class NoticeProblem(Base):
    """One problem listed in a notice, with the unit's latest feedback on it."""

    __tablename__ = "notice_problems"
    __table_args__ = (UniqueConstraint("notice_id", "seq", name="uq_notice_problems_notice_id_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # the problem's number within its notice (1, 2, …)
    code: Mapped[str] = mapped_column(String(20))
    severity: Mapped[str | None] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)  # "Sheet!H15"
    status: Mapped[str] = mapped_column(String(20))  # open | not_done | partial | done
    measures: Mapped[str | None] = mapped_column(Text)  # 整改措施
    completed_on: Mapped[date | None] = mapped_column(Date)  # 完成时间
    owner: Mapped[str | None] = mapped_column(Text)  # 责任人
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class NoticeEvent(Base):
    """Every change to a notice or a problem, never updated or deleted: what, when, from which file."""

    __tablename__ = "notice_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    problem_id: Mapped[int | None] = mapped_column(ForeignKey("notice_problems.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime)
    event: Mapped[str] = mapped_column(String(20))  # issued | feedback | rejected | status | reminder
    old_status: Mapped[str | None] = mapped_column(String(20))
    new_status: Mapped[str | None] = mapped_column(String(20))
    source_file: Mapped[str | None] = mapped_column(Text)
    source_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    detail: Mapped[str | None] = mapped_column(Text)  # JSON: the values received, or why they were not recorded

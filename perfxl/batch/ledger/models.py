"""The ledger schema (SQLAlchemy 2): runs, the files each run saw, one result per file, its findings.

Alembic migrations in `migrations/versions` create exactly this schema (a test compares them).
Timestamps are naive UTC. JSON payloads are stored as text so SQLite and PostgreSQL behave alike.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Text
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

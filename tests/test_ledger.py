"""The ledger on SQLite always, and on a real PostgreSQL server when PERFXL_TEST_PG_URL is set
(.ci/run starts a throwaway cluster on 127.0.0.1 and sets it; elsewhere those tests skip)."""

import json
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from perfxl.batch import BatchOptions, Outcome, Status, run_batch
from perfxl.batch.ledger import LedgerError, database_url, open_ledger
from perfxl.batch.ledger.models import Base
from perfxl.domain import Finding, Severity

PG_ENV = "PERFXL_TEST_PG_URL"


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"未设置 {PG_ENV}，跳过 PostgreSQL 测试（CI 的 .ci/run 会安装并启动 PostgreSQL；本地可设置 "
                    f"{PG_ENV}=postgresql://用户@127.0.0.1:端口/库 后运行）")
    return url


@pytest.fixture
def pg_url():
    """A fresh database on the test server, dropped afterwards."""
    import psycopg

    admin = _pg_admin_url()
    conninfo = admin.replace("postgresql+psycopg://", "postgresql://")
    name = f"perfxl_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = conninfo.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "ledger.sqlite")
    return request.getfixturevalue("pg_url")


def outcome(file_id, file, status=Status.SCORED, findings=(), **kw) -> Outcome:
    return Outcome(file_id, file, status, findings=tuple(findings), **kw)


def warn(code="S201", message="自评得分与规则得分不一致") -> Finding:
    return Finding(code, Severity.WARNING, message, location="自评表!H15", hint="请核对")


def err(code="S202", message="总分不等于各项得分之和") -> Finding:
    return Finding(code, Severity.ERROR, message)


def start(ledger, config_hash="c1"):
    return ledger.start_run(input="/in", out_dir="/out", executor="local", workers=2, config_hash=config_hash,
                            config_sources=["perfxl.toml"], goals=None, options={"annotate": False}, version="0.1.0")


def test_database_url():
    assert database_url("a/ledger.sqlite").startswith("sqlite:////")
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_migrations_create_the_model_schema(url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    open_ledger(url).close()
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "version_table": "perfxl_ledger_version"})
        diff = compare_metadata(context, Base.metadata)
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert diff == []
    assert {"runs", "files", "results", "findings", "perfxl_ledger_version"} <= tables
    open_ledger(url).close()  # opening again is a no-op upgrade


def test_round_trip_and_queries(url):
    with open_ledger(url) as ledger:
        run = start(ledger)
        ids = ledger.add_files(run, [(0, "a/甲.xlsx", "甲.xlsx", "aa" * 32, 100), (1, "b.docx", "b.docx", "bb" * 32, 5),
                                     (2, "c.xlsx", "c.xlsx", "cc" * 32, 7)])
        ledger.add_results(run, "c1", [
            outcome(ids[0], "a/甲.xlsx", Status.ERRORS, [err(), warn()], reason="总分不等于各项得分之和",
                    kind="project_selfeval", year=2024, unit="某某县教育局", project="校舍维修", total=88.5,
                    self_total=90.0, difference=1.5, grade="良", execution_rate=0.95),
            outcome(ids[1], "b.docx", Status.NOT_FORM, [Finding("T104", Severity.ERROR, "不是工作簿")], reason="不是工作簿"),
        ], {ids[0]: "aa" * 32, ids[1]: "bb" * 32})
        assert ledger.missing_results(run) == [(ids[2], "c.xlsx")]
        ledger.add_results(run, "c1", [outcome(ids[2], "c.xlsx", Status.TIMEOUT, reason="超时")], {})
        assert ledger.status_counts(run) == {"errors": 1, "not_form": 1, "timeout": 1}
        rows = list(ledger.iter_results(run))
        assert [r.path for r in rows] == ["a/甲.xlsx", "b.docx", "c.xlsx"]
        assert (rows[0].errors, rows[0].warnings, rows[0].total) == (1, 1, 88.5)
        assert [f.code for f in ledger.iter_findings(run)] == ["S202", "S201", "T104"]
        assert ledger.finding_count(run) == 3
        assert ledger.top_findings(run)[0][0] in {"S202", "S201", "T104"}
        assert list(ledger.execution_rates(run)) == [0.95]
        ledger.set_ranks([(rows[0].id, 1, 1, "优秀")])
        assert [(r.rank, r.ranking_grade) for r in ledger.iter_ranked(run)] == [(1, "优秀")]
        counts = ledger.finish_run(run, "completed")
        assert counts == {"errors": 1, "not_form": 1, "timeout": 1}
        info = ledger.runs()[0]
        assert info.status == "completed" and info.file_count == 3 and info.config_sources == ["perfxl.toml"]
        # "what did we find for this unit, when"
        hits = ledger.show("教育局")
        assert [h.path for h in hits] == ["a/甲.xlsx"] and hits[0].started_at is not None
        assert [h.path for h in ledger.show("甲.xlsx")] == ["a/甲.xlsx"]
        assert [h.path for h in ledger.show("aa" * 5)] == ["a/甲.xlsx"]
        assert ledger.show("不存在的单位") == []


def test_reuse_and_copy(url):
    with open_ledger(url) as ledger:
        run1 = start(ledger)
        ids = ledger.add_files(run1, [(0, "x.xlsx", "x.xlsx", "11" * 32, 1), (1, "t.xlsx", "t.xlsx", "22" * 32, 1)])
        ledger.add_results(run1, "c1", [
            outcome(ids[0], "x.xlsx", Status.ERRORS, [err("D501", "重复"), warn()], reason="重复"),
            outcome(ids[1], "t.xlsx", Status.TIMEOUT, reason="超时"),
        ], {ids[0]: "11" * 32, ids[1]: "22" * 32})
        assert ledger.reusable("c1", "11" * 32, "x.xlsx")[0] is not None
        assert ledger.reusable("c2", "11" * 32, "x.xlsx") is None  # other config
        assert ledger.reusable("c1", "11" * 32, "~$x.xlsx") is None  # the name matters to the reader
        assert ledger.reusable("c1", "22" * 32, "t.xlsx") is None  # timeouts are retried
        old, _ = ledger.reusable("c1", "11" * 32, "x.xlsx")
        run2 = start(ledger)
        new_ids = ledger.add_files(run2, [(0, "x.xlsx", "x.xlsx", "11" * 32, 1), (1, "y.xlsx", "y.xlsx", "11" * 32, 1)])
        ledger.copy_results(run2, [(old, new_ids[0], None), (old, new_ids[1], "批注/y.xlsx")])
        rows = list(ledger.iter_results(run2))
        # the batch-level D501 is dropped (recomputed per batch), status and counts follow
        assert [(r.status, r.errors, r.warnings, r.reused_from, r.annotated) for r in rows] == [
            ("scored", 0, 1, old, None), ("scored", 0, 1, old, "批注/y.xlsx")]
        assert [f.code for f in ledger.iter_findings(run2)] == ["S201", "S201"]
        ledger.add_findings({rows[1].id: [err("D501", "与 x.xlsx 内容完全相同")]})
        again = list(ledger.iter_results(run2))[1]
        assert (again.status, again.errors, again.reason) == ("errors", 1, "与 x.xlsx 内容完全相同")


def test_bad_url_is_a_ledger_error(tmp_path):
    with pytest.raises(LedgerError):
        open_ledger("nosuchdriver://x/y")
    with pytest.raises(LedgerError):
        open_ledger("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_batch_on_each_backend(url, tmp_path):
    from perfxl.batch.demo import build_corpus

    corpus = build_corpus(tmp_path / "in", count=3, seed=5, broken=False, hostile=False, workers=1)
    first = run_batch(BatchOptions(corpus.folder, tmp_path / "out", workers=1, db=url))
    second = run_batch(BatchOptions(corpus.folder, tmp_path / "out", workers=1, db=url, resume=True))
    assert first.total == second.total == 3 and second.reused == 3
    assert json.loads(Path(tmp_path / "out" / "results.json").read_text("utf-8"))
    with open_ledger(url) as ledger:
        runs = ledger.runs()
        assert [r.status for r in runs] == ["completed", "completed"] and runs[0].resumed_from == runs[1].id

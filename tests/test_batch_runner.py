"""The batch runner's own promises: the result names the executor that ran, and a run that fails on the
way is marked "failed" in the ledger, its error reaching the caller with nothing left behind."""

import os
import sqlite3

import pytest

from perfxl.batch import BatchOptions, run_batch
from perfxl.batch import runner as runner_module
from perfxl.batch.demo import build_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("inbox") / "收集", count=3, seed=11, workers=1)


def test_result_names_the_executor_and_its_workers(corpus, tmp_path):
    pooled = run_batch(BatchOptions(corpus.folder, tmp_path / "a", summary=False))
    assert (pooled.executor, pooled.workers) == ("local", os.cpu_count())
    inline = run_batch(BatchOptions(corpus.folder, tmp_path / "b", workers=0, summary=False))
    assert (inline.executor, inline.workers) == ("inline", 0)


def test_failure_while_writing_outputs_marks_the_run_failed(corpus, tmp_path, monkeypatch):
    def disk_full(*_args):
        raise OSError("磁盘已满")

    monkeypatch.setattr(runner_module, "write_results_from", disk_full)
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(OSError, match="磁盘已满"):
        run_batch(BatchOptions(corpus.folder, tmp_path / "out", workers=0, work_dir=work))
    with sqlite3.connect(tmp_path / "out" / "ledger.sqlite") as db:
        assert db.execute("select status from runs").fetchall() == [("failed",)]
    assert list(work.iterdir()) == []  # the unpacked-archive folder is removed
    assert not (tmp_path / "out" / "results.json").exists()

"""`perfxl batch` and `perfxl ledger` from the command line; interruption and --resume."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from perfxl.batch import BatchOptions, run_batch
from perfxl.batch.demo import build_corpus
from perfxl.batch.progress import NullReporter
from perfxl.cli import (
    app,
    commands,  # noqa: F401  (registers the commands)
)

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("cli") / "收集", count=8, seed=9, workers=1)


def test_batch_command_and_ledger_queries(corpus, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(corpus.folder), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 1, result.output  # the corpus has unreadable files: problems found
    assert "批量处理完成" in result.output and "汇总.xlsx" in result.output
    assert "共 " in result.output  # not a terminal: plain progress lines instead of a bar
    rows = json.loads((out / "results.json").read_text("utf-8"))
    assert len(rows) == corpus.files

    runs = runner.invoke(app, ["ledger", "runs", "--out", str(out), "--json"])
    assert runs.exit_code == 0, runs.output
    listed = json.loads(runs.output)
    assert listed[0]["status"] == "completed" and listed[0]["file_count"] == corpus.files

    unit = next(r["unit"] for r in rows if r["unit"] and not r["unit"].startswith("="))
    shown = runner.invoke(app, ["ledger", "show", unit, "--out", str(out)])
    assert shown.exit_code == 0 and unit in shown.output
    as_json = json.loads(runner.invoke(app, ["ledger", "show", unit, "--out", str(out), "--json"]).output)
    assert as_json and all(item["unit"] == unit for item in as_json)
    table = runner.invoke(app, ["ledger", "runs", "--out", str(out)])
    assert table.exit_code == 0 and "批量处理记录" in table.output


def test_quiet_and_clean_exit(corpus, tmp_path):
    folder = corpus.folder / corpus.forms[0].split("/")[0]
    result = runner.invoke(app, ["batch", str(folder), "--out", str(tmp_path / "o"), "-q", "-w", "1"])
    assert result.output == ""
    assert result.exit_code in (0, 1)


def test_usage_errors(tmp_path):
    assert runner.invoke(app, ["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]).exit_code == 2
    both = runner.invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--scheduler", "tcp://x:1",
                               "--dask-local", "1"])
    assert both.exit_code == 2
    bad_db = runner.invoke(app, ["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--db", "nosuch://x"])
    assert bad_db.exit_code == 2 and "数据库" in bad_db.output
    assert runner.invoke(app, ["ledger", "runs", "--out", str(tmp_path / "none")]).exit_code == 2


def test_empty_input_is_a_warning_and_exit_2(tmp_path):
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    result = runner.invoke(app, ["batch", str(empty), "--out", str(tmp_path / "o"), "-w", "0"])
    assert result.exit_code == 2
    assert "没有任何文件" in result.stderr


def test_goals_folder_with_other_files_gives_one_line(corpus, tmp_path):
    result = runner.invoke(app, ["batch", str(corpus.folder), "--out", str(tmp_path / "o"), "-w", "0",
                                 "--goals", str(corpus.folder)], env={"COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.output
    ignored = [line for line in result.output.splitlines() if "不是绩效目标申报表" in line]
    assert len(ignored) == 1 and "个文件" in ignored[0]


class StopAfter(NullReporter):
    """Simulates Ctrl-C after `n` files."""

    def __init__(self, n: int):
        self.n = n

    def advance(self, progress) -> None:
        if progress.done >= self.n:
            raise KeyboardInterrupt


def test_interrupt_leaves_no_outputs_and_resume_completes(corpus, tmp_path):
    out = tmp_path / "out"
    stopped = run_batch(BatchOptions(corpus.folder, out, workers=2), StopAfter(10))
    assert stopped.interrupted
    assert not (out / "汇总.xlsx").exists() and not (out / "results.json").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left
    done_before = sum(stopped.counts.values())
    assert 10 <= done_before < corpus.files
    with sqlite3.connect(out / "ledger.sqlite") as db:
        assert db.execute("select status from runs").fetchall() == [("interrupted",)]

    resumed = run_batch(BatchOptions(corpus.folder, out, workers=2, resume=True))
    assert not resumed.interrupted and resumed.total == corpus.files
    assert resumed.reused >= done_before - 6  # rows decided at discovery are recorded again, not reused
    rows = json.loads((out / "results.json").read_text("utf-8"))
    assert len(rows) == corpus.files


def test_ctrl_c_in_a_real_process(corpus, tmp_path):
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    code = ("import sys, time\n"
            "from perfxl.batch import work\n"
            "slow = work._process\n"
            "def _slow(config, task):\n"
            "    time.sleep(0.3)\n"
            "    return slow(config, task)\n"
            "work._process = _slow\n"
            "from perfxl.cli import main\n"
            "if __name__ == '__main__':\n"
            "    sys.argv = ['perfxl', 'batch', sys.argv[1], '--out', sys.argv[2], '--workers', '0']\n"
            "    main()\n")
    script = tmp_path / "slow_batch.py"
    script.write_text(code, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(corpus.folder), str(out)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ledger = out / "ledger.sqlite"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if ledger.exists():
            try:
                with sqlite3.connect(ledger) as db:
                    if db.execute("select count(*) from results").fetchone()[0] > 0:
                        break
            except sqlite3.Error:
                pass
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr.decode()
    assert "--resume" in stderr.decode()
    assert not (out / "汇总.xlsx").exists() and not (out / "results.json").exists()
    with sqlite3.connect(ledger) as db:
        assert db.execute("select status from runs").fetchone() == ("interrupted",)

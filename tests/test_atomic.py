"""Outputs are written atomically and with the usual file mode, so colleagues can open them."""

import os
import stat

import pytest

from perfxl import atomic
from perfxl.domain.kinds import FormKind
from perfxl.forms.write.template import build_workbook, save_atomic


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_output_gets_the_umask_mode(tmp_path, umask_022):
    target = tmp_path / "sub" / "results.json"
    atomic.write_text(target, "{}")
    assert _mode(target) == 0o644
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]


def test_replaced_output_keeps_its_mode(tmp_path, umask_022):
    target = tmp_path / "汇总.json"
    target.write_text("old")
    target.chmod(0o640)
    atomic.write_text(target, "new")
    assert target.read_text() == "new" and _mode(target) == 0o640


def test_failure_leaves_the_target_and_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("kept")
    with pytest.raises(RuntimeError), atomic.atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError
    assert target.read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_saved_workbook_gets_the_umask_mode(tmp_path, umask_022):
    path = save_atomic(build_workbook(FormKind.PROJECT_SELFEVAL)[0], tmp_path / "自评表.xlsx")
    assert _mode(path) == 0o644

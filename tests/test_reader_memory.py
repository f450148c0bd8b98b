"""A batch worker reads thousands of workbooks: each read must free its workbook (the file's bytes, the
sheet XML, calamine's book) when it returns, by reference counting alone. Objects left in reference
cycles wait for the garbage collector's rare full passes, and the workers' memory grew with every file."""

import gc

from perfxl.batch.work import Task, WorkerConfig, process_task
from perfxl.config import default_pack
from perfxl.forms.read.reader import read_workbook
from perfxl.forms.write.writer import write_form


def _cyclic_garbage(fn) -> int:
    fn()  # warm caches and imports first
    gc.collect()
    gc.disable()
    try:
        fn()
        return gc.collect()
    finally:
        gc.enable()


def test_reading_a_workbook_leaves_nothing_for_the_garbage_collector(samples, tmp_path):
    path = write_form(samples[0].form, tmp_path / "自评表.xlsx")
    assert _cyclic_garbage(lambda: read_workbook(path)) == 0


def test_a_batch_worker_task_leaves_nothing_for_the_garbage_collector(samples, tmp_path):
    path = write_form(samples[0].form, tmp_path / "自评表.xlsx")
    config = WorkerConfig(default_pack(), "test")
    assert _cyclic_garbage(lambda: process_task(config, Task(1, path.name, path.name, str(path)))) == 0

"""Batch processing: folders (or .zip archives) of collected workbooks → one result row per file,
汇总.xlsx, results.json and a ledger database; local processes by default, Dask for a cluster.

    run_batch(BatchOptions(input, out_dir, …), reporter) -> BatchResult
"""

from perfxl.batch.outcome import Outcome, Status
from perfxl.batch.runner import BatchError, BatchOptions, BatchResult, run_batch

__all__ = ["BatchError", "BatchOptions", "BatchResult", "Outcome", "Status", "run_batch"]

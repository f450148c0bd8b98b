"""The batch ledger: every run, file, result and finding in a database (SQLite by default, PostgreSQL by URL)."""

from perfxl.batch.ledger.store import DEFAULT_NAME, Ledger, LedgerError, RunInfo, database_url, open_ledger

__all__ = ["DEFAULT_NAME", "Ledger", "LedgerError", "RunInfo", "database_url", "open_ledger"]

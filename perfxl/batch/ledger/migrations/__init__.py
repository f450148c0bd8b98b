"""Alembic migration scripts for the ledger, shipped inside the package and run on open."""

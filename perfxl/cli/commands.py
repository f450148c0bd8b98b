"""Imports every command module so that each registers its commands on the app."""

from perfxl.cli import (  # noqa: F401
    batch,
    demo,
    ledger,
    notices,
    read,
    report,
    rules_cmd,
    score,
    serve,
    summary_report,
    templates,
    validate,
)

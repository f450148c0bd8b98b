"""Imports every command module so that each registers its commands on the app."""

from perfxl.cli import batch, demo, ledger, notices, read, rules_cmd, score, templates, validate  # noqa: F401

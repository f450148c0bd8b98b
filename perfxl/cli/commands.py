"""Imports every command module so that each registers its commands on the app."""

from perfxl.cli import batch, demo, ledger, read, rules_cmd, score, serve, templates, validate  # noqa: F401

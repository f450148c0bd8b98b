"""Imports every command module so that each registers its commands on the app."""

from perfxl.cli import demo, score  # noqa: F401

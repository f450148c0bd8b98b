"""The ASGI app `perfxl serve` runs: xlwings Server's app with perfxl's request guard (perfxl.server.guard)."""

from xlwings_server.main import app, main_app

from perfxl.server.guard import install

install(app)

__all__ = ["main_app"]

"""perfxl's endpoints (batch upload, downloads, templates), registered by xlwings Server as its custom router."""

from perfxl.server.routes import router  # noqa: F401

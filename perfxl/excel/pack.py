"""The rule pack the Excel doors use: $PERFXL_CONFIG (set by `perfxl serve --config`), else a
perfxl.toml in the working folder, else the national defaults. Loaded once per process."""

import os
from functools import cache

from perfxl import api

CONFIG_ENV = "PERFXL_CONFIG"


@cache
def active_pack():
    return api.rule_pack(os.environ.get(CONFIG_ENV) or None)

"""The workbook linter: a registry of coded rules with Chinese messages, run over one form at a time."""

from perfxl.rules.base import Context, Rule
from perfxl.rules.check import check_form
from perfxl.rules.registry import register, rules
from perfxl.rules.settings import settings

__all__ = ["Context", "Rule", "check_form", "register", "rules", "settings"]

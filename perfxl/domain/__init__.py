"""Pure data and vocabulary of budget performance forms. Imports nothing else of perfxl."""

from perfxl.domain.finding import Finding, Severity
from perfxl.domain.hierarchy import HIERARCHIES, Edition, Hierarchy
from perfxl.domain.kinds import FormKind
from perfxl.domain.model import Budget, CellRef, Form, Goals, Indicator, Project, Task, Unit

__all__ = [
    "HIERARCHIES", "Budget", "CellRef", "Edition", "Finding", "Form", "FormKind", "Goals",
    "Hierarchy", "Indicator", "Project", "Severity", "Task", "Unit",
]

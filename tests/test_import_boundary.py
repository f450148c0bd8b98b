"""Doors (the CLI, the Excel functions and scripts, the add-in server) come in through `perfxl.api`.

A door may import perfxl.api, its own package, and the plain data of perfxl.domain (and perfxl.atomic). The
CLI commands listed in BELOW_API still reach past the API; that list only shrinks (open work, issue 9): a new
door module importing below the API fails, and so does an entry that is no longer needed.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).parent.parent / "perfxl"
DOORS = ("cli", "excel", "server")
ALLOWED = ("perfxl.api", "perfxl.domain", "perfxl.atomic", *(f"perfxl.{door}" for door in DOORS))
BELOW_API = {
    "cli/report.py": {"perfxl.documents", "perfxl.documents.gallery", "perfxl.forms.write.libreoffice"},
}


def _below_api(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else \
            [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        for name in names:
            if name.startswith("perfxl.") and not name.startswith(ALLOWED):
                found.add(name)
    return found


def test_doors_import_only_the_api():
    actual = {}
    for door in DOORS:
        for path in sorted((ROOT / door).rglob("*.py")):
            below = _below_api(path)
            if below:
                actual[path.relative_to(ROOT).as_posix()] = below
    new = {module: names - BELOW_API.get(module, set()) for module, names in actual.items()}
    assert not {m: n for m, n in new.items() if n}, "doors reaching below perfxl.api (use or extend the API)"
    stale = {module: names - actual.get(module, set()) for module, names in BELOW_API.items()}
    assert not {m: n for m, n in stale.items() if n}, "no longer needed: remove from BELOW_API"

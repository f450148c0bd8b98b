"""Doors (the CLI, the Excel functions and scripts, the add-in server) come in through `perfxl.api`.

A door may import perfxl.api, its own package, and the plain data of perfxl.domain (and perfxl.atomic); any
other perfxl import in a door fails here: give the API what the door needs.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).parent.parent / "perfxl"
DOORS = ("cli", "excel", "server")
ALLOWED = ("perfxl.api", "perfxl.domain", "perfxl.atomic", *(f"perfxl.{door}" for door in DOORS))


def below_api(source: str) -> set[str]:
    """The perfxl modules below the API that `source` imports."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "perfxl":  # from perfxl import rules
            names = [f"perfxl.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        else:
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        for name in names:
            if name.startswith("perfxl.") and not name.startswith(ALLOWED):
                found.add(name)
    return found


def test_doors_import_only_the_api():
    reaching = {}
    for door in DOORS:
        for path in sorted((ROOT / door).rglob("*.py")):
            below = below_api(path.read_text(encoding="utf-8"))
            if below:
                reaching[path.relative_to(ROOT).as_posix()] = below
    assert not reaching, "doors reaching below perfxl.api (use or extend the API)"


def test_a_door_import_below_the_api_is_caught():
    assert below_api("def f():\n    from perfxl.rules.check import adjust\n") == {"perfxl.rules.check"}
    assert below_api("from perfxl import api, atomic, rectification as r\n") == {"perfxl.rectification"}
    assert below_api("import perfxl.batch.ledger\nfrom perfxl import api\nfrom perfxl.domain import Form\n") \
        == {"perfxl.batch.ledger"}

"""The public door writes cases only through the cases services (one write path).

The building blocks of a case's history (numbering, deadlines, events, search text, locking,
file storage) are used by ``cases.services`` alone; ``public/`` calls its business-side
functions (``cases.services.opening``, ``cases.services.business_replies``) and writes only
its own models.
"""

import ast
from pathlib import Path

import public

PUBLIC_DIR = Path(public.__file__).parent
BUILDING_BLOCKS = {
    "allocate_number",
    "due_date_for",
    "refresh_search_vector",
    "record_event",
    "record",
    "lock_case",
    "register_case",
    "store_attachment",
}
WRITES = {"create", "get_or_create", "update_or_create", "bulk_create", "update", "delete"}


def public_modules():
    for path in sorted(PUBLIC_DIR.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def cases_writes(tree: ast.Module) -> list[str]:
    cases_models = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "cases.models"
        for alias in node.names
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cases.services"):
            found += [a.name for a in node.names if a.name in BUILDING_BLOCKS]
        # Model.objects.create(...) and the like, on a model of the cases app.
        if (
            isinstance(node, ast.Attribute)
            and node.attr in WRITES
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "objects"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id in cases_models
        ):
            found.append(f"{node.value.value.id}.objects.{node.attr}")
    return found


def test_the_public_door_writes_cases_only_through_the_cases_services():
    offenders = {
        str(path.relative_to(PUBLIC_DIR)): writes
        for path, tree in public_modules()
        if (writes := cases_writes(tree))
    }
    assert offenders == {}

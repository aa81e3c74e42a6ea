"""The shape of the code, checked on its source (``ast``, nothing imported or run):

1. **Apps depend one way** (CONVENTIONS rule 20). ``ALLOWED_IMPORTS`` is the dependency graph as
   data: an app imports only the apps listed for it. ``cases`` knows nothing of the apps built
   on it (``public``, ``training``, ``stats``): they plug in through ``cases/hooks.py``.
   ``accounts`` and ``notifications`` serve every app and import none of them.
2. **One write path** (rule 1). Outside services, migrations and tests, no code writes a model
   of the portal: no ``Model.objects.create/update/delete/bulk_create/...`` (also through a
   queryset chain), no ``.save()`` / ``.delete()`` on an instance or a form, no admin
   ``super().save_model()``. Model modules (the invariants in ``save`` overrides) and the
   event builders are outside the rule; the generator's writer is ``demo/services/`` (it
   exists to write planned stories in bulk, through the builders). Today's offenders are
   listed in ``KNOWN_WRITES``, each with its reason: the test fails on any new one, and on a
   listed one that is gone (shrink the list).
3. **One builder per event kind** (rule 18): a ``CaseEvent`` is constructed only in
   ``cases/events/`` and saved only by ``cases.services.events.record``; the generator
   (``demo/services/stories.py``, for the demo and the bench) writes what the builders made.
   Likewise a ``TrainingEvent`` is constructed only in ``training/events.py`` and saved by
   ``training.services.history.record``.
4. **Short functions** (issue 11, item 6): no function of the apps is longer than 60 lines
   (migrations, tests and the generator in ``demo/`` aside), exceptions in ``LONG_FUNCTIONS``.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# --- 1. The dependency graph ----------------------------------------------------------------
# app -> the first-party packages it may import (besides itself). A new app must be added here.
ALLOWED_IMPORTS: dict[str, frozenset[str]] = {
    # Configuration history (who changed which setting, old and new values): the admin of
    # every app records through it; it knows no app.
    "confighistory": frozenset(),
    # Who a user is (departments, roles): the bottom layer of the domain.
    # It uses the project package's helpers (the fail-open rate limit of
    # lotsportal/public_forms.py); only navigation.py and views.py of lotsportal import it.
    "accounts": frozenset({"confighistory", "lotsportal"}),
    # The e-mail outbox: serves cases and training, knows neither.
    # (confighistory: the e-mail texts an administrator rewords keep their history.)
    "notifications": frozenset({"accounts", "confighistory", "lotsportal"}),
    # The project package: settings and URLs name the apps by string (also the checks of
    # /healthz, settings.HEALTH_CHECKS); its helpers (navigation, public_forms, spreadsheets,
    # tasking) know only who the user is, so every app may use them.
    "lotsportal": frozenset({"accounts"}),
    # Business cases: the base the other apps build on.
    "cases": frozenset({"confighistory", "accounts", "notifications", "lotsportal"}),
    # The business owner's door and the training course build on cases.
    "public": frozenset({"confighistory", "accounts", "notifications", "lotsportal", "cases"}),
    "training": frozenset({"confighistory", "accounts", "notifications", "lotsportal", "cases"}),
    # The REST API and webhooks for the municipality's systems: built on cases and training,
    # through their selectors, services and permission functions; nothing imports it (it hears
    # of timeline events through cases/hooks.py).
    "api": frozenset({"accounts", "notifications", "lotsportal", "cases", "training"}),
    # E-mail in: the business's answer by e-mail joins its case through the public door's
    # reply path; cases hears of it only through cases/hooks.py (the reply address).
    "mailin": frozenset({"accounts", "notifications", "lotsportal", "cases", "public"}),
    # The e-archive export: reads a closed case through its own selector and records the
    # export through cases.services.archiving; cases knows it through cases/hooks.py only.
    "earchive": frozenset({"accounts", "lotsportal", "cases"}),
    # The knowledge bank (Lotsbanken): built on cases (a case's answer becomes a draft; it
    # plugs into the case pages through cases/hooks.py) and training (an article proposes a
    # course question through the course's proposal flow). Only the demo imports it.
    "knowledge": frozenset({"accounts", "notifications", "lotsportal", "cases", "training"}),
    # Business development (company visits, workshops, ideas): built on cases and training;
    # cases hears of it only through cases/hooks.py (the company page and the case page). It
    # registers its indicators in the statistics' SS 884000 self-check (development/selfcheck.py).
    "development": frozenset(
        {"confighistory", "accounts", "notifications", "lotsportal", "cases", "training", "stats"}
    ),
    # Statistics read every app and nobody reads them.
    "stats": frozenset(
        {"confighistory", "accounts", "notifications", "lotsportal", "cases", "public", "training"}
    ),
    # The demo municipality and the one generator of stories (seed_demo, bench/): on top of
    # every app; nobody but the bench imports it. Its writes live in demo/services/.
    "demo": frozenset(
        {
            "confighistory",
            "accounts",
            "notifications",
            "lotsportal",
            "cases",
            "public",
            "training",
            "stats",
            "knowledge",
            "development",
        }
    ),
    # The benchmarks: tooling on top of everything, generating through demo/.
    "bench": frozenset(
        {
            "confighistory",
            "accounts",
            "notifications",
            "lotsportal",
            "cases",
            "public",
            "training",
            "stats",
            "knowledge",
            "development",
            "demo",
        }
    ),
}
FIRST_PARTY = frozenset(ALLOWED_IMPORTS)


def python_files(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imported_packages(source: str) -> set[str]:
    """The first-party top-level packages a module imports (anywhere in it, also inside a
    function or under ``TYPE_CHECKING``); relative imports stay within the package."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names} & FIRST_PARTY
    return found


def forbidden(app: str, source: str) -> set[str]:
    """The packages a module of ``app`` imports that the graph does not allow it."""
    return imported_packages(source) - ALLOWED_IMPORTS[app] - {app}


def forbidden_imports() -> dict[str, set[str]]:
    offenders: dict[str, set[str]] = {}
    for app in ALLOWED_IMPORTS:
        for path in python_files(app):
            if wrong := forbidden(app, path.read_text(encoding="utf-8")):
                offenders[str(path.relative_to(ROOT))] = wrong
    return offenders


def test_apps_import_each_other_only_along_the_allowed_graph():
    assert forbidden_imports() == {}


def test_every_app_of_the_portal_has_its_place_in_the_graph():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= FIRST_PARTY, f"add {sorted(apps - FIRST_PARTY)} to ALLOWED_IMPORTS"


def test_cases_does_not_import_the_apps_built_on_it():
    """The rule the graph above encodes, said once more for the app it matters most for."""
    for path in python_files("cases"):
        imported = imported_packages(path.read_text(encoding="utf-8"))
        assert not imported & {
            "public",
            "training",
            "stats",
            "knowledge",
            "mailin",
            "earchive",
            "api",
            "development",
        }, path


BUILT_ON_CASES = (
    "public",
    "training",
    "stats",
    "knowledge",
    "knowledge_public",
    "mailin",
    "earchive",
    "api",
    "development",
)
URL_NAME_OF_AN_APP_BUILT_ON_CASES = re.compile(
    r"(?:\{%\s*url|reverse(?:_lazy)?\()\s*['\"](?:" + "|".join(BUILT_ON_CASES) + "):"
)


def test_cases_names_no_address_of_the_apps_built_on_it():
    """Nor by URL name: a link to them is a fragment they contribute (``cases/hooks.py``)."""
    places = [*python_files("cases"), *sorted((ROOT / "templates" / "cases").rglob("*.*"))]
    named = [
        str(path.relative_to(ROOT))
        for path in places
        if URL_NAME_OF_AN_APP_BUILT_ON_CASES.search(path.read_text(encoding="utf-8"))
    ]
    assert named == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("{% url 'training:propose' %}", True),
        ('reverse("public:resend_link")', True),
        ("reverse_lazy('stats:report')", True),
        ("{% url 'cases:detail' case.pk %}", False),
        ('reverse("cases:company_detail", args=[1])', False),
    ],
)
def test_the_url_check_sees_a_planted_address(text, found):
    assert bool(URL_NAME_OF_AN_APP_BUILT_ON_CASES.search(text)) is found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from public.models import IntakeDetails", {"public"}),
        ("import training.services.attempts as attempts", {"training"}),
        ("def f():\n    from stats import selectors\n", {"stats"}),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import public\n", {"public"}),
        ("from . import hooks\nfrom ..models import Case\nimport django", set()),
    ],
)
def test_the_import_check_sees_every_form_of_import(source, expected):
    assert imported_packages(source) == expected


@pytest.mark.parametrize(
    ("app", "source", "expected"),
    [
        ("cases", "from public.models import IntakeDetails", {"public"}),
        ("cases", "from training.models import Course", {"training"}),
        ("cases", "from stats import selectors", {"stats"}),
        ("accounts", "from cases.models import Case", {"cases"}),
        ("notifications", "from public.models import SurveyInvitation", {"public"}),
        ("public", "from training.models import Diploma", {"training"}),
        ("public", "from cases.models import Case\nfrom accounts import permissions", set()),
        ("stats", "from public.nki import nki_rows\nfrom training.models import Course", set()),
    ],
)
def test_the_graph_refuses_a_planted_import(app, source, expected):
    assert forbidden(app, source) == expected


# --- 2. One write path ----------------------------------------------------------------------
QUERYSET_WRITES = frozenset(
    {
        "create",
        "get_or_create",
        "update_or_create",
        "bulk_create",
        "bulk_update",
        "update",
        "delete",
    }
)
# Calls that return a queryset (or manager) of the same model: a write at the end of such a
# chain is a write on that model.
QUERYSET_STEPS = frozenset(
    {
        "all",
        "filter",
        "exclude",
        "select_for_update",
        "select_related",
        "prefetch_related",
        "order_by",
        "only",
        "defer",
        "distinct",
        "annotate",
        "using",
    }
)
# Instance (or ModelForm / formset / admin) calls that write.
INSTANCE_WRITES = frozenset({"save", "delete"})
ADMIN_WRITES = frozenset({"save_model", "delete_model", "delete_queryset", "save_related"})


@dataclass(frozen=True)
class Write:
    function: str  # "Class.method", "function" or "<module>"
    call: str  # what was called, e.g. "Case.objects.filter().update"


def _model_names(tree: ast.Module, models: frozenset[str]) -> set[str]:
    """The portal's model classes a module can name (imported or defined in it)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names |= {alias.asname or alias.name for alias in node.names if alias.name in models}
        elif isinstance(node, ast.ClassDef) and node.name in models:
            names.add(node.name)
    return names


def _chain_root(node: ast.expr) -> tuple[str | None, list[str]]:
    """For ``Case.objects.filter(x).update(y)`` -> ("Case", ["objects", "filter", "update"])."""
    steps: list[str] = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            steps.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id, steps[::-1]
        else:
            return None, steps[::-1]


def _is_write(call: ast.Call, model_names: set[str]) -> str | None:
    if not isinstance(call.func, ast.Attribute):
        return None
    method = call.func.attr
    root, steps = _chain_root(call.func)
    if method in QUERYSET_WRITES and root in model_names and steps[:1] == ["objects"]:
        if all(step in QUERYSET_STEPS for step in steps[1:-1]):
            return f"{root}.{'.'.join(steps)}"
    if method in QUERYSET_WRITES and len(steps) >= 2 and steps[-2] in QUERYSET_STEPS:
        # something.related.filter(...).update(...): a related manager's queryset.
        return f"{root}.{'.'.join(steps)}"
    if method in {"create", "bulk_create", "get_or_create", "update_or_create"} and (
        len(steps) >= 2 and root not in {"self", "cls"} | model_names
    ):
        # case.referrals.create(...): a related manager (a factory's create is in tests only).
        return f"{root}.{'.'.join(steps)}"
    if method in INSTANCE_WRITES and not call.args and not _commit_false(call):
        # obj.save(), obj.save(update_fields=...), form.save(), obj.delete() (a storage's or a
        # cache's delete(name) and a file's save(name, content) take a positional argument).
        return f"{root}.{'.'.join(steps)}"
    if method in ADMIN_WRITES and root == "super":
        return f"super().{method}"
    return None


def _commit_false(call: ast.Call) -> bool:
    return any(
        kw.arg == "commit" and isinstance(kw.value, ast.Constant) and kw.value.value is False
        for kw in call.keywords
    )


def model_writes(source: str, models: frozenset[str]) -> list[Write]:
    tree = ast.parse(source)
    model_names = _model_names(tree, models)
    found: list[Write] = []

    def visit(node: ast.AST, scope: list[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                visit(child, [*scope, child.name])
                continue
            if isinstance(child, ast.Call) and (call := _is_write(child, model_names)):
                found.append(Write(".".join(scope) or "<module>", call))
            visit(child, scope)

    visit(tree, [])
    return found


# Modules where writing a model directly is the job, or is no write of domain state.
def _outside_the_write_rule(rel: str) -> bool:
    parts = Path(rel).parts
    return (
        "services" in parts
        or rel.endswith("/services.py")
        or "models" in parts  # invariants in save() overrides
        or rel.endswith("/models.py")
        # The event builders build, never save.
        or rel.startswith("cases/events/")
        or rel in {"training/events.py", "development/events.py"}
    )


# Today's direct writes outside services, "file:function" -> why it is still there. The test
# fails on a write not listed here and on a listed one that is gone (then remove its line).
KNOWN_WRITES: dict[str, str] = {
    # The bench generates through demo/services/; only the fault replay cleans up after itself.
    "bench/faults_mail.py:main": "the outbox rows the mail-outage replay made, removed after",
    # Writes that belong in a service of their app (owners: publicdoor, training, stats).
    "public/tokens.py:issue_tracking_token": "called inside the intake service's transaction",
    "training/interchange/importer.py:import_parsed": "question-bank import creates topics",
    "stats/calendar_table.py:fill_calendar": "the working-day calendar table (derived data)",
    "stats/calendar_table.py:rebuild_calendar": "the working-day calendar table (derived data)",
}


def portal_models() -> frozenset[str]:
    from django.apps import apps

    return frozenset(
        model.__name__ for model in apps.get_models() if model._meta.app_label in FIRST_PARTY
    )


def writes_outside_services() -> dict[str, list[str]]:
    models = portal_models()
    found: dict[str, list[str]] = {}
    for app in ALLOWED_IMPORTS:
        for path in python_files(app):
            rel = str(path.relative_to(ROOT))
            if _outside_the_write_rule(rel):
                continue
            for write in model_writes(path.read_text(encoding="utf-8"), models):
                found.setdefault(f"{rel}:{write.function}", []).append(write.call)
    return found


def test_no_model_is_written_outside_the_services():
    new = {
        place: calls
        for place, calls in writes_outside_services().items()
        if place not in KNOWN_WRITES
    }
    assert new == {}, "write through a service (see CONVENTIONS rule 1)"


def test_the_list_of_known_direct_writes_only_shrinks():
    gone = set(KNOWN_WRITES) - set(writes_outside_services())
    assert gone == set(), "these no longer write directly: remove them from KNOWN_WRITES"


MODELS = frozenset({"Case", "Referral", "CaseEvent"})


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "from cases.models import Case\n"
            "def rename(request):\n    Case.objects.filter(pk=1).update(title='x')\n",
            [Write("rename", "Case.objects.filter.update")],
        ),
        (
            "from cases.models import Referral as R\nR.objects.create(case=None)\n",
            [Write("<module>", "R.objects.create")],
        ),
        (
            "class CaseAdmin:\n    def save_model(self, request, obj, form, change):\n"
            "        obj.status = 'closed'\n        obj.save(update_fields=['status'])\n",
            [Write("CaseAdmin.save_model", "obj.save")],
        ),
        (
            "class A:\n    def save_model(self, request, obj, form, change):\n"
            "        super().save_model(request, obj, form, change)\n",
            [Write("A.save_model", "super().save_model")],
        ),
        ("def v(case):\n    case.referrals.create(x=1)\n", [Write("v", "case.referrals.create")]),
        ("def v(case):\n    case.notes.all().delete()\n", [Write("v", "case.notes.all.delete")]),
        ("def v(form):\n    form.save()\n", [Write("v", "form.save")]),
        # Not writes of a model: a form not committed, files, caches, dicts, other classes.
        ("def v(form):\n    form.save(commit=False)\n", []),
        ("def v(storage, name):\n    storage.delete(name)\n    cache.delete('k')\n", []),
        ("def v(f, c):\n    f.file.save('a.pdf', c, save=False)\n", []),
        ("def v(context):\n    context.update(title='x')\n    d.update({'a': 1})\n", []),
        ("from cases.models import Case\nCase.objects.filter(pk=1).exists()\n", []),
    ],
)
def test_the_write_check_finds_a_planted_write(source, expected):
    assert model_writes(source, MODELS) == expected


# --- 3. Events only from their builders -----------------------------------------------------
def event_constructions(source: str, model: str = "CaseEvent") -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name == model:
            found.append(f"{model}(...)")
        root, steps = _chain_root(func)
        chain = [root, *steps]
        if model in chain and chain[-1] in {"create", "get_or_create", "update_or_create"}:
            found.append(".".join(chain[chain.index(model) :]))
    return found


# Each event model and the one module that builds it.
EVENT_BUILDERS = {
    "CaseEvent": "cases/events/registry.py",
    "TrainingEvent": "training/events.py",
    "DevelopmentEvent": "development/events.py",
}


@pytest.mark.parametrize(("model", "builders"), EVENT_BUILDERS.items())
def test_an_event_is_built_only_by_its_builder(model, builders):
    offenders = {}
    for app in ALLOWED_IMPORTS:
        for path in python_files(app):
            rel = str(path.relative_to(ROOT))
            if rel != builders and (built := event_constructions(path.read_text(), model)):
                offenders[rel] = built
    assert offenders == {}, f"build events with {builders}"


def test_the_event_check_finds_a_hand_made_event():
    source = (
        "from cases.models import CaseEvent\n"
        "CaseEvent.objects.bulk_create([CaseEvent(kind='opened', payload={})])\n"
        "models.CaseEvent.objects.create(kind='opened')\n"
    )
    assert sorted(event_constructions(source)) == ["CaseEvent(...)", "CaseEvent.objects.create"]


def test_the_event_check_finds_a_hand_made_training_event():
    source = (
        "from training.models import TrainingEvent\n"
        "def record(*, kind, **payload):\n"
        "    return TrainingEvent.objects.create(kind=kind, payload=payload)\n"
        "def later(kind):\n"
        "    return TrainingEvent(kind=kind, payload={})\n"
        "CaseEvent(kind='opened')\n"
    )
    assert sorted(event_constructions(source, "TrainingEvent")) == [
        "TrainingEvent(...)",
        "TrainingEvent.objects.create",
    ]


# --- 4. Short functions ---------------------------------------------------------------------
# Issue 11, item 6: a function over 60 lines (from ``def`` to its last line, docstring and
# comments included) is doing more than one job: split it into parts with names. Shipped app
# code only: migrations and tests are out, and so are the command-line tools in ``bench/``
# (their ``main`` reads as a script). The generator in ``demo/`` complies like every app.
MAX_FUNCTION_LINES = 60

# "file:function" -> why it is still longer; the test fails on a listed one that is gone or
# short again.
LONG_FUNCTIONS: dict[str, str] = {
    "demo/planner.py:Planner._live": "one line over since the generator landed; to split",
    "demo/services/course_results.py:write_training": "one line over; to split",
}


def _outside_the_length_rule(rel: str) -> bool:
    parts = Path(rel).parts
    return parts[0] == "bench"


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> dict[str, int]:
    """``Class.method`` or ``function`` (nested: ``outer.inner``) -> lines, for those over."""
    found: dict[str, int] = {}

    def visit(node: ast.AST, scope: list[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = [*scope, child.name]
                if not isinstance(child, ast.ClassDef):
                    lines = (child.end_lineno or child.lineno) - child.lineno + 1
                    if lines > limit:
                        found[".".join(name)] = lines
                visit(child, name)

    visit(ast.parse(source), [])
    return found


def functions_over_the_limit() -> dict[str, int]:
    found = {}
    for app in ALLOWED_IMPORTS:
        for path in python_files(app):
            rel = str(path.relative_to(ROOT))
            if _outside_the_length_rule(rel):
                continue
            for name, lines in long_functions(path.read_text(encoding="utf-8")).items():
                found[f"{rel}:{name}"] = lines
    return found


def test_no_function_of_the_apps_is_longer_than_60_lines():
    too_long = {
        place: lines
        for place, lines in functions_over_the_limit().items()
        if place not in LONG_FUNCTIONS
    }
    assert too_long == {}, f"split these into parts of at most {MAX_FUNCTION_LINES} lines"


def test_the_list_of_long_functions_only_shrinks():
    assert set(LONG_FUNCTIONS) - set(functions_over_the_limit()) == set()


def test_the_length_check_measures_from_def_to_the_last_line():
    body = "".join(f"    x{i} = {i}\n" for i in range(59))
    source = (
        f"def fits():\n{body}\n"  # 60 lines
        f"class A:\n    @property\n    def over(self):\n        y = 0\n"
        + "".join(f"        x{i} = {i}\n" for i in range(59))
        + "        def inner():\n            return 1\n"
    )
    assert long_functions(source) == {"A.over": 63}


@pytest.mark.parametrize(
    ("rel", "outside"),
    [
        ("bench/bench_pages.py", True),
        ("demo/planner.py", False),
        ("cases/views/cases.py", False),
        ("demo/management/commands/seed_demo.py", False),
    ],
)
def test_only_the_bench_tools_are_outside_the_length_rule(rel, outside):
    assert _outside_the_length_rule(rel) is outside


def test_every_path_the_type_check_names_exists():
    # mypy stops at the first missing path and checks nothing, so a module turned into a
    # package (training/admin.py -> training/admin/) must move in pyproject.toml too.
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    missing = [name for name in config["tool"]["mypy"]["files"] if not (ROOT / name).exists()]
    assert missing == []

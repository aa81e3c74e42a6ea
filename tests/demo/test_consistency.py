"""What the generator writes is what the services would have written, and the demo and the
bench are told by the same planner."""

from __future__ import annotations

import ast
import datetime
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchQuery
from django.utils import timezone

from cases.events import definition_of
from cases.models import Case, CaseEvent, EventKind, Message, Note, Referral
from cases.services.registration import refresh_search_vector
from cases.workflow import CaseStatus
from demo.generator import generate, generated_cases, planner_for
from demo.planner import TypeInfo
from demo.seed import SEED, demo_cases, seed_cases, seed_people
from demo.services.reference import demo_staff
from demo.world import BENCH, DEMO, DEMO_CASES

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 6, 15)
REFERRAL_KINDS = {
    EventKind.ROUTED,
    EventKind.REFERRAL_ACCEPTED,
    EventKind.REFERRAL_ANSWERED,
    EventKind.REFERRAL_DECLINED,
    EventKind.REFERRAL_WITHDRAWN,
}


@pytest.fixture
def generated(db):
    return generate(cases=200, seed=9, today=TODAY)


@pytest.mark.django_db
def test_every_generated_event_is_what_its_builder_makes(generated):
    events = CaseEvent.objects.filter(case__in=generated_cases())
    assert events.count() == generated["events"]
    for event in events:
        definition = definition_of(event.kind)
        keys = set(event.payload)
        assert definition.required_keys <= keys <= definition.keys, event.kind
        assert event.is_public == definition.public
    kinds = Counter(events.values_list("kind", flat=True))
    assert kinds[EventKind.OPENED] == 200
    assert kinds[EventKind.MESSAGE_SENT] and kinds[EventKind.NOTE_ADDED]


@pytest.mark.django_db
def test_timelines_name_the_rows_they_are_about(generated):
    referrals = {r.pk: r for r in Referral.objects.filter(case__in=generated_cases())}
    notes = dict(Note.objects.filter(case__in=generated_cases()).values_list("pk", "case_id"))
    messages = {m.pk: m for m in Message.objects.filter(case__in=generated_cases())}
    assert len(referrals) == generated["referrals"]
    routed = Counter()
    for event in CaseEvent.objects.filter(case__in=generated_cases()).order_by("created_at"):
        payload = event.payload
        if event.kind in REFERRAL_KINDS:
            referral = referrals[payload["referral"]]
            assert referral.case_id == event.case_id
            assert payload["department"] == referral.department.name
            routed[referral.pk] += event.kind == EventKind.ROUTED
            if event.kind == EventKind.ROUTED:
                assert event.created_at == referral.created_at
        elif event.kind == EventKind.NOTE_ADDED:
            assert notes[payload["note"]] == event.case_id
        elif event.kind in {EventKind.MESSAGE_SENT, EventKind.MESSAGE_RECEIVED}:
            message = messages[payload["message"]]
            assert message.case_id == event.case_id and message.created_at == event.created_at
    assert set(routed.values()) == {1} and len(routed) == len(referrals)


@pytest.mark.django_db
def test_the_status_is_where_the_timeline_leads(generated):
    for case in generated_cases().prefetch_related("events"):
        timeline = sorted(case.events.all(), key=lambda e: (e.created_at, e.pk))
        assert timeline[0].kind == EventKind.OPENED
        assert timeline[0].created_at == case.created_at
        moves = [e.payload for e in timeline if e.kind == EventKind.STATUS_CHANGED]
        assert (moves[-1]["to"] if moves else CaseStatus.NEW) == case.status
        for before, after in zip(moves, moves[1:], strict=False):
            assert before["to"] == after["from"]
        if moves:
            assert case.first_response_at == next(
                e.created_at for e in timeline if e.kind == EventKind.STATUS_CHANGED
            )


@pytest.mark.django_db
def test_the_search_text_is_the_one_the_services_write(generated):
    written = dict(generated_cases().values_list("pk", "search_vector"))
    assert all(written.values())
    for case in generated_cases().select_related("company")[:40]:
        refresh_search_vector(case)
    again = dict(generated_cases().values_list("pk", "search_vector"))
    assert all(again[pk] == written[pk] for pk in list(again)[:40])
    company = generated_cases().select_related("company").first().company
    name = company.name.split()[0]
    assert Case.objects.filter(search_vector=SearchQuery(name, config="swedish")).exists()


def _types():
    from cases.models import CaseType

    return {
        t.code: TypeInfo(t.code, t.lead_department.code, t.deadline_amount, t.deadline_unit)
        for t in CaseType.objects.select_related("lead_department")
    }


@pytest.mark.django_db
def test_the_demo_is_what_the_shared_planner_plans_for_the_demo():
    seed_people(lambda line: None)
    seed_cases(lambda line: None)
    planner = planner_for(
        profile=DEMO,
        cases=DEMO_CASES,
        seed=SEED,
        today=timezone.localdate(),
        types=_types(),
        officials=demo_staff(),
    )
    planned = [(s.created_at, s.title, s.status) for s in planner.stories(DEMO_CASES)]
    written = demo_cases().order_by("year", "sequence")
    assert list(written.values_list("created_at", "title", "status")) == planned


@pytest.mark.django_db
def test_the_bench_is_what_the_shared_planner_plans_for_the_bench(db):
    from demo.services.reference import ensure_officials, ensure_reference_data

    generate(cases=60, seed=4, today=TODAY, training=False)
    departments = ensure_reference_data().departments
    from demo.plan_extras import officials_per_department, plan_officials

    officials = ensure_officials(
        departments, plan_officials(list(departments), officials_per_department(60))
    )
    planner = planner_for(
        profile=BENCH, cases=60, seed=4, today=TODAY, types=_types(), officials=officials
    )
    planned = [(s.created_at, s.title, s.status) for s in planner.stories(60)]
    written = generated_cases().order_by("year", "sequence")
    assert list(written.values_list("created_at", "title", "status")) == planned


def _code_lines(folder: str) -> set[str]:
    """Lines of code (no imports, docstrings or short idioms) of the modules in ``folder``."""
    lines = set()
    for path in (ROOT / folder).rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        docstrings = {
            node.body[0].lineno
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for number, line in enumerate(source.splitlines(), 1):
            text = line.strip()
            if len(text) < 40 or number in docstrings or text.startswith(("from ", "import ")):
                continue
            lines.add(text)
    return lines


def test_demo_and_bench_share_no_lines_and_the_bench_generates_through_demo():
    assert _code_lines("bench") & _code_lines("demo") == set()
    source = (ROOT / "bench" / "generate.py").read_text(encoding="utf-8")
    assert "from demo.generator import" in source
    for gone in ("datagen", "storyline", "people", "extras", "workdays"):
        assert not (ROOT / "bench" / f"{gone}.py").exists()


PLANNING = ("planner.py", "plan_extras.py", "world.py", "texts.py", "workdays.py")


@pytest.mark.parametrize("name", PLANNING)
def test_the_planning_layer_touches_no_database(name):
    """Stories are planned in plain Python: no queries, no writes, no services."""
    tree = ast.parse((ROOT / "demo" / name).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(("." * node.level) + (node.module or ""))
        elif isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Attribute):
            assert node.attr != "objects", f"{name} queries the database"
    assert not {m for m in imported if m.startswith(("django.db", ".services"))}
    assert not {m for m in imported if ".services" in m or m.endswith("selectors")}

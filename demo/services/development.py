"""The demo municipality's business development (a step of ``seed_demo``; idempotent): a year
of company visits with insights, two DialogLab workshops and ideas in every state, some
realised and published. Everything through the development services, as an official would."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Department, User
from cases.models import Company
from development.models import Theme, Visit, VisitGoal
from development.services import ideas, visits, workshops
from development.workflow import IdeaStatus

from ..world import demo_email

INSIGHTS = [
    (
        "need",
        "Kompetensförsörjning",
        ["naringsliv"],
        "Svårt att rekrytera kockar och servispersonal.",
    ),
    (
        "problem",
        "Tillstånd och regler",
        ["samhallsbyggnad"],
        "Bygglovet för tillbyggnaden tog lång tid och kraven var otydliga.",
    ),
    (
        "suggestion",
        "Kommunens service",
        ["naringsliv", "kontaktcenter"],
        "En kontaktväg in till kommunen i stället för fem.",
    ),
    (
        "need",
        "Lokaler och mark",
        ["naringsliv", "samhallsbyggnad"],
        "Behöver större lokal inom två år, gärna nära E22.",
    ),
    ("problem", "Infrastruktur", ["teknik"], "Dålig snöröjning på industriområdets infart."),
    (
        "suggestion",
        "Upphandling",
        ["kommunledning"],
        "Dela upp upphandlingar så att små företag kan lämna anbud.",
    ),
]
PLAN = [
    # (title, why, what, how, final status, published)
    (
        "En väg in för företagare",
        "Företagen vet inte vem de ska ringa.",
        "Ett telefonnummer och en e-postadress för alla företagsfrågor.",
        "Kontaktcenter tar emot och lotsar vidare inom 48 timmar.",
        IdeaStatus.REALISED,
        True,
    ),
    (
        "Förhandsmöte inför bygglov",
        "Bygglov drar ut på tiden när underlaget är ofullständigt.",
        "Ett kostnadsfritt förhandsmöte innan ansökan.",
        "Bokas via webben, bygglov och miljö deltar.",
        IdeaStatus.REALISED,
        True,
    ),
    (
        "Lokalbank på webben",
        "Växande företag hittar inga lediga lokaler.",
        "En lista över lediga lokaler och mark.",
        "Näringsliv samlar in och publicerar varje månad.",
        IdeaStatus.REALISED,
        False,
    ),
    (
        "Mindre upphandlingar",
        "Små företag kan inte lämna anbud på stora avtal.",
        "Dela upp upphandlingar i delområden.",
        "Upphandlingsenheten prövar i tre avtal.",
        IdeaStatus.IMPLEMENTING,
        False,
    ),
    (
        "Snöröjning på industriområdet",
        "Leveranser stoppas vintertid.",
        "Industriområdet prioriteras i snöröjningen.",
        "Teknik ändrar prioritetsordningen.",
        IdeaStatus.DECIDED,
        False,
    ),
    (
        "Rekryteringsmässa",
        "Företagen har svårt att rekrytera.",
        "En gemensam mässa med gymnasiet.",
        "",
        IdeaStatus.PREPARING,
        False,
    ),
    (
        "Företagarfrukost varje månad",
        "Företagen vill träffa kommunen oftare.",
        "",
        "",
        IdeaStatus.PROPOSED,
        False,
    ),
    (
        "Egen busslinje till industriområdet",
        "Personalen har svårt att ta sig till jobbet.",
        "",
        "",
        IdeaStatus.REJECTED,
        False,
    ),
]
ORDER = [IdeaStatus.PREPARING, IdeaStatus.DECIDED, IdeaStatus.IMPLEMENTING, IdeaStatus.REALISED]


def _people() -> dict[str, User]:
    names = ("johan.ek", "amira.hassan", "sara.lind", "admin")
    return {name: User.objects.get(email=demo_email(name)) for name in names}


def _visits(people, departments, themes, companies) -> list:
    today = timezone.localdate()
    found = []
    for i, company in enumerate(companies):
        date = today - datetime.timedelta(days=15 * i + 3)
        held = date <= today
        visit = visits.plan_visit(
            by=people["johan.ek"],
            org_number=company.org_number,
            department=departments["naringsliv"],
            date=date,
            purpose="Lära känna företaget och dess behov",
            participants=[people["johan.ek"], people["amira.hassan"]][: 1 + i % 2],
            guests="Kommunalråd Eva Ek" if i % 4 == 0 else "",
        )
        if held:
            visits.register_visit_held(visit=visit, by=people["johan.ek"], notes="Bra samtal.")
        for kind, theme, codes, text in (INSIGHTS[i % 6], INSIGHTS[(i + 3) % 6]):
            found.append(
                visits.add_insight(
                    visit=visit,
                    by=people["johan.ek"],
                    kind=kind,
                    theme=themes[theme],
                    text=text,
                    departments=[departments[c] for c in codes],
                    # Brought home on the visit's day, so the lead time to realised is real.
                    at=_on(date) if held else None,
                )
            )
    return found


def _on(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(15, 0)))


def _workshops(people, insights) -> list:
    made = []
    for n, title in enumerate(("DialogLab: en väg in", "DialogLab: lokaler och mark")):
        workshop = workshops.create_workshop(
            by=people["johan.ek"],
            title=title,
            date=timezone.localdate() - datetime.timedelta(days=120 - 60 * n),
            place="Kommunhuset, sal Ekan",
            participants=[people["amira.hassan"], people["sara.lind"]],
            insights=insights[n * 3 : n * 3 + 3],
        )
        workshops.invite_business_owner(
            workshop=workshop,
            by=people["johan.ek"],
            name="Lisa Företagare",
            email=f"lisa{n}@foretag.example",
            company_name="Exempelbyns Bageri AB",
        )
        workshops.note_workshop_step(
            workshop=workshop,
            by=people["johan.ek"],
            number=2,
            notes="Företagen beskriver hur de möter kommunen i dag.",
        )
        made.append(workshop)
    return made


def _ideas(people, departments, insights, made) -> None:
    owner = people["johan.ek"]
    for i, (title, why, what, how, status, published) in enumerate(PLAN):
        idea = ideas.propose_idea(
            by=owner,
            title=title,
            why=why,
            what=what,
            how=how,
            source="workshop" if i < 2 else "visit",
            department=departments["naringsliv"],
            insights=insights[i : i + 2],
            workshop=made[i] if i < 2 else None,
        )
        if status == IdeaStatus.REJECTED:
            ideas.move_idea(
                idea=idea, by=owner, to=status, reason="Regionen ansvarar för kollektivtrafiken."
            )
            continue
        for step in ORDER[: ORDER.index(status) + 1] if status in ORDER else []:
            idea = ideas.move_idea(idea=idea, by=owner, to=step)
        if published:
            ideas.set_published(idea=idea, by=people["admin"], published=True)


def seed_development(report) -> None:
    people = _people()
    if Visit.objects.filter(created_by=people["johan.ek"]).exists():
        report("Business development: demo visits already exist; none added.")
        return
    with transaction.atomic():
        VisitGoal.objects.get_or_create(
            year=timezone.localdate().year, department=None, defaults={"visits": 30}
        )
        departments = {d.code: d for d in Department.objects.all()}
        themes = {t.name: t for t in Theme.objects.all()}
        companies = list(Company.objects.order_by("pk")[:24])
        insights = _visits(people, departments, themes, companies)
        made = _workshops(people, insights)
        _ideas(people, departments, insights, made)
    report(
        f"Business development: {len(companies)} visits, {len(insights)} insights, "
        f"2 workshops, {len(PLAN)} ideas."
    )

"""Cases in bulk for the plan tests (``test_list_scale.py``, ``test_list_counts_index.py``):
a register of a few thousand rows, spread as the generator spreads them, ANALYZEd."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from cases.models import Case, Referral
from cases.services.access import sync_case_access
from cases.services.registration import refresh_search_index

from .factories import door

ANALYZE = "ANALYZE cases_case, cases_referral, cases_caseaccess, cases_company, cases_casetype"
TITLES = ["Ny lokal för kontor", "Tillbyggnad av lager", "Skylt på fasaden", "Ny butik"]
ROWS = 4000
STATUSES = {1: "new", 2: "open"}  # else closed and decided in turn
# Priorities spread as in the generated data (about 18 % low, 73 % normal, 9 % high). With
# every case "normal", a cursor deep in the list is estimated to leave no row (PostgreSQL
# estimates a row comparison on its first column alone) and the plan sorts every match.
PRIORITIES = ["low", "low", *["normal"] * 8, "high"]


def bulk_cases(n, *, departments, companies, case_types, rare_titles=()):
    """``n`` cases spread over two years, every 30th confidential, a few referrals."""
    start = timezone.now() - dt.timedelta(days=730)
    the_door = door()
    rows = []
    for i in range(n):
        case_type = case_types[i % len(case_types)]
        title = rare_titles[i] if i < len(rare_titles) else f"{TITLES[i % len(TITLES)]} {i}"
        rows.append(
            Case(
                number=f"LOTS {2025 + i % 2}/{i + 1}",
                year=2025 + i % 2,
                sequence=i + 1,
                title=title,
                description="Verksamheten vill komma i gång i vår.",
                company=companies[i % len(companies)],
                case_type=case_type,
                door=the_door,
                opened_in=departments[i % len(departments)],
                lead_department=case_type.lead_department,
                status=STATUSES.get(i % 50, ["closed", "decided"][i % 2]),
                due_date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
                confidential=i % 30 == 0,
                priority=PRIORITIES[i % len(PRIORITIES)],
                created_at=start + dt.timedelta(minutes=263 * i),
            )
        )
    cases = Case.objects.bulk_create(rows, batch_size=1000)
    Referral.objects.bulk_create(
        Referral(
            case=case,
            department=departments[(i + 1) % len(departments)],
            request_text="Fråga",
            due_date=case.due_date,
        )
        for i, case in enumerate(cases)
        if i % 3 == 0
    )
    refresh_search_index(Case.objects.all())
    for case in cases:  # written in bulk, not by a service: who may see a confidential case
        if case.confidential:
            sync_case_access(case.pk)
    with connection.cursor() as cursor:
        # Rows written in bulk wait in the GIN indexes' pending lists (VACUUM would merge them,
        # but not inside the test's transaction): merged here, as in a database in use.
        for index in ("cases_case_search_gin", "cases_case_search_trgm"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute(ANALYZE)
    return cases

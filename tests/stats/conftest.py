"""A small fixed data set whose every figure is computed by hand in the tests.

The period is the first quarter of 2026 and "today" is Wednesday 15 April 2026. Holidays that
matter: 1 Jan (nyårsdagen), 6 Jan (trettondedag jul), 24–26 and 31 Dec (julafton, juldagar,
nyårsafton), 3 and 6 April 2026 (långfredagen, annandag påsk).

Two departments: Miljö (A) and Bygg (B), and a third, Tillstånd (C), that only answers a
referral. Lead times in working days, counted as ``cases.workdays.working_days_between``.

Cases (working days in brackets; "finished" is decided or closed):
- C1  Miljö, reception, opened Mon 5 Jan 09:00, first answer Wed 7 Jan (1: 6 Jan is a
      holiday), closed 20 Jan (10 − 2 paused = 8), due 19 Jan: late by 1.
- C2  Miljö, phone, opened Mon 2 Feb 00:30 (still 1 Feb in UTC), answered the same day (0),
      decided 13 Feb (9), due 16 Feb: on time.
- C3  Bygg, reception, opened Mon 2 Mar, first answer Mon 9 Mar (5), still open, due 16 Mar:
      overdue today by 20 (Easter in between).
- C4  Bygg, phone, opened Tue 10 Mar, not answered yet, new, due 1 May.
- C5  Bygg, reception, opened Mon 15 Dec 2025 (before the period), closed 9 Jan
      (13 − 3 paused = 10, over Christmas and the new year), due 12 Jan: on time.
- C6  Miljö, reception, opened Fri 20 Mar, first answer Mon 23 Mar (1), waiting for the
      business since 25 Mar, due 30 Mar: paused, so not overdue.
- C7  Bygg, phone, CONFIDENTIAL, opened Mon 12 Jan, answered the same day (0), closed 16 Jan
      (4), due 14 Jan: late by 2.
- C8  Bygg, phone, opened Wed 25 Mar, first answer Thu 26 Mar (1), closed 2 Apr (after the
      period), due 10 Apr.

Referrals: R1 C1→B sent 7 Jan, answered 12 Jan (3), due 14 Jan; R2 C2→B sent 3 Feb,
answered 10 Feb (5), due 5 Feb (late 3); R3 C3→A sent 3 Mar, open, due 10 Mar (overdue, 24
late); R4 C7→C sent 13 Jan, answered 14 Jan (1), due 20 Jan; R5 C2→A sent 4 Feb, declined.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from cases.models import Door, Referral
from cases.services.access import sync_case_access
from cases.workflow import CaseStatus, ReferralStatus
from stats.forms import StatsFilters
from tests.factories import DepartmentFactory, official
from tests.public.factories import FinishedCaseFactory, PublicCaseTypeFactory

TODAY = date(2026, 4, 15)
Q1 = StatsFilters(start=date(2026, 1, 1), end=date(2026, 3, 31))


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def door(code: str, name: str) -> Door:
    return Door.objects.get_or_create(code=code, defaults={"name": name})[0]


def make_case(number, *, case_type, department, door, opened, due, status, **fields):
    return FinishedCaseFactory(
        number=f"TEST 2026/{number}",
        sequence=number,
        title=fields.pop("title", f"Ärende {number}"),
        case_type=case_type,
        lead_department=department,
        opened_in=department,
        door=door,
        created_at=opened,
        due_date=due,
        status=status,
        closed_at=fields.pop("closed_at", None),
        **fields,
    )


def make_referral(case, department, *, sent, due, status, answered=None):
    referral = Referral.objects.create(
        case=case,
        department=department,
        request_text="Kan ni svara?",
        due_date=due,
        status=status,
        answered_at=answered,
    )
    # ``created_at`` is auto_now_add: set the sending time afterwards.
    Referral.objects.filter(pk=referral.pk).update(created_at=sent)
    sync_case_access(case.pk)  # written directly: who may see a confidential case, as a service
    return referral


@dataclass
class Quarter:
    miljo: object
    bygg: object
    tillstand: object
    cases: dict
    referrals: dict


@pytest.fixture
def quarter(db) -> Quarter:
    miljo = DepartmentFactory(name="Miljö", code="miljo-q")
    bygg = DepartmentFactory(name="Bygg", code="bygg-q")
    tillstand = DepartmentFactory(name="Tillstånd", code="tillstand-q")
    type_a = PublicCaseTypeFactory(name="Livsmedel", code="livsmedel-q", lead_department=miljo)
    type_b = PublicCaseTypeFactory(name="Bygglov", code="bygglov-q", lead_department=bygg)
    reception = door("reception", "Reception")
    phone = door("phone", "Telefon")
    d = date
    c = {}
    c["C1"] = make_case(
        1, case_type=type_a, department=miljo, door=reception, opened=at(d(2026, 1, 5), 9),
        first_response_at=at(d(2026, 1, 7)), status=CaseStatus.CLOSED,
        closed_at=at(d(2026, 1, 20), 15), paused_working_days=2, due=d(2026, 1, 19),
    )  # fmt: skip
    c["C2"] = make_case(
        2, case_type=type_a, department=miljo, door=phone, opened=at(d(2026, 2, 2), 0, 30),
        first_response_at=at(d(2026, 2, 2), 15), status=CaseStatus.DECIDED,
        decided_at=at(d(2026, 2, 13)), due=d(2026, 2, 16),
    )  # fmt: skip
    c["C3"] = make_case(
        3, case_type=type_b, department=bygg, door=reception, opened=at(d(2026, 3, 2)),
        first_response_at=at(d(2026, 3, 9)), status=CaseStatus.OPEN, due=d(2026, 3, 16),
    )  # fmt: skip
    c["C4"] = make_case(
        4, case_type=type_b, department=bygg, door=phone, opened=at(d(2026, 3, 10)),
        status=CaseStatus.NEW, due=d(2026, 5, 1),
    )  # fmt: skip
    c["C5"] = make_case(
        5, case_type=type_b, department=bygg, door=reception, opened=at(d(2025, 12, 15)),
        first_response_at=at(d(2025, 12, 16)), status=CaseStatus.CLOSED,
        closed_at=at(d(2026, 1, 9)), paused_working_days=3, due=d(2026, 1, 12),
    )  # fmt: skip
    c["C6"] = make_case(
        6, case_type=type_a, department=miljo, door=reception, opened=at(d(2026, 3, 20)),
        first_response_at=at(d(2026, 3, 23)), status=CaseStatus.WAITING,
        waiting_since=d(2026, 3, 25), due=d(2026, 3, 30),
    )  # fmt: skip
    c["C7"] = make_case(
        7, case_type=type_b, department=bygg, door=phone, opened=at(d(2026, 1, 12), 8),
        first_response_at=at(d(2026, 1, 12), 11), status=CaseStatus.CLOSED,
        closed_at=at(d(2026, 1, 16)), due=d(2026, 1, 14), confidential=True,
        title="Hemlig etablering",
    )  # fmt: skip
    c["C8"] = make_case(
        8, case_type=type_b, department=bygg, door=phone, opened=at(d(2026, 3, 25)),
        first_response_at=at(d(2026, 3, 26)), status=CaseStatus.CLOSED,
        closed_at=at(d(2026, 4, 2)), due=d(2026, 4, 10),
    )  # fmt: skip
    r = {}
    r["R1"] = make_referral(
        c["C1"], bygg, sent=at(d(2026, 1, 7)), due=d(2026, 1, 14),
        status=ReferralStatus.ANSWERED, answered=at(d(2026, 1, 12)),
    )  # fmt: skip
    r["R2"] = make_referral(
        c["C2"], bygg, sent=at(d(2026, 2, 3)), due=d(2026, 2, 5),
        status=ReferralStatus.ANSWERED, answered=at(d(2026, 2, 10)),
    )  # fmt: skip
    r["R3"] = make_referral(
        c["C3"], miljo, sent=at(d(2026, 3, 3)), due=d(2026, 3, 10), status=ReferralStatus.SENT
    )
    r["R4"] = make_referral(
        c["C7"], tillstand, sent=at(d(2026, 1, 13)), due=d(2026, 1, 20),
        status=ReferralStatus.ANSWERED, answered=at(d(2026, 1, 14)),
    )  # fmt: skip
    r["R5"] = make_referral(
        c["C2"], miljo, sent=at(d(2026, 2, 4)), due=d(2026, 2, 11), status=ReferralStatus.DECLINED
    )
    return Quarter(miljo, bygg, tillstand, c, r)


@pytest.fixture
def coordinator(quarter):
    """A samordnare in a fourth department: counts every case, confidential ones included,
    but takes no part in C7 and so does not read its title."""
    naringsliv = DepartmentFactory(name="Näringsliv", code="naringsliv-q")
    return official(naringsliv, Role.SAMORDNARE, email="samordnare@kommun.example")


@pytest.fixture
def lead_miljo(quarter):
    return official(quarter.miljo, Role.AVDELNINGSCHEF, email="chef.miljo@kommun.example")


@pytest.fixture
def lead_bygg(quarter):
    return official(quarter.bygg, Role.AVDELNINGSCHEF, email="chef.bygg@kommun.example")

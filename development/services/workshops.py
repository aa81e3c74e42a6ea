"""DialogLab workshops: create one (with its five steps), invite business owners, note a step."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from .. import events, permissions
from ..errors import DevelopmentError, NotPermitted
from ..models import WORKSHOP_STEPS, Insight, Workshop, WorkshopGuest, WorkshopStep
from .history import record

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def create_workshop(
    *,
    by: User,
    title: str,
    date: datetime.date,
    place: str = "",
    participants: Iterable[User] = (),
    insights: Iterable[Insight] = (),
) -> Workshop:
    if not permissions.is_official(by):
        raise NotPermitted()
    workshop = Workshop.objects.create(
        title=title.strip(), date=date, place=place.strip(), created_by=by
    )
    workshop.participants.set({by, *participants})
    workshop.insights.set(list(insights))
    WorkshopStep.objects.bulk_create(
        WorkshopStep(workshop=workshop, number=number) for number, _label in WORKSHOP_STEPS
    )
    record(events.workshop_created(workshop=workshop, actor=by))
    return workshop


def _locked(workshop: Workshop, by: User) -> Workshop:
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if not permissions.can_edit_workshop(by, workshop):
        raise NotPermitted(_("Only those running the workshop may change it."))
    return workshop


@transaction.atomic
def invite_business_owner(
    *, workshop: Workshop, by: User, name: str, email: str = "", company_name: str = ""
) -> WorkshopGuest:
    workshop = _locked(workshop, by)
    if not name.strip():
        raise DevelopmentError(_("Enter the name of the business owner."))
    return WorkshopGuest.objects.create(
        workshop=workshop,
        name=name.strip(),
        email=email.strip().lower(),
        company_name=company_name.strip(),
    )


@transaction.atomic
def note_workshop_step(*, workshop: Workshop, by: User, number: int, notes: str) -> WorkshopStep:
    workshop = _locked(workshop, by)
    step = WorkshopStep.objects.select_for_update().get(workshop=workshop, number=number)
    step.notes = notes.strip()
    step.save(update_fields=["notes"])
    return step


@transaction.atomic
def set_workshop_insights(*, workshop: Workshop, by: User, insights: Iterable[Insight]) -> None:
    workshop = _locked(workshop, by)
    workshop.insights.set(list(insights))

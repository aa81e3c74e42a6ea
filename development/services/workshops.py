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
    guest = WorkshopGuest.objects.create(
        workshop=workshop,
        name=name.strip(),
        email=email.strip().lower(),
        company_name=company_name.strip(),
    )
    record(events.workshop_people(workshop=workshop, guests_added=[guest.name], actor=by))
    return guest


@transaction.atomic
def remove_business_owner(*, workshop: Workshop, by: User, guest_id: int) -> None:
    """Take an invited business owner off the workshop (on its timeline)."""
    workshop = _locked(workshop, by)
    guest = WorkshopGuest.objects.filter(workshop=workshop, pk=guest_id).first()
    if guest is None:
        raise DevelopmentError(_("That business owner is not invited to this workshop."))
    guest.delete()
    record(events.workshop_people(workshop=workshop, guests_removed=[guest.name], actor=by))


@transaction.atomic
def set_workshop_officials(*, workshop: Workshop, by: User, participants: Iterable[User]) -> None:
    """The officials taking part, added and removed (on its timeline). Only officials."""
    workshop = _locked(workshop, by)
    wanted = {user.pk: user for user in participants if permissions.is_official(user)}
    current = {user.pk: user for user in workshop.participants.all()}
    added = [wanted[pk] for pk in wanted.keys() - current.keys()]
    removed = [current[pk] for pk in current.keys() - wanted.keys()]
    if not added and not removed:
        return
    workshop.participants.remove(*removed)
    workshop.participants.add(*added)
    record(
        events.workshop_people(
            workshop=workshop,
            officials_added=[user.full_name or user.email for user in added],
            officials_removed=[user.full_name or user.email for user in removed],
            actor=by,
        )
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

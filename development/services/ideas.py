"""Improvement ideas: propose, edit, move through the table, publish; and the e-mail to the
business owners whose insight or workshop led to a realised idea."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department
from cases.models import Case
from lotsportal.site import site_url
from notifications.services import queue_email

from .. import events, permissions
from ..errors import DevelopmentError, NotPermitted, TransitionNotAllowed
from ..models import Idea, Insight, Workshop, WorkshopGuest
from ..workflow import MOVES_NEEDING_A_REASON, IdeaStatus, idea_move_allowed
from .history import record

if TYPE_CHECKING:
    from accounts.models import User

EDITABLE_FIELDS = (
    "title",
    "why",
    "what",
    "how",
    "expected_effect",
    "department",
    "owner",
    "next_step_due",
)


@transaction.atomic
def propose_idea(
    *,
    by: User,
    title: str,
    why: str,
    source: str,
    department: Department,
    owner: User | None = None,
    what: str = "",
    how: str = "",
    expected_effect: str = "",
    next_step_due: datetime.date | None = None,
    insights: Iterable[Insight] = (),
    workshop: Workshop | None = None,
    case: Case | None = None,
) -> Idea:
    if not permissions.is_official(by):
        raise NotPermitted()
    if not title.strip() or not why.strip():
        raise DevelopmentError(_("An idea needs a title and the need behind it (why)."))
    idea = Idea.objects.create(
        title=title.strip(),
        why=why.strip(),
        what=what.strip(),
        how=how.strip(),
        expected_effect=expected_effect.strip(),
        source=source,
        department=department,
        owner=owner or by,
        next_step_due=next_step_due,
        workshop=workshop,
        case=case,
        created_by=by,
    )
    idea.insights.set(list(insights))
    record(events.idea_proposed(idea=idea, actor=by))
    return idea


def _lock_idea(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().get(pk=idea.pk)


@transaction.atomic
def edit_idea(*, idea: Idea, by: User, **fields: Any) -> Idea:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"edit_idea got unknown fields: {sorted(unknown)}")
    idea = _lock_idea(idea)
    if not permissions.can_edit_idea(by, idea):
        raise NotPermitted(_("Only the idea's owner and its department may change it."))
    changed = [name for name, value in fields.items() if getattr(idea, name) != value]
    for name in changed:
        value = fields[name]
        setattr(idea, name, value.strip() if isinstance(value, str) else value)
    if changed:
        idea.save(update_fields=changed)
        record(events.idea_edited(idea=idea, fields=changed, actor=by))
    return idea


@transaction.atomic
def move_idea(*, idea: Idea, by: User, to: str, reason: str = "") -> Idea:
    idea = _lock_idea(idea)
    if not permissions.can_edit_idea(by, idea):
        raise NotPermitted(_("Only the idea's owner and its department may change it."))
    if not idea_move_allowed(idea.status, to):
        raise TransitionNotAllowed()
    if to in MOVES_NEEDING_A_REASON and not reason.strip():
        raise DevelopmentError(_("Say why the idea is rejected."))
    from_status = idea.status
    idea.status = to
    idea.rejection_reason = reason.strip() if to == IdeaStatus.REJECTED else ""
    idea.realised_on = timezone.localdate() if to == IdeaStatus.REALISED else None
    idea.save(update_fields=["status", "rejection_reason", "realised_on"])
    record(events.idea_moved(idea=idea, from_status=from_status, reason=reason.strip(), actor=by))
    if to == IdeaStatus.REALISED:
        tell_business_owners(idea=idea)
    return idea


@transaction.atomic
def set_published(*, idea: Idea, by: User, published: bool) -> Idea:
    idea = _lock_idea(idea)
    if not permissions.can_publish(by, idea):
        raise NotPermitted(_("Only realised ideas are published, by those allowed to publish."))
    if idea.published != published:
        idea.published = published
        idea.save(update_fields=["published"])
        record(events.idea_published(idea=idea, actor=by))
    return idea


def business_owners(idea: Idea) -> dict[str, str]:
    """E-mail address -> name of the business owners whose insight (the contact met on the
    visit) or workshop (its invited guests) led to the idea."""
    owners: dict[str, str] = {}
    for insight in idea.insights.select_related("visit__contact"):
        contact = insight.visit.contact
        if contact is not None and contact.email:
            owners.setdefault(contact.email.lower(), contact.name)
    workshops = {w.pk for w in Workshop.objects.filter(insights__ideas=idea)}
    if idea.workshop_id:
        workshops.add(idea.workshop_id)
    for guest in WorkshopGuest.objects.filter(workshop_id__in=workshops):
        if guest.email:
            owners.setdefault(guest.email.lower(), guest.name)
    return owners


def tell_business_owners(*, idea: Idea) -> int:
    """Queue (in the caller's transaction) one e-mail to each business owner, once."""
    public_url = site_url() + reverse("development_public:improvements")
    owners = business_owners(idea)
    for email, name in owners.items():
        queue_email(
            to=email,
            template="development/email/idea_realised",
            context={"name": name, "title": idea.title, "why": idea.why, "url": public_url},
            related=idea,
            dedupe_key=f"development-idea-realised:{idea.pk}:{email}",
        )
    return len(owners)

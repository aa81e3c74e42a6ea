"""Diplomas: issued once when earned, rendered to PDF, verifiable by code, revocable."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lotsportal.site import site_url
from lotsportal.tasking import enqueue_on_commit
from notifications.services import queue_email
from training import events, permissions
from training.errors import TrainingError, TransitionNotAllowed
from training.models import Course, CourseResult, Diploma, DiplomaStatus
from training.workflow import diploma_move_allowed

from .history import record

if TYPE_CHECKING:
    from collections.abc import Iterable

    from accounts.models import User

# Crockford's base32: no I, L, O or U, so a code read aloud or typed is not misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPO_MAP = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_verification_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _i in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(typed: str) -> str | None:
    """The code as stored, from what someone typed (case, spaces, O for 0, I or L for 1)."""
    raw = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_TYPO_MAP)
    if len(raw) != 12 or any(ch not in ALPHABET for ch in raw):
        return None
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def requirement_progress(*, user, course: Course):
    """Each requirement of the edition with how many of the user's activities are approved."""
    return course.requirements.annotate(
        approved=Count("activities", filter=Q(activities__user=user, activities__status="approved"))
    ).order_by("pk")


def is_eligible(*, user, course: Course) -> bool:
    passed = CourseResult.objects.filter(user=user, course=course, passed_at__isnull=False)
    if not passed.exists():
        return False
    return all(
        r.approved >= r.required_count for r in requirement_progress(user=user, course=course)
    )


def issue_when_earned(*, user, course: Course) -> None:
    """Queue the diploma task after commit if the user has now earned it."""
    if (
        is_eligible(user=user, course=course)
        and not Diploma.objects.filter(user=user, course=course).exists()
    ):
        from training.tasks import issue_diploma

        enqueue_on_commit(issue_diploma, user.pk, course.pk)


def _next_number(year: int) -> str:
    prefix = f"LOTS-{year}-"
    last = (
        Diploma.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    running = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{running:04d}"


def verification_url(code: str) -> str:
    from django.urls import reverse

    return site_url() + reverse("diploma:verify", args=[code])


def issue_diploma(*, user, course: Course, by=None) -> Diploma:
    """Issue the diploma once. Running it again returns the one already issued.

    Three steps, so that no lock is held while the PDF is rendered: the number is reserved
    under the edition's lock (one short transaction), the PDF is rendered and stored outside
    any transaction, and the file, the event and the e-mail are recorded in a second short
    one. A run that died between the steps is completed by the next.
    """
    from .diploma_pdf import render_diploma_pdf

    diploma = _reserve_diploma(user=user, course=course)
    if diploma.file:
        return diploma
    pdf = render_diploma_pdf(diploma)
    name = diploma.file.field.generate_filename(diploma, f"{diploma.number}.pdf")
    stored_name = diploma.file.storage.save(name, ContentFile(pdf))
    return _record_issued(diploma=diploma, stored_name=stored_name, pdf=pdf, by=by)


def _reserve_diploma(*, user, course: Course) -> Diploma:
    with transaction.atomic():
        Course.objects.select_for_update().get(pk=course.pk)  # one issuer at a time per edition
        existing = Diploma.objects.filter(user=user, course=course).first()
        if existing is not None:
            return existing
        if not is_eligible(user=user, course=course):
            raise TrainingError(
                _("%(name)s has not passed the course and the practical year yet.")
                % {"name": user.full_name}
            )
        result = CourseResult.objects.get(user=user, course=course)
        for _try in range(5):
            code = new_verification_code()
            if not Diploma.objects.filter(verification_code=code).exists():
                break
        diploma = Diploma(
            user=user,
            course=course,
            number=_next_number(course.year),
            verification_code=code,
            issued_at=timezone.now(),
            valid_until=datetime.date(course.year, 12, 31),
            snapshot={
                "name": user.full_name,
                "year": course.year,
                "municipality": settings.MUNICIPALITY_NAME,
                "signatory": course.diploma_signatory.strip(),
                "score": result.percent,
                "course": course.title,
            },
        )
        try:
            with transaction.atomic():
                diploma.save()
        except IntegrityError:
            return Diploma.objects.get(user=user, course=course)
    return diploma


def _record_issued(*, diploma: Diploma, stored_name: str, pdf: bytes, by) -> Diploma:
    storage = diploma.file.storage
    with transaction.atomic():
        diploma = (
            Diploma.objects.select_for_update().select_related("user", "course").get(pk=diploma.pk)
        )
        if diploma.file:  # another run stored it first: keep that one, drop ours
            transaction.on_commit(lambda: storage.delete(stored_name))
            return diploma
        diploma.file.name = stored_name
        diploma.sha256 = hashlib.sha256(pdf).hexdigest()
        diploma.save(update_fields=["file", "sha256"])
        user, course = diploma.user, diploma.course
        record(events.diploma_issued(user=user, course=course, number=diploma.number, by=by))
        queue_email(
            to=user.email,
            template="training/email/diploma_ready",
            context={
                "name": user.full_name,
                "year": course.year,
                "url": site_url() + _home_url(),
            },
            related=diploma,
            dedupe_key=f"training:diploma_ready:{user.pk}:{course.pk}",
        )
    return diploma


def _home_url() -> str:
    from django.urls import reverse

    return reverse("training:home")


def issue_in_bulk(*, users: Iterable[User], course: Course, by: User) -> tuple[int, list[str]]:
    """The coordinator's bulk action: queue a diploma task for each eligible participant;
    the others are named with the reason. Returns (queued, refusals)."""
    permissions.require_coordinator(by)
    from training.tasks import issue_diploma as issue_task

    queued, refused = 0, []
    for user in users:
        if Diploma.objects.filter(user=user, course=course).exists():
            continue
        if not is_eligible(user=user, course=course):
            refused.append(
                _("%(name)s has not passed the course and the practical year yet.")
                % {"name": user.full_name}
            )
            continue
        record(events.diploma_requested(user=user, course=course, by=by))
        enqueue_on_commit(issue_task, user.pk, course.pk)
        queued += 1
    return queued, refused


def revoke_diploma(*, diploma: Diploma, by: User, reason: str) -> Diploma:
    permissions.require_coordinator(by)
    if not reason.strip():
        raise TrainingError(_("Give a reason for revoking the diploma."))
    with transaction.atomic():
        diploma = Diploma.objects.select_for_update().get(pk=diploma.pk)
        if not diploma_move_allowed(diploma.status, DiplomaStatus.REVOKED):
            raise TransitionNotAllowed(_("The diploma is already revoked."))
        diploma.status = DiplomaStatus.REVOKED
        diploma.revoked_reason = reason.strip()
        diploma.revoked_at = timezone.now()
        diploma.save(update_fields=["status", "revoked_reason", "revoked_at"])
        record(
            events.diploma_revoked(
                user=diploma.user,
                course=diploma.course,
                number=diploma.number,
                reason=diploma.revoked_reason,
                by=by,
            )
        )
    return diploma


def diploma_state(diploma: Diploma, today: datetime.date | None = None) -> str:
    """'valid', 'expired' or 'revoked', as the public page shows it."""
    if diploma.status == DiplomaStatus.REVOKED:
        return "revoked"
    if (today or timezone.localdate()) > diploma.valid_until:
        return "expired"
    return "valid"

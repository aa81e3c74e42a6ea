"""A user signing in with the municipality's account: created or updated from the claims.

Departments and roles come from the group claim through ``ClaimMapping`` rows. Each matched
department gives a membership with the highest role mapped there; memberships in departments no
group maps to any more are removed. A user whose groups map to nothing is not signed in
(``NoMappedGroups``), and nothing is written for them but the audit row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..models import ClaimMapping, Membership, Role, SignInEventKind, User
from .audit import record_sign_in_event

ROLE_RANK = {Role.LOTS: 0, Role.SAMORDNARE: 1, Role.AVDELNINGSCHEF: 2}


class SignInRefused(Exception):
    def __init__(self, message) -> None:
        self.message = message
        super().__init__(str(message))


class NoMappedGroups(SignInRefused):
    def __init__(self) -> None:
        super().__init__(_("None of your groups gives access to Lotsportalen."))


def _groups(claims: Mapping[str, Any], claim: str) -> list[str]:
    value = claims.get(claim)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(item) for item in value]
    return [str(value)]


def roles_from_groups(groups: Iterable[str]) -> dict[int, str]:
    """department id -> the highest role any of ``groups`` maps to there."""
    wanted: dict[int, str] = {}
    rows = ClaimMapping.objects.filter(
        claim_value__in=list(groups), department__is_active=True
    ).values_list("department_id", "role")
    for department_id, role in rows:
        current = wanted.get(department_id)
        if current is None or ROLE_RANK[Role(role)] > ROLE_RANK[Role(current)]:
            wanted[department_id] = role
    return wanted


def sign_in_from_claims(
    *, claims: Mapping[str, Any], groups_claim: str, employee_id_claim: str, request=None
) -> User:
    subject = str(claims.get("sub") or "")
    email = str(claims.get("email") or "").strip().lower()
    if not subject or not email:
        record_sign_in_event(
            kind=SignInEventKind.SSO_FAILURE,
            request=request,
            username=email,
            detail="the provider sent no sub or no email claim",
        )
        raise SignInRefused(_("The municipality's account sent no e-mail address."))
    groups = _groups(claims, groups_claim)
    wanted = roles_from_groups(groups)
    if not wanted:
        record_sign_in_event(
            kind=SignInEventKind.SSO_NO_ACCESS,
            request=request,
            username=email,
            detail=f"groups: {', '.join(groups) or '-'}",
        )
        raise NoMappedGroups()
    try:
        return _update_user(
            claims=claims,
            email=email,
            groups=groups,
            wanted=wanted,
            request=request,
            employee_id_claim=employee_id_claim,
        )
    except SignInRefused as refused:
        record_sign_in_event(
            kind=SignInEventKind.SSO_FAILURE, request=request, username=email, detail=str(refused)
        )
        raise


@transaction.atomic
def _update_user(
    *,
    claims: Mapping[str, Any],
    email: str,
    groups: list[str],
    wanted: dict[int, str],
    request,
    employee_id_claim: str,
) -> User:
    subject = str(claims["sub"])
    user = (
        User.objects.select_for_update().filter(oidc_subject=subject).first()
        or User.objects.select_for_update().filter(email__iexact=email).first()
    )
    name = str(claims.get("name") or "").strip() or " ".join(
        part for part in (claims.get("given_name"), claims.get("family_name")) if part
    )
    if user is None:
        user = User(email=email)
        user.set_unusable_password()
    if user.oidc_subject and user.oidc_subject != subject:
        # The address belongs to another identity at the provider: never merge the two.
        raise SignInRefused(
            _("This e-mail address belongs to another account. Contact your administrator.")
        )
    if not user.is_active:
        raise SignInRefused(_("This account is not active. Contact your administrator."))
    user.oidc_subject = subject
    user.email = email
    user.full_name = (name or user.full_name or email)[:150]
    user.employee_id = str(claims.get(employee_id_claim) or user.employee_id or "")[:64]
    user.save()

    changes = []
    current = {m.department_id: m for m in Membership.objects.filter(user=user)}
    for department_id, membership in current.items():
        if department_id not in wanted:
            membership.delete()
            changes.append(f"-{membership.department_id}")
    for department_id, role in wanted.items():
        existing = current.get(department_id)
        if existing is None:
            Membership.objects.create(user=user, department_id=department_id, role=role)
            changes.append(f"+{department_id}:{role}")
        elif existing.role != role:
            existing.role = role
            existing.save(update_fields=["role"])
            changes.append(f"~{department_id}:{role}")
    detail = f"groups: {', '.join(groups)}"
    if changes:
        detail += f"; memberships {' '.join(changes)}"
    record_sign_in_event(
        kind=SignInEventKind.SSO_SUCCESS, request=request, user=user, detail=detail
    )
    return user

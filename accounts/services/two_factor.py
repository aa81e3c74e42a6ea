"""Two factors: an authenticator app (TOTP, django-otp) and ten one-time recovery codes.

Enrolment makes an unconfirmed TOTP device; the first correct code confirms it and issues the
recovery codes (shown once). A lost device: a recovery code signs in once; an administrator's
reset removes every device of the user and is logged in the sign-in audit.
"""

from __future__ import annotations

import django_otp
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import SignInEventKind
from .audit import record_sign_in_event

RECOVERY_CODE_COUNT = 10


class TwoFactorError(Exception):
    def __init__(self, message) -> None:
        self.message = message
        super().__init__(str(message))


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (made on first call, the same one after)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Lotsportalen", confirmed=False)
    return device


@transaction.atomic
def confirm_enrolment(*, request: HttpRequest, user, code: str) -> list[str]:
    """Confirm the pending device with a code from the app; returns the new recovery codes."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(code.strip()):
        record_sign_in_event(
            kind=SignInEventKind.OTP_FAILURE, request=request, user=user, detail="enrolment"
        )
        raise TwoFactorError(_("The code is wrong or has expired. Try the newest code."))
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save()
    codes = _new_recovery_codes(user)
    record_sign_in_event(kind=SignInEventKind.OTP_ENROLLED, request=request, user=user)
    django_otp.login(request, device)
    return codes


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify_second_factor(*, request: HttpRequest, user, code: str) -> None:
    """A code from the app, or a recovery code (used up): marks the session verified."""
    code = code.strip().replace(" ", "").lower()
    device = confirmed_totp(user)
    if device is not None and code.isdigit() and device.verify_token(code):
        django_otp.login(request, device)
        record_sign_in_event(kind=SignInEventKind.OTP_SUCCESS, request=request, user=user)
        return
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if static is not None and code and not code.isdigit():
        with transaction.atomic():
            used = static.verify_token(code)
        if used:
            django_otp.login(request, static)
            left = StaticToken.objects.filter(device=static).count()
            record_sign_in_event(
                kind=SignInEventKind.OTP_RECOVERY_USED,
                request=request,
                user=user,
                detail=f"{left} codes left",
            )
            return
    record_sign_in_event(kind=SignInEventKind.OTP_FAILURE, request=request, user=user)
    raise TwoFactorError(_("The code is wrong or has expired."))


@transaction.atomic
def reset_two_factor(*, user, by, request: HttpRequest | None = None) -> None:
    """An administrator removes a user's devices (a lost phone); the user enrols again."""
    if not (by and by.is_active and by.is_superuser):
        raise TwoFactorError(_("Only a superuser may reset another user's second factor."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_sign_in_event(kind=SignInEventKind.OTP_RESET, request=request, user=user, actor=by)

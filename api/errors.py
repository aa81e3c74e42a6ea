"""Domain errors of the API app (a service refuses with one; the API answers 400/409)."""

from django.utils.translation import gettext_lazy as _

from cases.errors import CaseError


class ApiError(CaseError):
    default_message = _("The change could not be made.")

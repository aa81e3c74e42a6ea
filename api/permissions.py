"""What a token may do: its scopes. What its integration may see and do on a case is decided by
the portal's own permission functions (``cases.permissions``, ``training.permissions``) for the
integration's service user, called by the selectors and services the views use."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ApiToken, Scope


def has_scope(token: ApiToken | None, scope: str) -> bool:
    return token is not None and token.is_active and scope in token.scopes


class HasScope(BasePermission):
    """Each view names ``read_scope`` and ``write_scope``; a token lacking one is refused."""

    message = _("The token does not have the scope this needs.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        scope = view.read_scope if request.method in SAFE_METHODS else view.write_scope
        return has_scope(token, scope)


READ_CASES = Scope.READ_CASES
WRITE_CASES = Scope.WRITE_CASES
READ_TRAINING = Scope.READ_TRAINING

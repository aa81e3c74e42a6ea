"""What every knowledge view shares: signed in, an official, refusals as the friendly 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from knowledge import permissions
from knowledge.errors import NotPermitted

if TYPE_CHECKING:
    from accounts.models import User


class SignedInRequest(HttpRequest):
    user: User


def officials_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous visitors are sent to sign in; users without a department get 403."""

    @login_required
    @wraps(view)
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.can_use_knowledge(request.user):
            raise PermissionDenied
        try:
            return view(request, *args, **kwargs)
        except NotPermitted as error:
            raise PermissionDenied(str(error)) from error

    return wrapper

"""The held mail: what no case could take by itself, for a coordinator to handle."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.errors import CaseError
from cases.permissions import can_view_case

from . import permissions, selectors, services
from .errors import MailinError
from .forms import ReleaseForm


def _require_handler(user) -> None:
    if not permissions.can_handle_held_mail(user):
        raise PermissionDenied


@login_required
def held_list(request):
    _require_handler(request.user)
    page = Paginator(selectors.held_mail(), 50).get_page(request.GET.get("page"))
    return render(request, "mailin/held_list.html", {"page": page, "active_section": "mailin"})


@login_required
def held_detail(request, pk: int):
    _require_handler(request.user)
    mail = selectors.mail_to_handle(pk)
    form = ReleaseForm(initial={"case_number": mail.case.number if mail.case else ""})
    return _detail(request, mail, form)


def _detail(request, mail, form, status=200):
    return render(request, "mailin/held_detail.html", {"mail": mail, "form": form}, status=status)


@login_required
@require_POST
def release(request, pk: int):
    _require_handler(request.user)
    mail = selectors.mail_to_handle(pk)
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        return _detail(request, mail, form, status=400)
    case = selectors.case_by_number(form.cleaned_data["case_number"])
    if case is None or not can_view_case(request.user, case):
        form.add_error("case_number", _("No case you can see has that number."))
        return _detail(request, mail, form, status=400)
    try:
        services.release_held_mail(mail=mail, case=case, by=request.user)
    except (MailinError, CaseError) as error:
        form.add_error(None, str(error.message))
        return _detail(request, mail, form, status=409)
    messages.success(request, _("The mail is on case %(number)s.") % {"number": case.number})
    return redirect("mailin:held")


@login_required
@require_POST
def discard(request, pk: int):
    _require_handler(request.user)
    mail = selectors.mail_to_handle(pk)
    try:
        services.discard_held_mail(mail=mail, by=request.user)
    except MailinError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The mail is discarded."))
    return redirect("mailin:held")

"""Inserting a standard text without JavaScript.

The picker sits inside the message form and the status form; its button posts that whole form
here (``formaction``), so what was typed comes along. The case page is shown again with the
chosen text added to the textarea; nothing is saved. With JavaScript, ``static/js/
standard_texts.js`` inserts the same text in place and this view is not called.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import forms, selectors
from .. import standard_texts as texts
from ..models import TextUse
from .detail import render_detail


def _joined(typed: str, text: str) -> str:
    typed = typed.rstrip()
    return f"{typed}\n\n{text}" if typed else text


@login_required
@require_POST
def insert(request, pk: int):
    detail = selectors.case_detail(request.user, pk)
    case, post = detail.case, request.POST
    use = post.get("standard-for", "")
    text = texts.chosen_text(
        texts.offered_texts(case),
        pk=post.get(f"{use}-standard-text", ""),
        use=use,
        language=post.get(f"{use}-standard-lang", "sv"),
    )
    bound: dict = {}
    if text is None:
        messages.error(request, _("Choose one of the standard texts offered."))
    elif use == TextUse.MESSAGE:
        bound["message"] = forms.MessageForm(
            initial={"body": _joined(post.get("message-body", ""), text)}
        )
    else:
        initial = {
            "to": post.get("status-to", ""),
            "comment": post.get("status-comment", ""),
            "to_business": _joined(post.get("status-to_business", ""), text),
        }
        bound["status"] = forms.StatusForm(case=case, initial=initial)
    return render_detail(request, detail, bound=bound, status=200 if text else 400)

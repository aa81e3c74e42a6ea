"""The participant's course: start page, topic pages, answering, results, retake, diploma."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from training import selectors
from training.errors import TrainingError
from training.forms import AnswerForm
from training.models import AttemptItem
from training.services import attempts

from ._http import SignedInRequest, page_context, signed_in


@signed_in
def home(request: SignedInRequest) -> HttpResponse:
    page = selectors.home_page(user=request.user)
    return render(request, "training/home.html", page_context(page))


@signed_in
@require_POST
def start(request: SignedInRequest, course_id: int) -> HttpResponse:
    course = selectors.enrolled_course(user=request.user, course_id=course_id)
    try:
        attempt = attempts.start_course(user=request.user, course=course)
    except TrainingError as error:
        messages.error(request, str(error))
        return redirect("training:home")
    return _first_topic(course_id, attempt.pk)


def _first_topic(course_id: int, attempt_id: int) -> HttpResponse:
    topic_id = selectors.first_topic_id(attempt_id=attempt_id)
    if topic_id is None:
        raise Http404
    return redirect("training:topic", course_id=course_id, topic_id=topic_id)


@signed_in
def topic(request: SignedInRequest, course_id: int, topic_id: int) -> HttpResponse:
    page = selectors.topic_page_in(user=request.user, course_id=course_id, topic_id=topic_id)
    for item in page.items:
        item.form = AnswerForm(item=item, prefix=f"q{item.pk}")  # type: ignore[attr-defined]
    return render(request, "training/topic.html", {"active_section": "training", "page": page})


@signed_in
@require_POST
def answer(request: SignedInRequest, item_id: int) -> HttpResponse:
    item = selectors.shown_item(user=request.user, item_id=item_id)
    if item is None:
        raise Http404
    form = AnswerForm(request.POST, item=item, prefix=f"q{item.pk}")
    error = None
    if form.is_valid():
        try:
            attempts.answer_question(
                user=request.user, item_id=item.pk, choice_ids=form.choice_ids()
            )
        except AttemptItem.DoesNotExist as missing:
            raise Http404 from missing
        except TrainingError as refused:
            error = str(refused)
    else:
        error = " ".join(str(message) for message in form.errors["choice"])
    topic_url = reverse("training:topic", args=[item.attempt.course_id, item.topic_id])
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(f"{topic_url}#item-{item.pk}")
    page = selectors.topic_page(
        user=request.user, course=item.attempt.course, topic_id=item.topic_id
    )
    if page is None:
        raise Http404
    if error is None and page.complete:
        # The topic is done: reload the page for its explanations and the way on.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = topic_url
        return response
    shown = next(i for i in page.items if i.pk == item.pk)
    shown.form = form if error else AnswerForm(item=shown, prefix=f"q{shown.pk}")  # type: ignore[attr-defined]
    return render(
        request,
        "training/includes/answer_response.html",
        {"page": page, "item": shown, "error": error},
    )


@signed_in
def results(request: SignedInRequest, course_id: int) -> HttpResponse:
    overview = selectors.course_page(user=request.user, course_id=course_id)
    return render(
        request, "training/results.html", {"active_section": "training", "overview": overview}
    )


@signed_in
@require_POST
def retake(request: SignedInRequest, course_id: int) -> HttpResponse:
    course = selectors.enrolled_course(user=request.user, course_id=course_id)
    topic_id = request.POST.get("topic", "")
    try:
        if topic_id.isascii() and topic_id.isdigit() and len(topic_id) < 10:
            # One topic, from its row on the start page, as soon as it is done.
            attempt = attempts.retake_topic(
                user=request.user, course=course, topic_id=int(topic_id)
            )
        else:
            attempt = attempts.retake_failed_topics(user=request.user, course=course)
    except TrainingError as error:
        messages.error(request, str(error))
        if topic_id:
            return redirect("training:home")
        return redirect("training:results", course_id=course.pk)
    return _first_topic(course_id, attempt.pk)


@signed_in
def diploma_download(request: SignedInRequest, course_id: int) -> FileResponse:
    diploma = selectors.own_diploma(user=request.user, course_id=course_id)
    return FileResponse(
        diploma.file.open("rb"),
        as_attachment=True,
        filename=f"{diploma.number}.pdf",
        content_type="application/pdf",
    )

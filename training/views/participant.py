"""The participant's course: start page, topic pages, answering, results, retake, diploma."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from training import permissions, selectors
from training.errors import TrainingError
from training.forms import AnswerForm
from training.models import AttemptItem, Diploma
from training.services import attempts


def _course_or_404(request, course_id):
    course = selectors.course_for(user=request.user, course_id=course_id)
    if course is None:
        raise Http404
    return course


@login_required
def home(request):
    course = selectors.current_course(user=request.user)
    context = {
        "active_section": "training",
        "overview": selectors.course_overview(user=request.user, course=course) if course else None,
        "can_coordinate": permissions.can_coordinate(request.user),
    }
    return render(request, "training/home.html", context)


@login_required
@require_POST
def start(request, course_id):
    course = _course_or_404(request, course_id)
    try:
        attempts.start_course(user=request.user, course=course)
    except TrainingError as error:
        messages.error(request, error.message)
        return redirect("training:home")
    first = selectors.course_topics(course).first()
    return redirect("training:topic", course_id=course.pk, topic_id=first.pk)


@login_required
def topic(request, course_id, topic_id):
    course = _course_or_404(request, course_id)
    page = selectors.topic_page(user=request.user, course=course, topic_id=topic_id)
    if page is None:
        raise Http404
    for item in page.items:
        item.form = AnswerForm(item=item, prefix=f"q{item.pk}")
    return render(
        request,
        "training/topic.html",
        {"active_section": "training", "page": page},
    )


@login_required
@require_POST
def answer(request, item_id):
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
            error = refused.message
    else:
        error = " ".join(form.errors["choice"])
    topic_url = reverse("training:topic", args=[item.attempt.course_id, item.topic_id])
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(f"{topic_url}#item-{item.pk}")
    page = selectors.topic_page(
        user=request.user, course=item.attempt.course, topic_id=item.topic_id
    )
    if error is None and page.complete:
        # The topic is done: reload the page for its explanations and the way on.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = topic_url
        return response
    shown = next(i for i in page.items if i.pk == item.pk)
    shown.form = form if error else AnswerForm(item=shown, prefix=f"q{shown.pk}")
    return render(
        request,
        "training/includes/answer_response.html",
        {"page": page, "item": shown, "error": error},
    )


@login_required
def results(request, course_id):
    course = _course_or_404(request, course_id)
    overview = selectors.course_overview(user=request.user, course=course)
    return render(
        request, "training/results.html", {"active_section": "training", "overview": overview}
    )


@login_required
@require_POST
def retake(request, course_id):
    course = _course_or_404(request, course_id)
    try:
        attempt = attempts.retake_failed_topics(user=request.user, course=course)
    except TrainingError as error:
        messages.error(request, error.message)
        return redirect("training:results", course_id=course.pk)
    first = attempt.items.order_by("position").first()
    return redirect("training:topic", course_id=course.pk, topic_id=first.topic_id)


@login_required
def diploma_download(request, course_id):
    diploma = Diploma.objects.filter(user=request.user, course_id=course_id).first()
    if diploma is None or not diploma.file:
        raise Http404
    return FileResponse(
        diploma.file.open("rb"),
        as_attachment=True,
        filename=f"{diploma.number}.pdf",
        content_type="application/pdf",
    )

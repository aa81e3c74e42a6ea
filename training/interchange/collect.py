from django.db.models import Prefetch

from training.models import Choice, Course, QuestionVersion, VersionStatus


def course_questions(course: Course):
    """(topic, entry, latest ready version, choices) for each slot of ``course``, in order."""
    slots = list(course.slots.select_related("entry__topic").order_by("position", "pk"))
    versions = (
        QuestionVersion.objects.filter(
            entry_id__in=[s.entry_id for s in slots], status=VersionStatus.READY
        )
        .order_by("entry_id", "-number")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("position", "pk")))
    )
    latest = {}
    for version in versions:
        latest.setdefault(version.entry_id, version)
    for slot in slots:
        version = latest.get(slot.entry_id)
        if version is not None:
            yield slot.entry.topic, slot.entry, version, list(version.choices.all())

from training.models import Course
from training.services.bank import asked_versions


def course_questions(course: Course):
    """(topic, entry, asked version, choices) for each slot of ``course``, in order."""
    slots = list(course.slots.select_related("entry__topic").order_by("position", "pk"))
    versions = asked_versions(s.entry_id for s in slots)
    for slot in slots:
        version = versions.get(slot.entry_id)
        if version is not None:
            yield slot.entry.topic, slot.entry, version, list(version.choices.all())

from training.models import TrainingEvent


def record(*, kind: str, actor=None, subject=None, course=None, **payload) -> TrainingEvent:
    """Append one history row; call inside the service's transaction."""
    return TrainingEvent.objects.create(
        kind=kind, actor=actor, subject=subject, course=course, payload=payload
    )

from django import template

from ..workflow import IdeaStatus

register = template.Library()


@register.filter
def idea_status(value: str) -> str:
    """The label of an idea status stored in an event's payload."""
    try:
        return str(IdeaStatus(value).label)
    except ValueError:
        return value

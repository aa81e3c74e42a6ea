"""The course editions in the admin (configuration: editable), with their question slots and
practical requirements; next year's edition is copied through ``copy_course``."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from lotsportal.admin import LabelledInlineMixin

from ..errors import TrainingError
from ..models import Course, CourseQuestion, PracticalRequirement
from ..services import course as course_services
from .base import CoordinatorAdmin, admin_user


class SlotInline(LabelledInlineMixin, admin.TabularInline):
    model = CourseQuestion
    fields = ["position", "entry"]
    autocomplete_fields = ["entry"]
    extra = 0


class RequirementInline(LabelledInlineMixin, admin.TabularInline):
    model = PracticalRequirement
    extra = 0


@admin.register(Course)
class CourseAdmin(CoordinatorAdmin):
    list_display = ["title", "year", "opens_on", "closes_on", "pass_mark_percent", "slot_count"]
    list_filter = ["year", "feedback_mode"]
    search_fields = ["title"]
    # Checkboxes, not the two-box selector, whose search icons axe refuses; the creation
    # time is shown, not edited (its split date and time boxes have no labels).
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    readonly_fields = ["created_at"]
    inlines = [RequirementInline, SlotInline]
    actions = ["copy_to_next_year"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_slots=Count("slots"))

    @admin.display(description=_("questions"), ordering="_slots")
    def slot_count(self, obj):
        return obj._slots

    @admin.action(description=_("Create next year's edition from this one"))
    def copy_to_next_year(self, request, queryset):
        for course in queryset:
            try:
                new = course_services.copy_course(
                    source=course, year=course.year + 1, by=admin_user(request)
                )
            except TrainingError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("Created %(course)s.") % {"course": new})

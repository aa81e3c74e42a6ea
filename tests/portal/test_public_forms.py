import time

import pytest
from django import forms
from django.core import signing
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory

from lotsportal.public_forms import GuardedPublicFormMixin, is_rate_limited


class MatterForm(GuardedPublicFormMixin, forms.Form):
    description = forms.CharField(label="Beskrivning")


def started(seconds_ago: float) -> str:
    return signing.dumps(time.time() - seconds_ago, salt="lotsportal.public-form")


def test_a_person_who_took_their_time_gets_through(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 3
    form = MatterForm(data={"description": "Uteservering", "form_started": started(20)})
    assert form.is_valid(), form.errors


def test_a_filled_honeypot_is_refused_with_a_clear_message():
    form = MatterForm(
        data={"description": "Köp billigt", "website": "http://spam", "form_started": started(20)}
    )
    assert not form.is_valid()
    assert "Formuläret kunde inte skickas" in str(form.non_field_errors())


def test_a_form_sent_too_fast_is_refused_but_keeps_the_text(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 3
    form = MatterForm(data={"description": "Uteservering", "form_started": started(0.5)})
    assert not form.is_valid()
    assert form["description"].value() == "Uteservering"
    assert 'value="Uteservering"' in str(form["description"])


def test_a_forged_start_time_is_refused_and_the_clock_restarts():
    form = MatterForm(data={"description": "Uteservering", "form_started": "forged"})
    assert not form.is_valid()
    assert signing.loads(form["form_started"].value(), salt="lotsportal.public-form")


def test_a_sent_form_with_a_forged_start_time_keeps_every_value_the_user_chose():
    posted = QueryDict("description=Uteservering&contact=phone&contact=email&form_started=forged")
    form = MatterForm(data=posted)
    assert not form.is_valid()
    assert form.data.getlist("contact") == ["phone", "email"]
    assert form["description"].value() == "Uteservering"
    assert signing.loads(form["form_started"].value(), salt="lotsportal.public-form")
    assert posted["form_started"] == "forged"  # request.POST itself is left as it came


def test_the_honeypot_is_out_of_sight_and_out_of_the_accessibility_tree():
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": MatterForm()})
    )
    assert 'class="lots-hp" aria-hidden="true"' in html
    assert 'name="website"' in html
    assert 'tabindex="-1"' in html
    assert 'type="hidden" name="form_started"' in html


@pytest.mark.django_db
def test_rate_limit_counts_posts_per_client_address():
    factory = RequestFactory()

    def post(address):
        request = factory.post("/foretag/", REMOTE_ADDR=address)
        return is_rate_limited(request, group="intake", rate="2/h")

    assert [post("10.0.0.1") for _ in range(3)] == [False, False, True]
    assert post("10.0.0.2") is False

"""Diplomas: issued once when earned, a PDF that says who and when, verifiable and revocable."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from notifications.models import OutboxMessage
from training.models import Diploma, PracticalActivity
from training.services import attempts, practical
from training.services.diploma_pdf import static_only_fetcher
from training.services.diplomas import normalise_code
from training.tasks import issue_diploma

from .conftest import items_of
from .factories import requirement

pytestmark = pytest.mark.django_db


def pass_web_course(user, course):
    attempts.start_course(user=user, course=course)
    for item in items_of(user):
        right = list(item.version.choices.filter(is_correct=True).values_list("pk", flat=True))
        attempts.answer_question(user=user, item_id=item.pk, choice_ids=right)


def approved_visit(user, course, coordinator, req):
    activity = practical.log_activity(
        user=user,
        course=course,
        requirement=req,
        date=datetime.date.today(),
        place_or_department="Snickeriet",
        learned="Mycket om bygglov.",
    )
    return practical.review_activity(activity=activity, by=coordinator, approve=True)


@pytest.fixture
def certified(lots, samordnare, short_course, django_capture_on_commit_callbacks):
    """Lotta passes the web course; the approval of her visit completes the year."""
    visit = requirement(short_course, "company_visit", 1)
    with django_capture_on_commit_callbacks(execute=True):
        pass_web_course(lots, short_course)
    assert not Diploma.objects.exists()  # the practical year is not approved yet
    with django_capture_on_commit_callbacks(execute=True):
        approved_visit(lots, short_course, samordnare, visit)
    return Diploma.objects.get(user=lots)


def test_diploma_is_issued_when_course_and_practical_year_are_done(certified, lots, short_course):
    assert certified.number == f"LOTS-{short_course.year}-0001"
    assert certified.valid_until == datetime.date(short_course.year, 12, 31)
    assert certified.snapshot["name"] == "Lotta Lots"
    assert normalise_code(certified.verification_code) == certified.verification_code
    message = OutboxMessage.objects.about(certified).get()
    assert message.template == "training/email/diploma_ready"


def test_running_the_task_twice_issues_one_diploma(certified, lots, short_course):
    issue_diploma.delay(lots.pk, short_course.pk)
    issue_diploma(lots.pk, short_course.pk)
    assert Diploma.objects.count() == 1
    assert OutboxMessage.objects.filter(template="training/email/diploma_ready").count() == 1


def test_the_pdf_holds_the_name_year_and_verification_code(certified, short_course, client, lots):
    client.force_login(lots)
    response = client.get(reverse("training:diploma_download", args=[short_course.pk]))
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Lotta Lots" in text
    assert str(short_course.year) in text
    assert certified.verification_code in text
    assert "/diplom/verifiera/" in text
    import hashlib

    assert hashlib.sha256(pdf).hexdigest() == certified.sha256


def test_another_user_cannot_download_the_diploma(certified, short_course, client):
    from tests.factories import official

    client.force_login(official())
    response = client.get(reverse("training:diploma_download", args=[short_course.pk]))
    assert response.status_code == 404


def test_the_public_page_verifies_the_diploma_and_shows_nothing_more(certified, client, lots):
    url = f"/diplom/verifiera/{certified.verification_code}/"
    assert url == reverse("diploma:verify", args=[certified.verification_code])
    page = client.get(url).content.decode()
    assert "Giltigt" in page and "Lotta Lots" in page and str(certified.course.year) in page
    assert lots.email not in page and certified.number not in page


def test_the_printed_name_stays_when_the_profile_changes(certified, client, lots):
    lots.full_name = "Lotta Nytt-Namn"
    lots.save()
    page = client.get(reverse("diploma:verify", args=[certified.verification_code])).content
    assert "Lotta Lots" in page.decode()


def test_a_typed_code_with_small_letters_and_look_alikes_finds_the_diploma(certified, client):
    typed = certified.verification_code.lower().replace("0", "o").replace("1", "l")
    response = client.get(reverse("diploma:verify_form"), {"code": typed}, follow=True)
    assert "Giltigt" in response.content.decode()


def test_an_unknown_code_gives_a_kind_not_found_page(client):
    response = client.get("/diplom/verifiera/ABCD-EFGH-JKMN/")
    assert response.status_code == 404
    assert "Vi hittade inget diplom med den koden" in response.content.decode()


def test_a_revoked_diploma_shows_as_revoked(certified, client, samordnare):
    client.force_login(samordnare)
    page = client.get(reverse("training:diplomas")).content.decode()
    assert certified.number in page
    client.post(reverse("training:revoke", args=[certified.pk]), {"reason": "Fel person."})
    client.logout()
    page = client.get(reverse("diploma:verify", args=[certified.verification_code])).content
    assert "Återkallat" in page.decode()
    assert "Giltigt" not in page.decode()


def test_a_plain_lots_cannot_revoke(certified, client):
    from tests.factories import official

    client.force_login(official())
    response = client.post(reverse("training:revoke", args=[certified.pk]), {"reason": "x"})
    assert response.status_code == 403
    certified.refresh_from_db()
    assert certified.status == "issued"


def test_last_years_diploma_shows_as_expired(certified, client):
    Diploma.objects.filter(pk=certified.pk).update(valid_until=datetime.date(2020, 12, 31))
    page = client.get(reverse("diploma:verify", args=[certified.verification_code])).content
    assert "Utgånget" in page.decode()


def test_guessing_codes_is_rate_limited(client, settings):
    settings.DIPLOMA_VERIFY_LIMIT = 3
    for _ in range(3):
        assert client.get("/diplom/verifiera/ABCD-EFGH-JKMN/").status_code == 404
    response = client.get("/diplom/verifiera/ABCD-EFGH-JKMP/")
    assert response.status_code == 429
    assert "För många sökningar" in response.content.decode()


def test_the_refused_lookup_gets_a_friendly_page_that_says_when_to_come_back(
    client, settings, certified
):
    settings.DIPLOMA_VERIFY_LIMIT = 2
    settings.DIPLOMA_VERIFY_WINDOW_SECONDS = 300
    client.get("/diplom/verifiera/", {"code": "!!"})  # no code at all counts as a lookup
    client.get("/diplom/verifiera/ABCD-EFGH-JKMN/")

    response = client.get(reverse("diploma:verify", args=[certified.verification_code]))

    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert "<h1" in page and "För många sökningar" in page
    assert "Vänta några minuter och försök igen." in page
    assert certified.user.full_name not in page  # the real diploma is not shown when refused


def test_behind_a_proxy_each_visitor_is_counted_by_their_own_address(client, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_FORWARDED_FOR"
    settings.DIPLOMA_VERIFY_LIMIT = 2
    guesser = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for _ in range(2):
        client.get("/diplom/verifiera/ABCD-EFGH-JKMN/", **guesser)

    refused = client.get("/diplom/verifiera/ABCD-EFGH-JKMN/", **guesser)
    other = client.get("/diplom/verifiera/ABCD-EFGH-JKMN/", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert refused.status_code == 429
    assert other.status_code == 404


def test_the_coordinator_issues_in_bulk_and_the_unfinished_are_named(
    client, lots, samordnare, short_course, django_capture_on_commit_callbacks
):
    from tests.factories import official

    visit = requirement(short_course, "company_visit", 1)
    ready, unfinished = lots, official(full_name="Olle Ofärdig")
    for user in (ready, unfinished):
        pass_web_course(user, short_course)
    approved_visit(ready, short_course, samordnare, visit)
    Diploma.objects.all().delete()  # as if the automatic task had not run yet

    client.force_login(samordnare)
    page = client.get(reverse("training:diplomas")).content.decode()
    assert "Lotta Lots" in page and "Olle Ofärdig" in page
    with django_capture_on_commit_callbacks(execute=True):  # the tasks are queued on commit
        page = client.post(
            reverse("training:diplomas"),
            {"kurs": short_course.pk, "user": [ready.pk, unfinished.pk]},
            follow=True,
        ).content.decode()
    assert "1 diplom utfärdas." in page
    assert "Olle Ofärdig är inte godkänd på kursen och det praktiska året än." in page
    assert list(Diploma.objects.values_list("user", flat=True)) == [ready.pk]


def test_rendering_may_not_fetch_anything_outside_the_static_files():
    from django.conf import settings

    fetcher = static_only_fetcher()
    with pytest.raises(ValueError):
        fetcher("https://example.com/tracker.png")
    with pytest.raises(ValueError):
        fetcher("file:///etc/passwd")
    css = settings.BASE_DIR / "static" / "css" / "portal.css"
    response = fetcher(css.as_uri())
    assert b"Lotsportalen" in response.read()
    response.close()


def test_no_diploma_without_the_practical_year(
    lots, short_course, django_capture_on_commit_callbacks
):
    requirement(short_course, "council_meeting", 1)
    with django_capture_on_commit_callbacks(execute=True):
        pass_web_course(lots, short_course)
    assert not Diploma.objects.exists()
    assert not PracticalActivity.objects.exists()


def test_the_pdf_is_rendered_outside_the_course_lock(
    lots, samordnare, short_course, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import connection

    from training.services import diploma_pdf, diplomas

    depth_at_render = []
    real_render = diploma_pdf.render_diploma_pdf

    def render(diploma):
        depth_at_render.append(len(connection.atomic_blocks))
        return real_render(diploma)

    monkeypatch.setattr(diploma_pdf, "render_diploma_pdf", render)
    visit = requirement(short_course, "company_visit", 1)
    with django_capture_on_commit_callbacks(execute=True):
        pass_web_course(lots, short_course)
    with django_capture_on_commit_callbacks(execute=True):
        approved_visit(lots, short_course, samordnare, visit)
    baseline = len(connection.atomic_blocks)  # the test's own transaction

    diploma = Diploma.objects.get(user=lots)
    assert depth_at_render == [baseline]  # no transaction (no course lock) around rendering
    assert diploma.file and diploma.sha256

    # A run that died after reserving the number is completed by the next, once.
    Diploma.objects.filter(pk=diploma.pk).update(file="", sha256="")
    again = diplomas.issue_diploma(user=lots, course=short_course)
    assert again.pk == diploma.pk and again.file and again.sha256
    assert Diploma.objects.count() == 1
    assert OutboxMessage.objects.filter(template="training/email/diploma_ready").count() == 1


def test_the_pdf_is_tagged_and_signed_by_the_editions_coordinator(
    lots, samordnare, short_course, client, django_capture_on_commit_callbacks
):
    """Issue 13, defect 11: the signature line named nobody and the PDF was untagged."""
    short_course.diploma_signatory = "Johan Ek, LOTS-samordnare"
    short_course.save(update_fields=["diploma_signatory"])
    visit = requirement(short_course, "company_visit", 1)
    with django_capture_on_commit_callbacks(execute=True):
        pass_web_course(lots, short_course)
        approved_visit(lots, short_course, samordnare, visit)
    client.force_login(lots)

    response = client.get(reverse("training:diploma_download", args=[short_course.pk]))

    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = reader.pages[0].extract_text()
    assert "Johan Ek, LOTS-samordnare" in text
    assert "Exempelby kommun" in text.split("Johan Ek, LOTS-samordnare", 1)[1]
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])  # a tagged PDF
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "sv"

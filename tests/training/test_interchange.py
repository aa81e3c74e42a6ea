"""Import and export of questions: CSV and Moodle XML, all or nothing, and round trips."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from training.interchange import csv_format, moodle_xml
from training.interchange.collect import course_questions
from training.interchange.importer import import_questions
from training.models import Course, QuestionEntry, QuestionVersion, Topic
from training.services import bank
from training.services.bank import ChoiceData, QuestionData
from training.services.bank_file import load_bank
from training.services.course import add_questions

from .factories import CourseFactory, TopicFactory

pytestmark = pytest.mark.django_db


def snapshot(course):
    return [
        (
            topic.code,
            topic.name,
            entry.key,
            version.type,
            version.text,
            version.explanation,
            version.source,
            [(c.text, c.is_correct) for c in choices],
        )
        for topic, entry, version, choices in course_questions(course)
    ]


def wipe():
    Course.objects.all().delete()
    QuestionEntry.objects.all().delete()
    Topic.objects.all().delete()


def varied_course():
    course = CourseFactory(year=2026)
    tricky = TopicFactory(code="tillstand", name='Tillstånd, alkohol & "tobak"')
    other = TopicFactory(code="bygglov", name="Bygglov")
    questions = [
        (
            tricky,
            QuestionData(
                "single",
                'Vem beslutar om "serveringstillstånd", normalt?',
                (
                    ChoiceData("Kommunen", True),
                    ChoiceData("Polisen; ibland", False),
                    ChoiceData("Länsstyrelsen <län>", False),
                ),
                "Kommunen, enligt\nalkohollagen.",
                "Alkohollag (2010:1622) 8 kap.",
            ),
        ),
        (
            tricky,
            QuestionData(
                "multiple",
                "Vilka remitteras?",
                (
                    ChoiceData("Polisen", True),
                    ChoiceData("Skatteverket", True),
                    ChoiceData("Lantmäteriet", False),
                ),
                "Polis och Skatteverket.",
                "",
            ),
        ),
        (
            other,
            QuestionData(
                "true_false",
                "Bygglov ska ges inom tio veckor.",
                (ChoiceData("Sant", True), ChoiceData("Falskt", False)),
                "PBL 9:27.",
                "PBL 9 kap. 27 §",
            ),
        ),
        (
            other,
            QuestionData(
                "true_false",
                "Startbesked behövs före byggstart.",
                (ChoiceData("Stämmer", True), ChoiceData("Stämmer inte", False)),
                "PBL 10:3.",
                "PBL 10 kap. 3 §",
            ),
        ),
    ]
    entries = [bank.create_question(topic=t, data=d) for t, d in questions]
    add_questions(course=course, entries=entries)
    return course


def upload(name, text):
    return SimpleUploadedFile(name, text.encode("utf-8"))


@pytest.mark.parametrize(("fmt", "module"), [("csv", csv_format), ("xml", moodle_xml)])
def test_an_export_imports_back_unchanged(fmt, module):
    course = varied_course()
    before = snapshot(course)
    exported = module.export_course(course)
    wipe()

    target = CourseFactory(year=2027)
    report = import_questions(upload=upload(f"lots.{fmt}", exported), course=target)

    assert report.ok, report.errors
    assert report.imported == 4
    assert snapshot(target) == before


@pytest.mark.parametrize(("fmt", "module"), [("csv", csv_format), ("xml", moodle_xml)])
def test_re_importing_an_export_into_the_same_bank_changes_nothing(fmt, module):
    course = varied_course()
    report = import_questions(
        upload=upload(f"x.{fmt}", module.export_course(course)), course=course
    )
    assert (report.imported, report.updated, report.unchanged) == (0, 0, 4)
    assert QuestionVersion.objects.count() == 4


@pytest.mark.parametrize(("fmt", "module"), [("csv", csv_format), ("xml", moodle_xml)])
def test_the_shipped_bank_round_trips_through_both_formats(fmt, module):
    course = CourseFactory(year=2026)
    load_bank(course=course)
    before = snapshot(course)
    exported = module.export_course(course)
    wipe()
    target = CourseFactory(year=2026)
    assert import_questions(upload=upload(f"b.{fmt}", exported), course=target).ok
    assert snapshot(target) == before


def test_a_csv_export_holds_no_formula_yet_imports_back_unchanged():
    course = CourseFactory(year=2026)
    topic = TopicFactory(code="matt", name="=Mått och vikt")
    question = QuestionData(
        "single",
        '=HYPERLINK("http://evil.example","Klicka")',
        (ChoiceData("-5 grader", True), ChoiceData("+5 grader", False), ChoiceData("'=1", False)),
        "@Förklaring",
        "",
    )
    add_questions(course=course, entries=[bank.create_question(topic=topic, data=question)])
    before = snapshot(course)

    exported = csv_format.export_course(course)
    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert '\'=HYPERLINK("http://evil.example","Klicka")' in cells
    assert "'-5 grader" in cells and "''=1" in cells

    wipe()
    target = CourseFactory(year=2027)
    assert import_questions(upload=upload("lots.csv", exported), course=target).ok
    assert snapshot(target) == before


HEADER = ",".join(csv_format.COLUMNS)


def test_a_malformed_csv_imports_nothing_and_names_every_bad_row():
    course = CourseFactory()
    text = "\n".join(
        [
            HEADER,
            "bygglov,Bygglov,single,Bra fråga?,Ja,Nej,,,,,1,Förklaring,PBL,",
            "bygglov,Bygglov,single,Två rätt?,Ja,Nej,,,,,1;2,Förklaring,PBL,",
            "bygglov,Bygglov,essay,Fri text?,Ja,Nej,,,,,1,Förklaring,PBL,",
            "bygglov,Bygglov,single,Fel nummer?,Ja,Nej,,,,,7,Förklaring,PBL,",
            "bygglov,Bygglov,single,Ingen förklaring?,Ja,Nej,,,,,1,,PBL,",
            "bygglov,Bygglov,single,Bra fråga?,Ja,Nej,,,,,1,Förklaring,PBL,",
        ]
    )
    report = import_questions(upload=upload("q.csv", text), course=course)

    assert not report.ok
    reasons = {e.row: e.reason for e in report.errors}
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert "exakt ett rätt" in reasons[3]
    assert "Okänd typ ”essay”" in reasons[4]
    assert "”7” pekar inte på ett ifyllt svarsalternativ" in reasons[5]
    assert "saknar förklaring" in reasons[6]
    assert "Samma fråga som på rad 2" in reasons[7]
    assert not QuestionEntry.objects.exists() and not Topic.objects.exists()


def test_a_csv_without_the_needed_columns_is_refused():
    report = import_questions(upload=upload("q.csv", "fraga,svar\nHej?,Ja\n"), course=None)
    assert "Kolumner saknas" in report.errors[0].reason


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<quiz><question", "inte läsbar XML"),
        ("<html></html>", "inte Moodle XML"),
        (
            '<quiz><question type="multichoice"><questiontext><text>Q?</text></questiontext>'
            "</question></quiz>",
            "före någon kategori",
        ),
        (
            '<quiz><question type="category"><category><text>$course$/top/Bygg</text></category>'
            '</question><question type="essay"><questiontext><text>Q?</text></questiontext>'
            "</question></quiz>",
            "”essay” stöds inte",
        ),
        (
            '<quiz><question type="category"><category><text>$course$/top/Bygg</text></category>'
            '</question><question type="truefalse"><questiontext><text>Q?</text></questiontext>'
            "<generalfeedback><text>F</text></generalfeedback>"
            '<answer fraction="100"><text>ja</text></answer></question></quiz>',
            "true och false",
        ),
        (
            '<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz>&x;</quiz>',
            "inte läsbar XML",
        ),
    ],
)
def test_malformed_moodle_xml_is_refused_with_a_reason(xml, message):
    report = import_questions(upload=upload("q.xml", xml), course=CourseFactory())
    assert not report.ok
    assert message in report.errors[0].reason
    assert not QuestionEntry.objects.exists()


def test_the_coordinator_imports_through_the_page_and_sees_the_row_errors(client, samordnare):
    course = CourseFactory()
    client.force_login(samordnare)
    bad = "\n".join([HEADER, "bygglov,Bygglov,single,Två rätt?,Ja,Nej,,,,,1;2,Förklaring,PBL,"])
    page = client.post(
        reverse("training:interchange"),
        {"kurs": course.pk, "file": upload("fel.csv", bad)},
    ).content.decode()
    assert "Ingenting importerades" in page and "Rad 2" in page

    good = "\n".join([HEADER, "bygglov,Bygglov,single,En rätt?,Ja,Nej,,,,,1,Förklaring,PBL,"])
    page = client.post(
        reverse("training:interchange"),
        {"kurs": course.pk, "file": upload("ratt.csv", good)},
        follow=True,
    ).content.decode()
    assert "1 fråga importerad; 0 ändrade, 0 oförändrade." in page
    assert course.slots.count() == 1


def test_the_coordinator_downloads_the_export(client, samordnare):
    course = varied_course()
    client.force_login(samordnare)
    response = client.get(reverse("training:export", args=["xml"]), {"kurs": course.pk})
    assert response["Content-Disposition"] == 'attachment; filename="lots-2026.xml"'
    assert b"<quiz>" in response.content


def test_an_import_into_an_edition_removed_meanwhile_is_not_found_and_imports_nothing(
    client, samordnare
):
    course = CourseFactory()
    gone = course.pk
    course.delete()
    client.force_login(samordnare)
    good = "\n".join([HEADER, "bygglov,Bygglov,single,En rätt?,Ja,Nej,,,,,1,Förklaring,PBL,"])
    response = client.post(
        reverse("training:interchange"), {"kurs": gone, "file": upload("ratt.csv", good)}
    )
    assert response.status_code == 404
    assert not QuestionEntry.objects.exists()

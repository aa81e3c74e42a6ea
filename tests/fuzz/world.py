"""A small municipality for the fuzzer: one of every object a page's address can name.

``build_world()`` returns the people (one per role) and ``path_values``: for each path parameter
of the URL resolver, the real values to put in it (by view name first, then by parameter name).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Role
from cases.services.attachments import add_attachment
from cases.services.referrals import route_case
from public.services.submissions import submit_matter
from public.tokens import hash_token, survey_token
from tests.cases.factories import CaseTypeFactory, CompanyFactory, ContactFactory, a_case
from tests.factories import DepartmentFactory, UserFactory, official
from tests.public.factories import PublicCaseTypeFactory
from tests.training.factories import CourseFactory, TopicFactory, question, requirement
from training.models import AttemptItem, Diploma
from training.services.attempts import start_course
from training.services.diplomas import new_verification_code
from training.services.practical import log_activity
from training.services.proposals import propose_question

ROLES = ("anonymous", "business", "lots", "samordnare", "lead", "staff", "superuser")


@dataclass
class World:
    people: dict[str, Any]
    # view name -> {parameter: [values]}; "*" holds the values by parameter name for any view
    path_values: dict[str, dict[str, list[Any]]] = field(default_factory=dict)


def build_world() -> World:
    from public.models import SurveyInvitation
    from public.services.outside import ask_outside_party

    today = timezone.localdate()
    miljo = DepartmentFactory(name="Miljö", code="miljo")
    bygg = DepartmentFactory(name="Bygg", code="samhallsbyggnad")
    naring = DepartmentFactory(name="Näringsliv", code="naringsliv")
    lots = official(miljo, Role.LOTS, full_name="Lotta Lots")
    people: dict[str, Any] = {
        "anonymous": None,
        "business": None,
        "lots": lots,
        "samordnare": official(naring, Role.SAMORDNARE, full_name="Sam Samordnare"),
        "lead": official(bygg, Role.AVDELNINGSCHEF, full_name="Lea Lead"),
        "staff": UserFactory(full_name="Stina Staff", is_staff=True),
        "superuser": UserFactory(full_name="Ada Admin", is_staff=True, is_superuser=True),
    }

    company = CompanyFactory()
    ContactFactory(company=company)
    case_type = CaseTypeFactory(lead_department=miljo)
    case = a_case(by=lots, department=miljo, case_type=case_type, company=company)
    referral = route_case(case=case, department=bygg, by=lots, request_text="Bygglov?")
    attachment = add_attachment(
        case=case, by=lots, uploaded_file=SimpleUploadedFile("ritning.txt", b"Ritning")
    )

    public_type = PublicCaseTypeFactory(
        name="Uteservering", code="uteservering", lead_department=miljo
    )
    submitted = submit_matter(
        org_number="556036-0793",
        company_name="Café Torget AB",
        contact_name="Kim Karlsson",
        email="kim@cafetorget.example",
        case_type=public_type,
        description="Uteservering på torget.",
    )
    outside = ask_outside_party(
        case=case, by=lots, party="Polisen", email="polisen@polisen.example", question="Ok?"
    )
    # Not routed yet: its routing form is sent with the first department offered.
    fresh = a_case(by=lots, department=miljo, case_type=case_type, company=company)
    closed = a_case(by=lots, department=miljo, case_type=case_type, company=company)
    survey = survey_token(closed.pk)
    SurveyInvitation.objects.create(
        case=closed, token_hash=hash_token(survey), first_sent_at=timezone.now()
    )

    course = CourseFactory(
        year=today.year,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=60),
        enrol_all_officials=True,
    )
    topic = TopicFactory(code="bygglov", name="Bygglov", position=1)
    question(topic, "Behövs bygglov för en altan?", course=course)
    visit = requirement(course)
    start_course(user=lots, course=course)
    item = AttemptItem.objects.filter(attempt__user=lots).first()
    activity = log_activity(
        user=lots,
        course=course,
        requirement=visit,
        date=today,
        place_or_department="Bygg",
        learned="Hur ett bygglov handläggs.",
    )
    diploma = Diploma.objects.create(  # as issued (issuing needs a passed course and year)
        user=people["lead"],
        course=course,
        number=f"LOTS-{today.year}-0001",
        verification_code=new_verification_code(),
        issued_at=timezone.now(),
        valid_until=today + datetime.timedelta(days=365 * 3),
    )
    proposal = propose_question(by=lots, draft_text="Vad kostar ett bygglov?")

    extra = _objects_of_the_later_apps(lots=lots, case=case, miljo=miljo, people=people)
    reset_user = people["lots"]
    world = World(people=people)
    world.path_values = {
        "*": {
            "course_id": [course.pk],
            "topic_id": [topic.pk],
            "item_id": [item.pk],
            "activity_id": [activity.pk],
            "diploma_id": [diploma.pk],
            "proposal_id": [proposal.pk],
            "fmt": ["csv", "xml"],
            "verb": ["ta-emot", "svara", "avbo", "aterkalla", "skicka-vidare"],
            "code": [diploma.verification_code],
            "uidb64": [urlsafe_base64_encode(force_bytes(reset_user.pk))],
            "app_label": ["cases"],
        },
        "cases:detail": {"pk": [case.pk, fresh.pk]},
        "cases:status": {"pk": [case.pk, fresh.pk]},
        "cases:coordinator": {"pk": [case.pk, fresh.pk]},
        "cases:route": {"pk": [case.pk, fresh.pk]},
        "cases:note": {"pk": [case.pk, fresh.pk]},
        "cases:message": {"pk": [case.pk, fresh.pk]},
        "cases:upload": {"pk": [case.pk, fresh.pk]},
        "cases:edit": {"pk": [case.pk, fresh.pk]},
        "cases:intake_answers": {"pk": [case.pk, fresh.pk]},
        "cases:link": {"pk": [case.pk, fresh.pk]},
        "cases:merge": {"pk": [case.pk, fresh.pk]},
        "cases:standard_text": {"pk": [case.pk, fresh.pk]},
        "cases:attachment": {"pk": [attachment.pk]},
        "cases:referral_action": {"pk": [referral.pk]},
        "cases:company_detail": {"pk": [company.pk]},
        "cases:contact_add": {"pk": [company.pk]},
        "stats:export_table": {"table": ["manader", "ledtider"], "file_format": ["csv", "xlsx"]},
        "public:track": {"token": [submitted.token]},
        "public:track_file": {"token": [submitted.token], "pk": [attachment.pk]},
        "public:outside_answer": {"token": [outside.token]},
        "public:outside_questions": {"pk": [case.pk]},
        "public:withdraw_outside": {"pk": [case.pk], "question_pk": [outside.question.pk]},
        "public:register_contact": {"pk": [submitted.case.pk, case.pk]},
        "public:survey": {"token": [survey]},
        "accounts:password_reset_confirm": {
            "token": [default_token_generator.make_token(reset_user)]
        },
        # The REST API (a session is no token: 401 problem+json; tests/api fuzzes it with one).
        "api:case": {"pk": [case.pk]},
        "api:case_status": {"pk": [case.pk]},
        "api:case_events": {"pk": [case.pk]},
        "api:case_attachments": {"pk": [case.pk]},
        "api:referral": {"pk": [referral.pk]},
        "api:company": {"org_number": [company.org_number]},
        "api:attachment_content": {"pk": [attachment.pk]},
        "cases:assign": {"pk": [case.pk, fresh.pk]},
        "cases:clock_action": {
            "pk": [case.pk],
            "verb": ["completion", "documents", "extend", "fee"],
        },
        **extra,
    }
    return world


def _objects_of_the_later_apps(*, lots, case, miljo, people) -> dict[str, dict[str, list]]:
    """A row of each kind the pages of mailin, development and knowledge show."""
    from cases.services.communication import send_message_to_business
    from cases.services.saved_filters import save_filter
    from development.models import Theme
    from development.services.ideas import propose_idea
    from development.services.visits import add_insight, plan_visit, register_visit_held
    from development.services.workshops import create_workshop
    from knowledge.services.articles import ArticleData, publish_article, write_article
    from mailin.services import receive_mail

    held = receive_mail(
        raw=b"From: okand@example.org\r\nTo: arende@kommun.example\r\n"
        b"Subject: Fraga\r\nMessage-ID: <fuzz-1@example.org>\r\n\r\nHej\r\n",
        source="command",
    )
    visit = plan_visit(
        by=lots,
        org_number="556036-0793",
        company_name="Café Torget AB",
        department=miljo,
        date=timezone.localdate() - datetime.timedelta(days=1),
        purpose="Lära känna företaget",
        participants=[lots],
    )
    held_visit = register_visit_held(visit=visit, by=lots)
    planned_visit = plan_visit(
        by=lots,
        org_number="556036-0793",
        department=miljo,
        date=timezone.localdate() + datetime.timedelta(days=7),
        purpose="Uppföljning",
        participants=[lots],
    )
    insight = add_insight(
        visit=held_visit,
        by=lots,
        kind="need",
        theme=Theme.objects.order_by("pk").first(),
        text="Svårt att hitta lokaler",
        departments=[miljo],
    )
    workshop = create_workshop(by=lots, title="DialogLab", date=timezone.localdate())
    idea = propose_idea(
        by=lots,
        title="Lokalbank",
        why="Inga lokaler",
        what="En lista",
        how="Varje månad",
        source="visit",
        department=miljo,
        insights=[insight],
    )
    article = write_article(
        by=lots,
        data=ArticleData(
            question="Behöver jag bygglov?",
            answer="Ofta.",
            owner_department=miljo,
            audience="public",
            legal_sources="PBL 9 kap.",
        ),
    )
    article = publish_article(article=article, by=lots)
    message = send_message_to_business(case=case, by=lots, body="Hej")
    referral = case.referrals.order_by("pk").first()
    saved = save_filter(by=lots, name="Nya", query="status=new", shared_with=miljo)
    return {
        "cases:saved_filter_open": {"pk": [saved.pk]},
        "cases:saved_filter_edit": {"pk": [saved.pk]},
        "cases:saved_filter_delete": {"pk": [saved.pk]},
        "mailin:held_detail": {"pk": [held.pk]},
        "mailin:release": {"pk": [held.pk]},
        "mailin:discard": {"pk": [held.pk]},
        "development:visit_detail": {"pk": [held_visit.pk]},
        "development:visit_held": {"pk": [held_visit.pk]},
        "development:insight_add": {"pk": [held_visit.pk]},
        "development:visit_edit": {"pk": [planned_visit.pk, held_visit.pk]},
        "development:visit_cancel": {"pk": [planned_visit.pk]},
        "development:insight_edit": {"pk": [insight.pk]},
        "development:insight_open_case": {"pk": [insight.pk]},
        "development:workshop_detail": {"pk": [workshop.pk]},
        "development:guest_add": {"pk": [workshop.pk]},
        "development:guest_remove": {"pk": [workshop.pk]},
        "development:officials_set": {"pk": [workshop.pk]},
        "development:step_note": {"pk": [workshop.pk]},
        "development:insights_set": {"pk": [workshop.pk]},
        "development:idea_detail": {"pk": [idea.pk]},
        "development:idea_edit": {"pk": [idea.pk]},
        "development:idea_move": {"pk": [idea.pk]},
        "development:idea_publish": {"pk": [idea.pk]},
        "knowledge:from_message": {"pk": [message.pk]},
        "knowledge:from_referral": {"pk": [referral.pk]},
        "knowledge:detail": {"pk": [article.pk]},
        "knowledge:edit": {"pk": [article.pk]},
        "knowledge:version": {"pk": [article.pk], "number": [1]},
        "knowledge:propose": {"pk": [article.pk]},
        "knowledge:action": {
            "pk": [article.pk],
            "action": ["publicera", "arkivera", "ateroppna", "granskad"],
        },
        "knowledge_public:detail": {"pk": [article.pk]},
    }

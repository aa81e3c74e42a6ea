"""The public questions page at /foretag/fragor/: searchable, in English where written, with
"Fick du svar på din fråga?" (idempotent, rate-limited) and the form when not enough."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from knowledge.models import ArticleVote, SearchGap

pytestmark = pytest.mark.django_db


def _once_key(page: str) -> str:
    return re.search(r'name="once_key" value="([^"]+)"', page).group(1)


@pytest.fixture
def public_article(write):
    return write(
        question="Behöver jag bygglov för en uteservering?",
        question_en="Do I need a building permit for outdoor seating?",
        answer_en="Outdoor seating with fixed structures may need a building permit.",
        audience="public",
        publish=True,
    )


def test_the_public_page_lists_only_published_public_articles(client, write, public_article):
    write(question="Intern fråga om handläggning", publish=True)
    write(question="Utkast om uteservering", audience="public")
    assert reverse("knowledge_public:list") == "/foretag/fragor/"
    page = client.get(reverse("knowledge_public:list")).content.decode()
    assert "Behöver jag bygglov för en uteservering?" in page
    assert "Intern fråga" not in page and "Utkast om" not in page


def test_a_business_searches_with_part_of_a_compound(client, public_article):
    page = client.get(reverse("knowledge_public:list"), {"q": "servering"}).content.decode()
    assert "Behöver jag bygglov för en uteservering?" in page


def test_the_english_text_is_shown_in_english(client, public_article):
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        page = client.get(reverse("knowledge_public:detail", args=[public_article.pk]))
    text = page.content.decode()
    assert "Do I need a building permit for outdoor seating?" in text
    assert 'lang="en"' in text


def test_a_no_vote_is_stored_once_and_offers_the_public_form(client, public_article):
    url = reverse("knowledge_public:detail", args=[public_article.pk])
    page = client.get(url).content.decode()
    key = _once_key(page)
    first = client.post(url, {"helpful": "no", "once_key": key})
    assert first.status_code == 302
    again = client.post(url, {"helpful": "no", "once_key": key})  # the same form sent twice
    assert again.status_code == 302
    assert ArticleVote.objects.filter(article=public_article).count() == 1
    assert ArticleVote.objects.get().helpful is False
    after = client.get(url).content.decode()
    assert 'data-testid="vote-thanks"' in after
    assert f'href="{reverse("public:intake")}"' in after


def test_a_forged_key_stores_nothing_and_says_so(client, public_article):
    url = reverse("knowledge_public:detail", args=[public_article.pk])
    response = client.post(url, {"helpful": "yes", "once_key": "forged"})
    assert response.status_code == 400
    assert ArticleVote.objects.count() == 0


def test_votes_are_rate_limited_per_address(settings, public_article):
    from django.test import Client

    settings.PUBLIC_VOTE_RATE = "2/h"
    url = reverse("knowledge_public:detail", args=[public_article.pk])
    codes = []
    for _ in range(3):
        visitor = Client()  # a new visitor each time, from the same address
        key = _once_key(visitor.get(url).content.decode())
        codes.append(visitor.post(url, {"helpful": "yes", "once_key": key}).status_code)
    assert codes == [302, 302, 429]
    assert ArticleVote.objects.count() == 2


def test_an_empty_search_is_counted_for_the_owner(client, public_article, builder, samordnare):
    page = client.get(reverse("knowledge_public:list"), {"q": "Tillstånd för hoppborg"})
    assert f'href="{reverse("public:intake")}"' in page.content.decode()  # ask us instead
    client.get(reverse("knowledge_public:list"), {"q": "tillstånd  för HOPPBORG"})
    client.force_login(builder)
    client.get(reverse("knowledge:list"), {"q": "hoppborg"})
    client.get(reverse("knowledge:list"), {"q": "uteservering"})  # found: not counted
    gaps = {(g.query, g.place): g.count for g in SearchGap.objects.all()}
    assert gaps == {("tillstånd för hoppborg", "public"): 2, ("hoppborg", "internal"): 1}
    client.force_login(samordnare)
    page = client.get(reverse("knowledge:gaps")).content.decode()
    assert "tillstånd för hoppborg" in page

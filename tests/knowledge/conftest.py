import pytest

from accounts.models import Role
from knowledge.services.articles import ArticleData, publish_article, write_article
from tests.factories import DepartmentFactory, official


@pytest.fixture
def bygg(db):
    return DepartmentFactory(name="Samhällsbyggnad", code="samhallsbyggnad")


@pytest.fixture
def builder(bygg):
    return official(bygg, Role.LOTS, full_name="Bodil Bygglov")


@pytest.fixture
def write(builder, bygg):
    """Write (and optionally publish) an article owned by Samhällsbyggnad."""

    def make(
        question="Behöver jag bygglov för en uteservering?",
        answer=None,
        publish=False,
        audience="internal",
        **fields,
    ):
        data = ArticleData(
            question=question,
            answer=answer or "En uteservering med fast inredning kan kräva bygglov (PBL 9 kap.).",
            owner_department=fields.pop("owner_department", bygg),
            audience=audience,
            legal_sources=fields.pop(
                "legal_sources", "Plan- och bygglagen 9 kap. 2 § | https://www.riksdagen.se/"
            ),
            **fields,
        )
        article = write_article(by=builder, data=data)
        if publish:
            article = publish_article(article=article, by=builder)
        return article

    return make

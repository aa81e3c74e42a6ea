"""Sharing articles between municipalities: export and import as JSON in the documented
format (``docs/knowledge-format.schema.json``, described in ``docs/knowledge.md``).

The export keeps the question and answer in both languages, the legal sources, the review
interval and the last review date. Departments and case types travel by their codes; on import
they are matched by code, and an owner department not known here becomes the importer's
chosen department. Imported articles are drafts (another municipality's answer is read before
it is published here) and keep their sources and review dates.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema  # type: ignore[import-untyped]
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department
from cases.models import CaseType
from knowledge import events
from knowledge.errors import InvalidImport
from knowledge.models import Article

from .articles import ArticleData, add_months, write_article
from .history import record

if TYPE_CHECKING:
    from accounts.models import User

FORMAT = "lotsportalen-knowledge"
FORMAT_VERSION = 1
SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "knowledge-format.schema.json"


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def article_document(article: Article) -> dict[str, Any]:
    """One article as the format holds it (departments and case types prefetched)."""
    return {
        "question": {"sv": article.question, "en": article.question_en},
        "answer": {"sv": article.answer, "en": article.answer_en},
        "audience": article.audience,
        "status": article.status,
        "owner_department": article.owner_department.code,
        "departments": sorted(d.code for d in article.departments.all()),
        "case_types": sorted(t.code for t in article.case_types.all()),
        "legal_sources": article.sources(),
        "review_interval_months": article.review_interval_months,
        "last_reviewed_on": (
            article.last_reviewed_on.isoformat() if article.last_reviewed_on else None
        ),
        "version": article.version_number,
    }


def export_articles(queryset: QuerySet[Article]) -> dict[str, Any]:
    articles = queryset.select_related("owner_department").prefetch_related(
        "departments", "case_types"
    )
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "municipality": settings.MUNICIPALITY_NAME,
        "articles": [article_document(a) for a in articles.order_by("pk")],
    }


def validate_document(document: Any) -> None:
    try:
        jsonschema.validate(document, schema())
    except jsonschema.ValidationError as error:
        where = "/".join(str(part) for part in error.absolute_path) or "/"
        raise InvalidImport(
            _("The file does not follow the format (at %(where)s: %(reason)s).")
            % {"where": where, "reason": error.message[:200]}
        ) from None


def _sources_text(sources: list[dict[str, str]]) -> str:
    return "\n".join(f"{s['title']} | {s['url']}" if s.get("url") else s["title"] for s in sources)


def _data(
    row: dict[str, Any],
    departments: dict[str, Department],
    fallback: Department,
    case_types: dict[str, CaseType],
) -> ArticleData:
    return ArticleData(
        question=row["question"]["sv"],
        question_en=row["question"].get("en", ""),
        answer=row["answer"]["sv"],
        answer_en=row["answer"].get("en", ""),
        legal_sources=_sources_text(row.get("legal_sources", [])),
        audience=row["audience"],
        owner_department=departments.get(row["owner_department"], fallback),
        review_interval_months=row["review_interval_months"],
        departments=[departments[c] for c in row.get("departments", []) if c in departments],
        case_types=[case_types[c] for c in row.get("case_types", []) if c in case_types],
    )


def import_articles(
    *, document: Any, by: User | None, fallback_department: Department, source: str = ""
) -> list[Article]:
    """Every article of ``document`` as a new draft; nothing is stored if one is invalid."""
    validate_document(document)
    if document["format"] != FORMAT:
        raise InvalidImport()
    departments = {d.code: d for d in Department.objects.all()}
    case_types = {t.code: t for t in CaseType.objects.all()}
    source = source or str(document.get("municipality", ""))
    created = []
    with transaction.atomic():
        for row in document["articles"]:
            data = _data(row, departments, fallback_department, case_types)
            article = write_article(by=by, data=data, origin=f"import:{source}", check=False)
            if row.get("last_reviewed_on"):
                reviewed = date.fromisoformat(row["last_reviewed_on"])
                Article.objects.filter(pk=article.pk).update(
                    last_reviewed_on=reviewed,
                    review_due_on=add_months(reviewed, data.review_interval_months),
                )
            record(events.imported(article=article, by=by, source=source))
            created.append(article)
    return created

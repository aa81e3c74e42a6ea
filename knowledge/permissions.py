"""Who may read and change the knowledge bank.

- every official (a member of a department, or an administrator) reads the internal bank and
  writes drafts (also from a case's answer);
- the owner department's members, the LOTS coordinators (samordnare) and administrators
  edit, review, publish, archive and reopen an article;
- the gaps page and the export are for coordinators, department leads and administrators;
- anyone reads the published public articles at /foretag/fragor/.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts import permissions as roles

from .models import Article
from .workflow import ArticleStatus


def can_use_knowledge(user) -> bool:
    return roles.is_official(user)


def can_write_article(user) -> bool:
    return roles.is_official(user)


def can_manage_article(user, article: Article) -> bool:
    if not roles.is_official(user):
        return False
    return (
        user.is_superuser
        or roles.is_samordnare(user)
        or roles.is_member_of(user, article.owner_department_id)
    )


def can_view_gaps(user) -> bool:
    return roles.can_view_statistics(user)


def can_exchange_articles(user) -> bool:
    return roles.can_view_statistics(user)


def visible_articles(user, queryset: QuerySet[Article] | None = None) -> QuerySet[Article]:
    """Officials see every published article and the drafts and archived ones of the
    departments they belong to (all of them for coordinators and administrators)."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not roles.is_official(user):
        return queryset.none()
    if user.is_superuser or roles.is_samordnare(user):
        return queryset
    return queryset.filter(
        Q(status=ArticleStatus.PUBLISHED)
        | Q(owner_department_id__in=roles.department_ids(user))
        | Q(created_by=user)
    )

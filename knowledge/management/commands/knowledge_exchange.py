"""Export the knowledge bank to, or import it from, a file in the exchange format.

manage.py knowledge_exchange export articles.json [--public-only]
manage.py knowledge_exchange import articles.json --department naringsliv
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Department
from knowledge.errors import KnowledgeError
from knowledge.models import Article
from knowledge.services.interchange import export_articles, import_articles


class Command(BaseCommand):
    help = "Export or import knowledge-bank articles (docs/knowledge-format.schema.json)."

    def add_arguments(self, parser):
        parser.add_argument("direction", choices=["export", "import"])
        parser.add_argument("path")
        parser.add_argument("--public-only", action="store_true")
        parser.add_argument(
            "--department", help="Owner department (code) for articles of unknown departments"
        )

    def handle(self, *args, direction: str, path: str, **options):
        file = Path(path)
        if direction == "export":
            queryset = Article.objects.exclude(status="archived")
            if options["public_only"]:
                queryset = queryset.public()
            document = export_articles(queryset)
            file.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
            self.stdout.write(f"{len(document['articles'])} articles written to {file}")
            return
        department = Department.objects.filter(code=options["department"] or "").first()
        if department is None:
            raise CommandError("Name the owner department for unknown departments: --department")
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
            created = import_articles(document=document, by=None, fallback_department=department)
        except (OSError, json.JSONDecodeError, KnowledgeError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{len(created)} articles imported as drafts")

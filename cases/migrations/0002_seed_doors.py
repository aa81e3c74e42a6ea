"""Seed the seven doors with stable codes (the public intake uses "public_form")."""

from django.db import migrations

DOORS = [
    ("reception", "Reception"),
    ("phone", "Telefon"),
    ("email", "E-post"),
    ("visit", "Besök"),
    ("company_visit", "Företagsbesök"),
    ("public_form", "E-tjänst/webbformulär"),
    ("other", "Annat"),
]


def seed_doors(apps, schema_editor):
    Door = apps.get_model("cases", "Door")
    for position, (code, name) in enumerate(DOORS, start=1):
        Door.objects.get_or_create(code=code, defaults={"name": name, "position": position})
    CaseSettings = apps.get_model("cases", "CaseSettings")
    if not CaseSettings.objects.exists():
        CaseSettings.objects.create(registration_prefix="LOTS")


def remove_doors(apps, schema_editor):
    Door = apps.get_model("cases", "Door")
    Door.objects.filter(code__in=[code for code, _ in DOORS], cases__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed_doors, remove_doors)]

from django.db import migrations

THEMES = [
    "Kompetensförsörjning",
    "Lokaler och mark",
    "Tillstånd och regler",
    "Infrastruktur",
    "Kommunens service",
    "Upphandling",
]


def seed(apps, schema_editor):
    Theme = apps.get_model("development", "Theme")
    for position, name in enumerate(THEMES):
        Theme.objects.get_or_create(name=name, defaults={"position": position})


def unseed(apps, schema_editor):
    apps.get_model("development", "Theme").objects.filter(name__in=THEMES).delete()


class Migration(migrations.Migration):
    dependencies = [("development", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

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


class Migration(migrations.Migration):
    dependencies = [("development", "0001_initial")]
    # Going back leaves the themes (insights may use them); 0001 backwards drops the table.
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

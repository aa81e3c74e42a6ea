from django.db import migrations


def fill(apps, schema_editor):
    from stats.calendar_table import fill_calendar

    fill_calendar(model=apps.get_model("stats", "CalendarDay"))


def empty(apps, schema_editor):
    apps.get_model("stats", "CalendarDay").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_initial")]

    operations = [migrations.RunPython(fill, empty)]

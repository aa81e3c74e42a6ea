from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="CalendarDay",
            fields=[
                ("day", models.DateField(primary_key=True, serialize=False, verbose_name="day")),
                ("is_working_day", models.BooleanField(verbose_name="working day")),
                (
                    "working_day_number",
                    models.PositiveIntegerField(
                        help_text="Working days from the first day of the calendar up to and including this.",
                        verbose_name="working days since the calendar began",
                    ),
                ),
            ],
            options={
                "verbose_name": "calendar day",
                "verbose_name_plural": "calendar days",
                "ordering": ["day"],
            },
        ),
    ]

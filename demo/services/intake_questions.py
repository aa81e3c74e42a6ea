"""The demo's intake questions: what serveringstillstånd, markupplåtelse and
livsmedelsregistrering ask on the public form and at the desk (kept once, by case type)."""

from __future__ import annotations

from cases.models import CaseType, IntakeQuestion, QuestionKind

# case type code: (kind, Swedish, English, required, extra fields)
QUESTIONS: dict[str, list[tuple[str, str, str, bool, dict]]] = {
    "servering": [
        ("short_text", "Serveringstider", "Serving hours", True, {"help_sv": "T.ex. 11–01."}),
        (
            "number",
            "Antal sittplatser",
            "Number of seats",
            True,
            {"min_value": 1, "max_value": 2000},
        ),
        (
            "choice",
            "Typ av servering",
            "Kind of serving",
            True,
            {
                "choices_sv": "Till allmänheten\nSlutet sällskap\nCatering",
                "choices_en": "To the public\nPrivate party\nCatering",
            },
        ),
    ],
    "markupplatelse": [
        ("number", "Antal bord", "Number of tables", True, {"min_value": 1, "max_value": 100}),
        ("date", "Från vilket datum?", "From which date?", False, {}),
        ("yes_no", "Serveras alkohol?", "Is alcohol served?", False, {}),
    ],
    "livsmedel": [
        ("long_text", "Vilka livsmedel hanteras?", "Which foods are handled?", False, {}),
    ],
}


def ensure_intake_questions() -> int:
    """The questions of the demo's case types (those not there yet); how many were added."""
    added = 0
    types = {t.code: t for t in CaseType.objects.filter(code__in=QUESTIONS)}
    for code, questions in QUESTIONS.items():
        case_type = types.get(code)
        if case_type is None:
            continue
        for position, (kind, swedish, english, required, extra) in enumerate(questions):
            _question, created = IntakeQuestion.objects.get_or_create(
                case_type=case_type,
                label_sv=swedish,
                defaults={
                    "kind": QuestionKind(kind),
                    "label_en": english,
                    "required": required,
                    "position": position,
                    **extra,
                },
            )
            added += created
    return added

"""Moodle XML (the quiz format course platforms exchange).

Topics are ``category`` questions; ``multichoice`` (single or several right, fraction > 0 is
right) and ``truefalse`` are read and written. The explanation is ``generalfeedback``, the
source a ``source:`` tag and the stable key ``idnumber``. A true/false question whose choices are
not "Sant"/"Falskt" is written as multichoice with the tag ``lots:true_false``.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, tostring  # noqa: S405 - writing only

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _

from training.models import Course, QuestionType
from training.services.bank import ChoiceData, QuestionData

from . import ParsedQuestion, RowError
from .collect import course_questions

TRUE_TEXT, FALSE_TEXT = "Sant", "Falskt"
CATEGORY_PREFIX = "$course$/top/"
SOURCE_TAG = "source:"
TF_TAG = "lots:true_false"


def _text(parent: Element, tag: str, value: str, fmt: str | None = None) -> Element:
    element = SubElement(parent, tag, {"format": fmt} if fmt else {})
    SubElement(element, "text").text = value
    return element


def _fraction(index: int, choices, correct_count: int) -> str:
    if not choices[index].is_correct:
        return "0"
    return "100" if correct_count == 1 else f"{100 / correct_count:.5f}".rstrip("0").rstrip(".")


def export_course(course: Course) -> str:
    quiz = Element("quiz")
    current_topic = None
    for topic, entry, version, choices in course_questions(course):
        if topic.pk != current_topic:
            current_topic = topic.pk
            category = SubElement(quiz, "question", {"type": "category"})
            _text(category, "category", CATEGORY_PREFIX + topic.name)
            _text(category, "info", topic.description, "plain_text")
            SubElement(category, "idnumber").text = topic.code
        texts = [c.text for c in choices]
        native_tf = version.type == QuestionType.TRUE_FALSE and texts == [TRUE_TEXT, FALSE_TEXT]
        question = SubElement(
            quiz, "question", {"type": "truefalse" if native_tf else "multichoice"}
        )
        _text(question, "name", version.text[:80])
        _text(question, "questiontext", version.text, "plain_text")
        _text(question, "generalfeedback", version.explanation, "plain_text")
        SubElement(question, "idnumber").text = entry.key
        if native_tf:
            for choice, word in zip(choices, ("true", "false"), strict=True):
                answer = SubElement(
                    question, "answer", {"fraction": "100" if choice.is_correct else "0"}
                )
                SubElement(answer, "text").text = word
        else:
            correct_count = sum(c.is_correct for c in choices)
            SubElement(question, "single").text = (
                "false" if version.type == QuestionType.MULTIPLE else "true"
            )
            SubElement(question, "shuffleanswers").text = "true"
            SubElement(question, "answernumbering").text = "abc"
            for i, choice in enumerate(choices):
                answer = SubElement(
                    question,
                    "answer",
                    {"fraction": _fraction(i, choices, correct_count), "format": "plain_text"},
                )
                SubElement(answer, "text").text = choice.text
        tags = SubElement(question, "tags")
        if version.source:
            SubElement(SubElement(tags, "tag"), "text").text = SOURCE_TAG + version.source
        if version.type == QuestionType.TRUE_FALSE and not native_tf:
            SubElement(SubElement(tags, "tag"), "text").text = TF_TAG
    SafeET.fromstring(tostring(quiz))  # what we write must read back
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(quiz, encoding="unicode") + "\n"


def _child_text(element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None and found.text else ""


def parse(text: str) -> tuple[list[ParsedQuestion], list[RowError]]:
    try:
        quiz = SafeET.fromstring(text.encode("utf-8"))
    except (SafeET.ParseError, DefusedXmlException) as error:
        return [], [RowError(0, _("The file is not readable XML: %(error)s") % {"error": error})]
    if quiz.tag != "quiz":
        return [], [RowError(0, _("The file is not Moodle XML (no <quiz> element)."))]
    questions, errors = [], []
    topic_name, topic_code = "", ""
    for number, element in enumerate(quiz.findall("question"), start=1):
        kind = element.get("type", "")
        if kind == "category":
            path = _child_text(element, "category/text")
            topic_name = path.removeprefix(CATEGORY_PREFIX).split("/")[-1].strip()
            topic_code = _child_text(element, "idnumber") or _slug(topic_name)
            continue
        try:
            questions.append(_parse_question(number, element, kind, topic_code, topic_name))
        except ValueError as error:
            errors.append(RowError(number, str(error)))
    if not questions and not errors:
        errors.append(RowError(0, _("The file has no questions.")))
    return questions, errors


def _slug(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name)[:60]


def _parse_question(number, element, kind, topic_code, topic_name) -> ParsedQuestion:
    if kind not in ("multichoice", "truefalse"):
        raise ValueError(
            _("Question type “%(type)s” is not supported (multichoice or truefalse).")
            % {"type": kind}
        )
    if not topic_code:
        raise ValueError(_("The question comes before any category (topic)."))
    tags = [_child_text(tag, "text") for tag in element.findall("tags/tag")]
    source = next((t.removeprefix(SOURCE_TAG) for t in tags if t.startswith(SOURCE_TAG)), "")
    answers = element.findall("answer")
    choices = []
    for answer in answers:
        try:
            fraction = float(answer.get("fraction", "0"))
        except ValueError:
            raise ValueError(
                _("The fraction “%(value)s” is not a number.") % {"value": answer.get("fraction")}
            ) from None
        choices.append((_child_text(answer, "text"), fraction > 0))
    if kind == "truefalse":
        words = {"true": TRUE_TEXT, "false": FALSE_TEXT}
        if sorted(t.lower() for t, _c in choices) != ["false", "true"]:
            raise ValueError(_("A truefalse question needs the answers true and false."))
        choices = [(words[t.lower()], c) for t, c in choices]
        qtype = QuestionType.TRUE_FALSE
    elif TF_TAG in tags:
        qtype = QuestionType.TRUE_FALSE
    else:
        single = _child_text(element, "single").lower() in ("true", "1")
        qtype = QuestionType.SINGLE if single else QuestionType.MULTIPLE
    return ParsedQuestion(
        row=number,
        topic_code=topic_code,
        topic_name=topic_name,
        key=_child_text(element, "idnumber"),
        data=QuestionData(
            type=qtype,
            text=_child_text(element, "questiontext/text"),
            choices=tuple(ChoiceData(t, c) for t, c in choices),
            explanation=_child_text(element, "generalfeedback/text"),
            source=source,
        ),
    )

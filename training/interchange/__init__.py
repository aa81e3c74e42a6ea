"""Questions in and out: CSV and Moodle XML, parsed into one shape and imported all or nothing."""

from dataclasses import dataclass

from training.services.bank import QuestionData


@dataclass(frozen=True)
class ParsedQuestion:
    row: int
    topic_code: str
    topic_name: str
    data: QuestionData
    key: str = ""


@dataclass(frozen=True)
class RowError:
    row: int
    reason: str

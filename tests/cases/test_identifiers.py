import pytest

from cases.errors import InvalidIdentifier
from cases.identifiers import IdentifierKind, luhn_check_digit, parse_company_identifier


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("212000-0142", "212000-0142"),
        ("556036-0793", "556036-0793"),
        ("556016-0680", "556016-0680"),
        ("5560360793", "556036-0793"),
        (" 556036 0793 ", "556036-0793"),
        ("16556036-0793", "556036-0793"),
        ("165560360793", "556036-0793"),
    ],
)
def test_valid_organisationsnummer_is_stored_in_one_form(raw, stored):
    parsed = parse_company_identifier(raw)
    assert parsed.value == stored
    assert parsed.kind == IdentifierKind.ORGANISATIONSNUMMER


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("556036-0794", "Kontrollsiffran"),
        ("551236-0793", "siffra 3–4"),
        ("556036-079", "10 siffror"),
        ("55603A-0793", "Bara siffror"),
        ("", "10 siffror"),
    ],
)
def test_invalid_organisationsnummer_is_refused_with_a_reason_in_swedish(raw, reason):
    with pytest.raises(InvalidIdentifier) as excinfo:
        parse_company_identifier(raw)
    assert reason in str(excinfo.value)


def test_digits_three_and_four_below_twenty_are_refused_even_with_a_valid_check_digit():
    nine = "551236079"  # month-like 12, day 36: neither an organisation nor a person
    with pytest.raises(InvalidIdentifier):
        parse_company_identifier(nine + luhn_check_digit(nine))


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("811228-9874", "811228-9874"),
        ("8112289874", "811228-9874"),
        ("19811228-9874", "811228-9874"),
    ],
)
def test_sole_trader_by_personnummer(raw, stored):
    parsed = parse_company_identifier(raw)
    assert parsed.value == stored
    assert parsed.kind == IdentifierKind.PERSONNUMMER


def test_samordningsnummer_day_plus_sixty_is_accepted():
    nine = "811288987"  # 28 December + 60
    parsed = parse_company_identifier(nine + luhn_check_digit(nine))
    assert parsed.kind == IdentifierKind.PERSONNUMMER


def test_personnummer_with_wrong_check_digit_is_refused():
    with pytest.raises(InvalidIdentifier):
        parse_company_identifier("811228-9875")


def test_luhn_check_digit_matches_the_known_numbers():
    assert luhn_check_digit("556036079") == "3"
    assert luhn_check_digit("212000014") == "2"

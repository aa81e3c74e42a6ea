"""Reading a mail: the answer without its quoted history, the kind of mail, the token."""

from __future__ import annotations

import pytest

from mailin.parsing import parse_mail, trim_quoted
from mailin.tokens import case_id_from_token, reply_address_for, reply_token, token_in

from .conftest import a_reply


@pytest.mark.parametrize(
    "quoted",
    [
        "Den 2 dec. 2026 kl. 10:15 skrev Exempelby kommun <lots@kommun.example>:\n"
        "> Hej!\n> Vi behöver ritningen.",
        "On Wed, 2 Dec 2026 at 10:15, Exempelby kommun <lots@kommun.example> wrote:\n> Hello",
        "-----Ursprungligt meddelande-----\nFrån: Exempelby kommun\n"
        "Skickat: den 2 december 2026\nHej",
        "________________________________\n"
        "Från: Exempelby kommun <lots@kommun.example>\nSkickat: onsdag",
        "Från: Exempelby kommun <lots@kommun.example>\n"
        "Skickat: den 2 december 2026 10:15\nTill: Anna",
        "-- \nAnna Ägare\nKafé Torget AB",
    ],
)
def test_the_quoted_history_and_the_signature_are_trimmed(quoted):
    assert trim_quoted("Tack! Här kommer ritningen.\n\n" + quoted) == "Tack! Här kommer ritningen."


def test_a_line_that_merely_mentions_from_is_kept():
    text = "Från: imorgon har vi öppet.\nVälkomna!"
    assert trim_quoted(text) == text


def test_an_html_only_mail_is_read_as_text():
    raw = (
        b"From: a@foretag.example\r\nTo: x@kommun.example\r\n"
        b"Subject: =?utf-8?q?Sv=3A_=C3=84rende?=\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p>Hej,<br>vi \xc3\xb6ppnar i maj.</p>"
    )
    mail = parse_mail(raw)
    assert mail.subject == "Sv: Ärende"
    assert mail.text == "Hej,\nvi öppnar i maj."


@pytest.mark.parametrize(
    "headers, auto",
    [
        ({"Auto-Submitted": "auto-replied"}, True),
        ({"Auto-Submitted": "no"}, False),
        ({"X-Autoreply": "yes"}, True),
        ({"Precedence": "bulk"}, True),
        ({}, False),
    ],
)
def test_automatic_replies_are_recognised(headers, auto):
    raw = a_reply(sender="a@foretag.example", to="x@kommun.example", headers=headers)
    assert parse_mail(raw).is_auto_reply is auto


def test_a_token_names_its_case_and_nothing_else(reply_address):
    token = reply_token(42)
    assert case_id_from_token(token) == 42
    assert case_id_from_token(token.upper()) == 42  # a server may fold the case
    assert case_id_from_token(token.replace("c42-", "c43-")) is None  # another case's number
    assert case_id_from_token(token[:-1] + ("0" if token[-1] != "0" else "1")) is None
    assert case_id_from_token("c42-") is None
    address = reply_address_for(42)
    assert address == f"arende+{token}@kommun.example"
    assert token_in(address) == token
    assert token_in(address.replace("kommun.example", "annan.example")) is None
    assert token_in("arende@kommun.example") is None
    assert token_in(f"annan+{token}@kommun.example") is None


def test_without_a_configured_address_no_reply_address_is_made(settings):
    settings.MAILIN_REPLY_ADDRESS = ""
    assert reply_address_for(42) == ""
    assert token_in(f"arende+{reply_token(42)}@kommun.example") is None


def test_an_address_made_before_a_key_rotation_works_while_the_old_key_is_a_fallback(settings):
    token = reply_token(7)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-after-the-rotation-0123456789"
    settings.SECRET_KEY_FALLBACKS = [old]
    assert case_id_from_token(token) == 7
    settings.SECRET_KEY_FALLBACKS = []
    assert case_id_from_token(token) is None  # held for an official, never guessed

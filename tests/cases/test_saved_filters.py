"""Saved and shared filters of the case list ("Mina filter"), driven through the pages."""

import re

import pytest
from django.urls import reverse

from cases.models import SavedFilter
from cases.services.saved_filters import save_filter
from tests.factories import DepartmentFactory, official

from .factories import CaseTypeFactory, a_case

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"


def _html(response) -> str:
    return response.content.decode()


def _tile(html: str, key: str) -> str:
    start = html.rindex("<a ", 0, html.index(f'data-testid="tile-{key}"'))
    return html[start : html.index("</a>", start)]


def _saved_row(html: str, name: str) -> str:
    at = html.index(f">{name}</a>")
    start = html.rindex('data-testid="saved-filter"', 0, at)
    ends = [
        i
        for i in (html.find('data-testid="saved-filter"', at), html.find("</section>", at))
        if i > 0
    ]
    return html[start : min(ends)]


@pytest.fixture
def desk(reception, miljo, receptionist):
    to_miljo = CaseTypeFactory(lead_department=miljo)
    to_us = CaseTypeFactory(lead_department=reception)
    for title in ("Uteservering", "Livsmedel"):
        a_case(by=receptionist, department=reception, case_type=to_miljo, title=title)
    a_case(by=receptionist, department=reception, case_type=to_us, title="Allmän fråga")
    return {"colleague": official(reception), "stranger": official(DepartmentFactory())}


def test_save_share_and_a_colleague_sees_it_with_its_count(
    client, desk, receptionist, reception, miljo
):
    _login(client, receptionist)
    page = _html(client.get(reverse("cases:list"), {"department": miljo.pk}))
    link = re.search(r'href="([^"]*/filter/spara/[^"]*)"', page).group(1).replace("&amp;", "&")

    form_page = client.get(link)
    assert form_page.status_code == 200
    assert f"department%3D{miljo.pk}" in link and f'value="department={miljo.pk}"' in (
        _html(form_page)
    )
    # What the browser posts back; a forged extra parameter and a cursor are not kept.
    response = client.post(
        link,
        {
            "name": "Miljöärenden",
            "shared_with": reception.pk,
            "query": f"department={miljo.pk}&after=1.2&evil=%3Cscript%3E",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("cases:list") + f"?department={miljo.pk}"
    html = _html(response)
    assert "The filter “Miljöärenden” is saved." in html
    row = _saved_row(html, "Miljöärenden")
    assert ">2<" in row and "shared with" in row and "Change" in row
    assert SavedFilter.objects.get().query == f"department={miljo.pk}"

    _login(client, desk["colleague"])
    home = _html(client.get(reverse("home")))
    tile = _tile(home, f"saved-{SavedFilter.objects.get().pk}")
    assert "Miljöärenden" in tile and ">2<" in tile.replace(" ", "")
    listed = _html(client.get(reverse("cases:list")))
    row = _saved_row(listed, "Miljöärenden")
    assert ">2<" in row and "Change" not in row  # the colleague's to use, not to change
    opened = client.get(tile.split('href="')[1].split('"')[0], follow=True)
    assert "Uteservering" in _html(opened) and "Allmän fråga" not in _html(opened)

    _login(client, desk["stranger"])
    assert "Miljöärenden" not in _html(client.get(reverse("home")))
    assert "Miljöärenden" not in _html(client.get(reverse("cases:list")))


def test_rename_keep_private_and_delete(client, desk, receptionist, reception, miljo):
    saved = save_filter(
        by=receptionist, name="Mina", query=f"department={miljo.pk}", shared_with=reception
    )
    _login(client, receptionist)
    edit = reverse("cases:saved_filter_edit", args=[saved.pk])
    assert 'value="Mina"' in _html(client.get(edit))
    response = client.post(edit, {"name": "  Miljö   nu ", "shared_with": ""}, follow=True)
    assert "The filter “Miljö nu” is saved." in _html(response)
    saved.refresh_from_db()
    assert (saved.name, saved.shared_with) == ("Miljö nu", None)

    _login(client, desk["colleague"])  # private now: the colleague no longer sees it
    assert "Miljö nu" not in _html(client.get(reverse("home")))
    open_url = reverse("cases:saved_filter_open", args=[saved.pk])
    assert client.get(open_url).status_code == 404

    _login(client, receptionist)
    response = client.post(reverse("cases:saved_filter_delete", args=[saved.pk]), follow=True)
    assert "The filter “Miljö nu” is deleted." in _html(response)
    assert not SavedFilter.objects.exists()


def test_another_officials_filter_is_not_found(client, desk, receptionist, reception, miljo):
    saved = save_filter(by=receptionist, name="Delad", query="status=new", shared_with=reception)
    _login(client, desk["colleague"])  # shared with them, but not theirs to change
    edit = reverse("cases:saved_filter_edit", args=[saved.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"name": "Kapad"}).status_code == 404
    delete = reverse("cases:saved_filter_delete", args=[saved.pk])
    assert client.post(delete).status_code == 404
    _login(client, desk["stranger"])
    assert client.get(reverse("cases:saved_filter_open", args=[saved.pk])).status_code == 404
    assert client.get(reverse("cases:saved_filter_open", args=[saved.pk + 999])).status_code == 404
    saved.refresh_from_db()
    assert saved.name == "Delad"


def test_hostile_input_is_refused_with_what_was_typed_kept(client, desk, receptionist, bygg):
    _login(client, receptionist)
    create = reverse("cases:saved_filter_create")
    long_name = "x" * 10_000
    response = client.post(create, {"name": long_name, "query": "status=new"})
    assert response.status_code == 400
    assert "at most 100 characters" in _html(response)
    assert 'value="status=new"' in _html(response)  # the filter is not lost

    response = client.post(create, {"name": "Trasig", "query": "status=nonsense"})
    assert response.status_code == 400
    assert "The filter has errors (Status); correct them before saving it." in _html(response)
    assert 'value="Trasig"' in _html(response)

    # Sharing with a department one does not belong to.
    response = client.post(create, {"name": "Bygg", "query": "", "shared_with": bygg.pk})
    assert response.status_code == 400
    assert not SavedFilter.objects.exists()


def test_a_filter_whose_department_is_gone_still_opens_and_says_so(client, desk, receptionist):
    gone = DepartmentFactory(name="Kultur")
    saved = save_filter(
        by=receptionist, name="Kultur nya", query=f"status=new&department={gone.pk}"
    )
    gone.delete()
    _login(client, receptionist)
    listed = _html(client.get(reverse("cases:list")))
    assert ">3<" in _saved_row(listed, "Kultur nya")  # counted without the part that is gone

    response = client.get(reverse("cases:saved_filter_open", args=[saved.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("cases:list") + "?status=new"
    html = _html(response)
    assert "Part of the filter “Kultur nya” no longer exists and is left out: Department." in html
    assert "Uteservering" in html


def test_each_filter_counts_what_its_list_shows(client, desk, receptionist):
    save_filter(by=receptionist, name="Försenade", query="overdue=on")  # the checkbox's value
    save_filter(by=receptionist, name="Alla nya", query="status=new")
    _login(client, receptionist)
    listed = _html(client.get(reverse("cases:list")))
    assert ">0<" in _saved_row(listed, "Försenade")  # none of the three is overdue
    assert ">3<" in _saved_row(listed, "Alla nya")
    assert "0 cases" in _html(client.get(reverse("cases:list"), {"overdue": "on"}))


@pytest.mark.parametrize("n", [1, 6])
def test_saved_filters_cost_the_same_however_many(
    client, desk, receptionist, reception, miljo, n, django_assert_num_queries
):
    for i in range(n):
        save_filter(
            by=receptionist,
            name=f"Filter {i}",
            query=f"status=new&department={miljo.pk}&overdue=false",
            shared_with=reception,
        )
    _login(client, desk["colleague"])
    client.get(reverse("home"))
    # Session, user, roles; memberships; the saved filters; their departments; one statement
    # of the three tiles' and the filters' counts.
    with django_assert_num_queries(7):
        assert client.get(reverse("home")).status_code == 200
    from .test_query_counts import LIST_QUERIES

    # The list's own (its read of the saved filters among them), plus the filters'
    # departments and their counts' one statement (the drop-downs' cache warmed first).
    client.get(reverse("cases:list"))
    with django_assert_num_queries(LIST_QUERIES + 2):
        assert client.get(reverse("cases:list")).status_code == 200

"""Hostile values, chosen by the kind of field they are sent to (and sometimes not)."""

from __future__ import annotations

from hypothesis import strategies as st

UNICODE_DIGITS = ["²", "³", "١٢", "٣", "１２", "߁", "𝟗", "৩", "¹⁰", "Ⅻ", "½", "𝟘𝟘"]
NUMBERS = ["0", "-1", "-0", "+1", " 1 ", "1.5", "1e9", "1_000", "0x10", "NaN", "inf",
           "9" * 25, "-" + "9" * 25, "2147483648", "9223372036854775808"]  # fmt: skip
DATES = ["9999-12-31", "0001-01-01", "1000-01-01", "2026-02-30", "2026-13-01", "10000-01-01",
         "1-1-1", "31/12/2026", "2026-06-01T25:00", "1899-12-31", "2200-01-01",
         "2999-12-31"]  # fmt: skip
STRINGS = ["", " ", "\x00", "a\x00b", "\r\n", "\u202e", "\ufeff", "%00", "'; --", "<script>",
           "../../etc/passwd", "\U0001f600" * 3, "\ud7ff", "x" * 5000]  # fmt: skip


def long_email(length: int) -> str:
    """A valid address of ``length`` characters (EmailField allows 320)."""
    domain = "@example.se"
    local = "a" * min(64, length - len(domain))
    rest = length - len(local) - len(domain)
    labels = []
    while rest > 0:
        label = min(rest - 1, 62) if rest > 1 else 0
        labels.append("b" * max(label, 1))
        rest -= max(label, 1) + 1
    host = ".".join([*labels, "example.se"]) if labels else "example.se"
    return f"{local}@{host}"[:length] if rest >= 0 else f"{local}@{host}"


def emails() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(min_value=250, max_value=330).map(long_email),
        st.sampled_from(["a@b", "@example.se", "kim@", "kim@exa mple.se", "kim\x00@example.se"]),
    )


def digits() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(UNICODE_DIGITS + NUMBERS),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
    )


def dates() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(DATES), st.dates().map(lambda d: d.isoformat()))


def texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(STRINGS),
        st.text(max_size=40),
        st.text(min_size=250, max_size=400),
        st.builds(lambda s: s + "\x00", st.text(max_size=10)),
    )


def anything() -> st.SearchStrategy[str]:
    return st.one_of(digits(), dates(), emails(), texts())


BY_KIND = {
    "email": emails,
    "date": dates,
    "datetime-local": dates,
    "number": digits,
    "select": digits,
    "radio": digits,
    "checkbox": digits,
    "hidden": digits,
}


def for_field(kind: str, name: str = "") -> st.SearchStrategy[object]:
    """A value for one field: its kind's hostile values most often, any hostile value else;
    sometimes a list (the same name sent twice) or nothing at all."""
    own = BY_KIND.get(kind)
    if own is None and any(word in name for word in DATE_WORDS):
        own = dates
    if own is None and "mail" in name:
        own = emails
    one = st.one_of(own(), own(), own(), anything()) if own else anything()
    return st.one_of(one, one, one, st.lists(one, min_size=2, max_size=3))


def for_query() -> st.SearchStrategy[object]:
    return for_field("number")  # ids, years, pages: most query parameters are numbers


def worst(kind: str, name: str = "") -> list[str]:
    """The values that broke pages before, for a field of this kind: tried first, one by one."""
    if kind == "email" or "mail" in name:
        return [long_email(300)]
    if kind in ("date", "datetime-local") or any(w in name for w in DATE_WORDS):
        return ["9999-12-31"]
    if kind == "query":
        return ["a\x00b", "x" * 300] if name in ("q", "search") else ["²"]
    if kind in ("number", "select", "radio", "checkbox", "hidden"):
        return ["²"]
    return ["a\x00b", "x" * 5000]


DATE_WORDS = ("date", "datum", "start", "end", "day", "fran", "till", "__g", "__l")

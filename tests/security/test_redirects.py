"""No open redirects: whatever `next=` holds, login only ever sends the browser to a page of this site."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.auth.views import safe_next
from tests.conftest import PASSWORD

SITE = "https://records.example.gov/login"
HOSTILE = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "\x00//evil.example",
    "/\x00/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http:/evil.example",
    "https:evil.example",
    "evil.example",
    "",
]


def _browser_target(location: str) -> str:
    """Where a browser goes for a Location header: the WHATWG URL parser drops tabs and newlines,
    strips leading and trailing spaces and control characters, and reads a backslash as a slash."""
    cleaned = "".join(ch for ch in location if ch not in "\t\n\r").strip("\x00\x01\x02\x03\x04\x05 ")
    return urljoin(SITE, cleaned.replace("\\", "/"))


# The pieces of real open-redirect payloads, so that examples are mostly near misses.
TOKENS = ["/", "\\", "\t", "\n", " ", "\x00", ":", "@", "evil.example", "javascript", "http", "%5c", "?"]


@given(st.lists(st.sampled_from(TOKENS), max_size=8).map("".join))
@settings(max_examples=400, deadline=None)
def test_safe_next_only_ever_answers_a_path_on_this_site(target):
    kept = safe_next(target)
    if kept is not None:
        parts = urlsplit(_browser_target(kept))
        assert (parts.scheme, parts.netloc) == ("https", "records.example.gov"), (target, kept)


@pytest.mark.parametrize("target", HOSTILE)
def test_safe_next_refuses_every_hostile_target(target):
    assert safe_next(target) is None


@pytest.mark.parametrize(
    "target", ["/clerk/", "/clerk/meetings/3?tab=files#upload", "/search?q=a%2F%2Fb", "/%09/evil.example"]
)
def test_safe_next_keeps_paths_on_this_site(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", HOSTILE)
def test_login_never_redirects_off_site(client, clerk, target):
    response = client.post(
        "/login", query_string={"next": target}, data={"email": "clerk@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/clerk/"
    # Once logged in, the login page sends the user on too: to the back office, not to `next`.
    again = client.get("/login", query_string={"next": target})
    assert again.headers["Location"] == "/clerk/"

"""A resident and a clerk use the demo in headless Chromium; screenshots for docs/screenshots/."""

from __future__ import annotations

import pytest

from app.services.demo import DEMO_CLERK_EMAIL, DEMO_CLERK_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_resident_finds_the_suspension_and_opens_it(page, live_url, shots):
    page.goto(live_url + "/")
    assert "Boardwatch" in page.title()
    page.screenshot(path=str(shots / "home.png"), full_page=True)

    page.get_by_label("Search decisions").first.fill("Whitfield")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search**")
    link = page.locator("a[href*='/motions/']").first
    assert "suspension" in page.content().lower()
    link.click()
    page.wait_for_url("**/motions/**")
    body = page.content()
    assert "Whitfield" in body and "Ortega" in body
    assert "102.1" in body
    page.screenshot(path=str(shots / "motion.png"), full_page=True)

    page.locator("a[href*='/meetings/']").first.click()
    page.wait_for_url("**/meetings/**")
    page.screenshot(path=str(shots / "meeting.png"), full_page=True)


def test_clerk_logs_in_and_sees_the_upload_page(page, live_url, shots):
    page.goto(live_url + "/login")
    page.get_by_label("Email").fill(DEMO_CLERK_EMAIL)
    page.get_by_label("Password").fill(DEMO_CLERK_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/clerk/**")
    page.locator("a[href*='/clerk/meetings/']:not([href$='/new'])").first.click()
    page.wait_for_url("**/clerk/meetings/**")
    assert page.locator("input[type=file]").count() == 1
    page.screenshot(path=str(shots / "clerk-upload.png"), full_page=True)

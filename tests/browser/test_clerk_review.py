"""A clerk reviews the demo meeting in Chromium: reconciles, corrects a vote with a reason, and the public sees it.

Screenshots docs/screenshots/review.png and reconcile.png when BOARDWATCH_SCREENSHOTS=1.
"""

from __future__ import annotations

import re

import pytest

from app.services.demo import DEMO_CLERK_EMAIL, DEMO_CLERK_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REASON = "the recording has Commissioner Hughes correcting her vote to no"


def _log_in(page, live_url: str) -> None:
    page.goto(live_url + "/login")
    page.get_by_label("Email").fill(DEMO_CLERK_EMAIL)
    page.get_by_label("Password").fill(DEMO_CLERK_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/clerk/**")


def test_clerk_reconciles_reviews_corrects_a_vote_and_the_public_sees_why(page, live_url, shots):
    _log_in(page, live_url)
    page.locator("a[href*='/clerk/meetings/']:not([href$='/new'])").first.click()
    page.wait_for_url("**/clerk/meetings/**")
    meeting_url = page.url

    # Reconcile: the planted disagreements are on screen, side by side.
    page.get_by_role("link", name="Reconcile minutes with the recording").first.click()
    page.wait_for_url("**/reconcile")
    text = page.locator("main").inner_text()
    assert "Moved by: the minutes say Andres Delgado; the recording says Grace Carter" in text
    assert "Heard in the recording, missing from the minutes" in text
    assert "Corrected later in the meeting" in text
    card = page.locator("article.rec-pair", has_text="Corrected later in the meeting").first
    assert "agenda item 4" in card.inner_text()
    card.screenshot(path=str(shots / "reconcile.png"))

    # Review: the directive's motion, read from the minutes, beside the page it was read from.
    page.goto(meeting_url + "/review")
    link = page.locator(".review-index a", has_text="to adopt revised Department Directive 305.2").first
    motion_id = int(link.get_attribute("href").rsplit("-", 1)[1])
    motion = page.locator(f"#motion-{motion_id}")
    assert motion.locator("mark").first.inner_text().startswith("Commissioner Delgado moved")
    motion.scroll_into_view_if_needed()
    motion.screenshot(path=str(shots / "review.png"))

    # The clerk starts the correction, and the browser is reloaded before saving: nothing is lost.
    form = motion.locator("form.review-form")
    form.get_by_label("Diane Hughes").select_option("no")
    form.get_by_label("Reason for the correction (shown publicly)").fill(REASON)
    page.reload()
    form = page.locator(f"#motion-{motion_id} form.review-form")
    notice = form.locator(".review-restore")
    assert notice.is_visible() and "unsaved changes" in notice.inner_text()
    notice.get_by_role("button", name="Restore unsaved changes").click()
    assert form.get_by_label("Diane Hughes").input_value() == "no"
    assert form.get_by_label("Reason for the correction (shown publicly)").input_value() == REASON

    # Keyboard: the save button is reached by tabbing from the reason field.
    form.get_by_label("Reason for the correction (shown publicly)").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Save and mark verified"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert f"Saved motion {motion_id}" in page.locator("main").inner_text()
    assert not page.locator(f"#motion-{motion_id} .review-restore").is_visible()  # the saved draft was dropped

    # It is already published, so this was a correction: the public motion page says when and why.
    page.goto(meeting_url)
    assert page.get_by_role("button", name="Unpublish").count() == 1
    page.goto(f"{live_url}/motions/{motion_id}")
    body = page.locator("main").inner_text()
    assert re.search(r"Corrected on [A-Z][a-z]+ \d+, \d{4} because " + REASON, body)
    assert "Verified by the clerk" in body
    votes = page.locator("table.votes").inner_text()
    assert re.search(r"Diane Hughes\s+No", votes)

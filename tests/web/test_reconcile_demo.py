"""The demo meeting's planted disagreements between minutes and audio each appear on the reconcile screen.

Loads the demo for real (minutes PDF read by pdfplumber, audio transcribed by Whisper tiny.en; ~30 s).
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from app.demo import DIFFERENCES
from app.services.demo import DEMO_CLERK_EMAIL, DEMO_CLERK_PASSWORD

pytestmark = pytest.mark.slow


@pytest.fixture
def demo_client(app):
    from app.extensions import db
    from app.models import Meeting
    from app.services.demo import load_demo

    with app.app_context():
        load_demo()
        db.session.commit()
        meeting_id = db.session.scalar(select(Meeting.id))
    client = app.test_client()
    assert client.post("/login", data={"email": DEMO_CLERK_EMAIL, "password": DEMO_CLERK_PASSWORD}).status_code == 302
    return client, meeting_id


def _cards(page: str) -> list[str]:
    """Each card of the reconcile screen as "kind :: plain text" (tags dropped, entities decoded, spaces collapsed)."""
    cards = []
    for kind, body in re.findall(r'<article class="rec-pair rec-(\w+)".*?>(.*?)</article>', page, re.S):
        plain = " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())
        cards.append(f"{kind} :: " + re.sub(r"\s+([;.,:])", r"\1", plain))
    return cards


def _shown(difference: dict[str, str], cards: list[str]) -> bool:
    item = f"agenda item {difference['agenda_item']}"
    if difference["kind"] == "mover":
        return any(
            c.startswith("differ")
            and item in c
            and re.search(r"Moved by: the minutes say \w+ Delgado; the recording says \w+ Carter", c)
            for c in cards
        )
    if difference["kind"] == "tally":
        return any(
            c.startswith("differ")
            and item in c
            # the recording's side is what speech recognition made of "carries seven to zero" (7-0 with tiny.en)
            and re.search(r"Tally: the minutes say 6-0, 1 abstain; the recording says \d+-\d+", c)
            for c in cards
        )
    if difference["kind"] == "audio_only_motion":
        return any(
            c.startswith("recording_only") and "missing from the minutes" in c and "public comment on item 5" in c
            for c in cards
        )
    if difference["kind"] == "correction":
        return any(
            item in c
            and "Corrected later in the meeting" in c
            and "Hughes voted no, not yes" in c
            and "For the record, Commissioner Hughes voted no on item 4, not yes." in c
            and "makes the recording agree with the minutes" in c
            for c in cards
        )
    raise AssertionError(f"a planted difference this test does not know: {difference['kind']}")


def test_each_planted_difference_is_shown_on_the_reconcile_screen(demo_client):
    client, meeting_id = demo_client
    page = client.get(f"/clerk/meetings/{meeting_id}/reconcile").get_data(as_text=True)
    cards = _cards(page)
    missing = [d["kind"] for d in DIFFERENCES if not _shown(d, cards)]
    assert not missing, f"not shown: {missing}\n" + "\n".join(cards)
    assert "This meeting is published" in page  # the demo is published: settling is a correction


def test_settling_the_demo_leaves_one_motion_per_decision_in_the_public_record(demo_client, app):
    from app.extensions import db
    from app.models import Meeting, Motion
    from app.services.reconcile import reconcile

    client, meeting_id = demo_client
    with app.app_context():
        pair = next(p for p in reconcile(db.session.get(Meeting, meeting_id)).pairs if p.item == "4" and p.heard)
        written, heard = pair.written.motion, pair.heard.motion
        correction_key = pair.corrections[0].key
    response = client.post(
        f"/clerk/meetings/{meeting_id}/reconcile/settle",
        data={
            "written_id": written.id,
            "heard_id": heard.id,
            f"version_{written.id}": written.version,
            f"version_{heard.id}": heard.version,
            "take_mover": "heard",
            "take_counts": "written",
            f"apply_{correction_key}": "1",
            "keep": "written",
            "reason": "the recording shows Commissioner Carter moved it; Hughes's vote was corrected to no",
        },
        follow_redirects=True,
    )
    assert "Settled: motion" in response.get_data(as_text=True)
    public = app.test_client()
    assert public.get(f"/motions/{heard.id}").status_code == 404  # the duplicate left the public record
    page = public.get(f"/motions/{written.id}").get_data(as_text=True)
    assert "Carter" in page and "because the recording shows Commissioner Carter moved it" in page
    with app.app_context():
        kept = db.session.get(Motion, written.id)
        assert (kept.mover, kept.yes_count, kept.no_count, kept.review) == ("Grace Carter", 6, 1, "verified")
        assert kept.source_page is not None and kept.source_start == heard.source_start
        assert kept.source_end == heard.source_end and heard.source_start is not None
        audio_id = heard.document_id
    # "Play from here" on the public page plays the demo recording from the moment the motion was heard.
    assert f'src="/documents/{audio_id}/file#t=' in page and "Play from here (" in page
    start = f"{heard.source_start:.1f}".rstrip("0").rstrip(".")
    assert f'data-seek="{start}"' in page and f"/documents/{audio_id}/file#t={start}" in page
    record = public.get(f"/motions/{written.id}.json").get_json()["motion"]
    assert record["source"]["page"] == kept.source_page and "start" not in record["source"]

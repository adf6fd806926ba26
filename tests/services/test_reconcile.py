"""Reconciling minutes with the recording: matching, disagreements, corrections later in the meeting, settling."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from app.extensions import db

SEGMENTS = [  # (start, end, text) as Whisper wrote the demo meeting
    (14.5, 16.4, "Item two, approval of the agenda."),
    (18.0, 20.5, "I move that we approve the agenda and presented."),
    (21.7, 28.3, "All in favor, I. Hearing none, the motion carries seven to zero."),
    (28.3, 32.6, "Item 3, approval of the minutes from September 22nd."),
    (32.8, 36.5, "I move that we approve the minutes from September 22nd."),
    (41.2, 48.9, "All in favor, I, in any one opposed, or abstainy. Hearing none, the motion carries 7 to 0."),
    (49.4, 52.0, "Item 4, the revised body camera policy."),
    (52.0, 58.8, "I move that we adopt the revised directive 305.2 body worn camera activation."),
    (59.5, 70.6, "Second, moved by Commissioner Carter, seconded by Commissioner Foster. The motion carries 7 to 0,"),
    (70.9, 76.3, "item 5, a disciplinary matter, director Palmer."),
    (89.9, 95.6, "Mr. President, I move that we take public comment on item 5 now out of order"),
    (104.0, 112.3, "Hearing none, the motion carries 7 to 0. Seeing none, public comment is closed."),
    (160.1, 161.6, "Mr. President, a correction."),
    (162.2, 164.4, "I voted no on the body camera policy."),
    (164.7, 169.0, "For the record, Commissioner Hughes voted no on item 4, not yes."),
    (169.6, 171.3, "Item 4 carries 6 to 1."),
    (171.4, 172.7, "I move that we adjourn."),
    (177.5, 180.3, "Hearing none, the motion carries 7 to 0."),
]
PAGE = """2. APPROVAL OF THE AGENDA
Commissioner Carter moved, seconded by Commissioner Delgado, to approve the agenda as
presented. The motion carried unanimously, 7-0, on a voice vote.
3. APPROVAL OF THE MINUTES
Commissioner Foster moved, seconded by Commissioner Hughes, to approve the minutes of
the regular meeting of September 22, 2026. The motion carried 6-0-1.
4. DEPARTMENT DIRECTIVE 305.2, BODY-WORN CAMERA ACTIVATION (REVISED)
Commissioner Delgado moved, seconded by Commissioner Foster, to adopt revised
Department Directive 305.2, Body-Worn Camera Activation. The motion carried 6-1.
6. ADJOURNMENT
Commissioner Brooks moved, seconded by Commissioner Carter, to adjourn. The motion carried 7-0.
"""
NAMES = ["Paul Rivera", "Thomas Brooks", "Grace Carter", "Andres Delgado", "Janet Foster", "Diane Hughes"]


def _counts(yes, no, abstain=None):
    return {"yes_count": yes, "no_count": no, "abstain_count": abstain}


def build_two_sources(status: str = "draft") -> int:
    """A meeting whose minutes and recording disagree like the demo's; returns the meeting id."""
    from app.models import Body, Document, DocumentPage, Meeting, Member, Motion, Segment, Transcript

    body = Body(name="Reconcile Test Board")
    members = {name.split()[-1]: Member(body=body, name=name, aliases=[name.split()[-1]]) for name in NAMES}
    meeting = Meeting(body=body, date=dt.date(2026, 10, 6), title="Regular meeting", status=status)
    minutes = Document(
        meeting=meeting,
        kind="minutes",
        original_filename="minutes.pdf",
        sha256="b" * 64,
        size=1,
        mime_type="application/pdf",
        status="processed",
    )
    minutes.pages.append(DocumentPage(number=1, text=PAGE))
    audio = Document(
        meeting=meeting,
        kind="audio",
        original_filename="meeting.ogg",
        sha256="c" * 64,
        size=1,
        mime_type="audio/ogg",
        status="processed",
    )
    transcript = Transcript(document=audio, engine="test", model="test")
    for i, (start, end, text) in enumerate(SEGMENTS):
        transcript.segments.append(Segment(position=i, start=start, end=end, text=text))

    def written(pos, text, mover, seconder, evidence, **counts):
        return Motion(
            meeting=meeting,
            document=minutes,
            position=pos,
            text=text,
            mover=members[mover].name,
            mover_member=members[mover],
            seconder=members[seconder].name,
            seconder_member=members[seconder],
            result="passed",
            source_page=1,
            evidence=evidence,
            **counts,
        )

    def heard(pos, text, start, end, mover=None, **counts):
        return Motion(
            meeting=meeting,
            document=audio,
            position=pos,
            text=text,
            result="passed",
            source_start=start,
            source_end=end,
            mover=members[mover].name if mover else None,
            mover_member=members[mover] if mover else None,
            evidence=text,
            **counts,
        )

    motions = [
        written(
            1,
            "to approve the agenda as presented",
            "Carter",
            "Delgado",
            "Commissioner Carter moved, seconded by Commissioner Delgado, to approve the agenda as presented.",
            **_counts(7, 0),
        ),
        written(
            2,
            "to approve the minutes of the regular meeting of September 22, 2026",
            "Foster",
            "Hughes",
            "Commissioner Foster moved, seconded by Commissioner Hughes, to approve the minutes of the regular "
            "meeting of September 22, 2026.",
            **_counts(6, 0, 1),
        ),
        written(
            3,
            "to adopt revised Department Directive 305.2, Body-Worn Camera Activation",
            "Delgado",
            "Foster",
            "Commissioner Delgado moved, seconded by Commissioner Foster, to adopt revised Department "
            "Directive 305.2, Body-Worn Camera Activation.",
            **_counts(6, 1),
        ),
        written(
            4,
            "to adjourn",
            "Brooks",
            "Carter",
            "Commissioner Brooks moved, seconded by Commissioner Carter, to adjourn.",
            **_counts(7, 0),
        ),
        heard(5, "to approve the agenda and presented", 18.0, 28.3, **_counts(7, 0)),
        heard(6, "to approve the minutes from September 22nd", 32.8, 48.9, "Foster", **_counts(7, 0)),
        heard(
            7, "to adopt the revised directive 305.2 body worn camera activation", 52.0, 70.6, "Carter", **_counts(7, 0)
        ),
        heard(8, "to take public comment on item 5 now out of order", 89.9, 112.3, "Delgado", **_counts(7, 0)),
        heard(9, "to adjourn", 171.4, 180.3, **_counts(7, 0)),
    ]
    db.session.add_all([body, *members.values(), meeting, minutes, audio, transcript, *motions])
    db.session.commit()
    return meeting.id


def _by_kind(result):
    found: dict[str, list] = {}
    for pair in result.pairs:
        found.setdefault(pair.kind, []).append(pair)
    return found


def test_every_disagreement_between_minutes_and_recording_is_found(app):
    from app.models import Meeting
    from app.services.reconcile import reconcile

    with app.app_context():
        result = reconcile(db.session.get(Meeting, build_two_sources()))
        kinds = _by_kind(result)
        assert len(kinds["agree"]) == 2  # the agenda, the adjournment
        assert [p.heard.motion.text for p in kinds["recording_only"]] == [
            "to take public comment on item 5 now out of order"
        ]
        differ = {pair.item: pair for pair in kinds["differ"]}
        assert set(differ) == {"3", "4"}
        tally = differ["3"].differences
        assert [(d.field, d.written, d.heard) for d in tally] == [("counts", "6-0, 1 abstain", "7-0")]
        camera = {d.field: d for d in differ["4"].differences}
        assert (camera["mover"].written, camera["mover"].heard) == ("Andres Delgado", "Grace Carter")
        assert (camera["counts"].written, camera["counts"].heard) == ("6-1", "7-0")
        (correction,) = differ["4"].corrections
        assert camera["counts"].settled_by is correction  # the correction makes the recording say 6-1
        assert (correction.voter, correction.option, correction.was, correction.item) == ("Hughes", "no", "yes", "4")
        assert correction.counts["yes"] == 6 and correction.counts["no"] == 1
        assert correction.start == 160.1 and "I move that we adjourn" not in correction.quote
        assert result.ready and len(result.to_settle) == 3


def test_settling_keeps_the_chosen_values_and_retires_the_duplicate(app):
    from app.models import Meeting, Motion, User
    from app.services import review
    from app.services.accounts import create_user
    from app.services.reconcile import reconcile, settle_pair

    with app.app_context():
        meeting_id = build_two_sources()
        clerk = create_user(email="clerk@example.org", password="correct horse battery")
        meeting = db.session.get(Meeting, meeting_id)
        pair = next(p for p in reconcile(meeting).pairs if p.item == "4")
        written, heard = pair.written.motion, pair.heard.motion
        settle_pair(
            written,
            heard,
            take={"mover": "other", "counts": "keep"},
            correction=pair.corrections[0],
            versions=(written.version, heard.version),
            user=clerk,
            reason=None,
        )
        db.session.commit()
        kept = db.session.get(Motion, written.id)
        assert kept.review == "verified" and kept.mover == "Grace Carter" and kept.mover_member.name == "Grace Carter"
        assert (kept.yes_count, kept.no_count) == (6, 1)
        assert [(v.voter_name, v.option) for v in kept.votes] == [("Diane Hughes", "no")]
        retired = review.get_motion(heard.id)
        assert retired.review == "merged" and retired.superseded_by_id == kept.id
        after = reconcile(db.session.get(Meeting, meeting_id))
        assert [(k.id, [m.id for m in merged]) for k, merged in after.settled] == [(kept.id, [heard.id])]
        assert all(kept.id not in [m.id for m in p.motions] for p in after.pairs)
        assert db.session.get(User, clerk.id) is not None


def test_a_motion_kept_from_one_source_is_no_longer_a_disagreement(app):
    from app.models import Meeting
    from app.services import review
    from app.services.reconcile import reconcile

    with app.app_context():
        meeting = db.session.get(Meeting, build_two_sources())
        (only,) = [p for p in reconcile(meeting).pairs if p.kind == "recording_only"]
        review.verify_motion(only.heard.motion, expected_version=only.heard.motion.version, user=None)
        db.session.commit()
        result = reconcile(meeting)
        assert [p.kind for p in result.confirmed] == ["confirmed"]
        assert all(p.kind != "recording_only" for p in result.to_settle)


def test_a_meeting_without_both_sources_is_not_ready(app):
    from app.models import Body, Meeting
    from app.services.reconcile import reconcile

    with app.app_context():
        meeting = Meeting(body=Body(name="Lonely Board"), date=dt.date(2026, 1, 1), title="No files")
        db.session.add(meeting)
        db.session.commit()
        result = reconcile(meeting)
        assert not result.ready and result.pairs == []


def _segments(*texts, step=5.0):
    return [SimpleNamespace(start=i * step, end=i * step + step - 0.5, text=t) for i, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["For the record, Commissioner Hughes voted no on item four, not yes."], ("Hughes", "no", "yes", "4", None)),
        (
            ["Let the minutes reflect that Commissioner Okonkwo voted to abstain on item 9."],
            ("Okonkwo", "abstain", None, "9", None),
        ),
        (["A correction to the record.", "Item seven carries five to two."], (None, None, None, "7", (5, 2))),
        (
            ["Commissioner Lee: I meant to vote yes on item 12.", "For the record, Commissioner Lee voted yes."],
            ("Lee", "yes", None, "12", None),
        ),
    ],
)
def test_corrections_are_read_in_many_wordings(texts, expected):
    from app.services.reconcile_sources import find_corrections

    (found,) = find_corrections(SimpleNamespace(id=1), _segments(*texts), [])
    counts = (found.counts["yes"], found.counts["no"]) if found.counts else None
    assert (found.voter, found.option, found.was, found.item, counts) == expected


@pytest.mark.parametrize(
    "texts",
    [
        ["The motion carries seven to zero."],  # a tally alone, no item named: no correction
        ["I move to approve the minutes as corrected, and the motion carries 5 to 0."],
        ["For the record, the meeting started late."],
    ],
)
def test_ordinary_speech_is_no_correction(texts):
    from app.services.reconcile_sources import find_corrections

    assert find_corrections(SimpleNamespace(id=1), _segments(*texts), []) == []


def test_a_correction_is_read_only_up_to_the_next_motion():
    from app.services.reconcile_sources import find_corrections

    segments = _segments(
        "For the record, Commissioner Hughes voted no.", "I move that we adjourn.", "It carries 7 to 0."
    )
    (found,) = find_corrections(SimpleNamespace(id=1), segments, [5.0])
    assert found.quote == "For the record, Commissioner Hughes voted no." and found.counts is None


def test_agenda_items_are_read_from_headings_and_announcements():
    from app.services.reconcile_sources import announced_items, item_in_minutes

    assert item_in_minutes({1: PAGE}, 1, "Commissioner Delgado moved, seconded by Commissioner Foster, to adopt") == "4"
    assert (
        item_in_minutes({1: "5. MATTER\nText", 2: "Commissioner Brooks moved"}, 2, "Commissioner Brooks moved") == "5"
    )
    segments = _segments(
        "Item two, approval.", "I move on item 9 now.", "Item 4 carries 6 to 1.", "Done. Item three, minutes."
    )
    assert announced_items(segments) == [(0.0, "2"), (15.0, "3")]


def test_similar_wordings_match_and_different_motions_do_not():
    from app.services.reconcile import similarity

    assert similarity("to finalize the thirty-day suspensions", "to finalize the 30 day suspension") > 0.6
    assert similarity("to approve the agenda as presented", "to approve the agenda and presented") > 0.8
    assert similarity("to take public comment on item 5", "to adjourn") < 0.2


def test_settling_keeps_the_moment_the_motion_was_heard(app):
    """The minutes' motion, kept, keeps its page and gains the recording's start and end."""
    from app.models import Meeting, Motion
    from app.services.motions import motion_record
    from app.services.reconcile import reconcile, recording_of, settle_pair

    with app.app_context():
        meeting_id = build_two_sources()
        pairs = [p for p in reconcile(db.session.get(Meeting, meeting_id)).pairs if p.written and p.heard]
        assert len(pairs) >= 2
        first, second = pairs[0], pairs[1]
        settle_pair(
            first.written.motion,
            first.heard.motion,
            take={},
            correction=None,
            versions=(None, None),
            user=None,
            reason=None,
        )
        # The other way round: the recording's motion is kept, and keeps its own moment.
        settle_pair(
            second.heard.motion,
            second.written.motion,
            take={},
            correction=None,
            versions=(None, None),
            user=None,
            reason=None,
        )
        db.session.commit()
        kept = db.session.get(Motion, first.written.motion.id)
        heard = db.session.get(Motion, first.heard.motion.id, execution_options={"include_retired": True})
        assert (kept.source_start, kept.source_end) == (heard.source_start, heard.source_end)
        assert kept.source_start is not None and kept.source_page == 1 and kept.document.kind == "minutes"
        assert recording_of(kept).id == heard.document_id
        assert motion_record(kept)["source"] == {"document": "b" * 64, "page": 1}  # the minutes stay the source
        other = db.session.get(Motion, second.heard.motion.id)
        assert recording_of(other).id == other.document_id and other.source_start == second.heard.motion.source_start
        untouched = next(p for p in reconcile(db.session.get(Meeting, meeting_id)).pairs if p.written and p.heard)
        assert untouched.written.motion.source_start is None and recording_of(untouched.written.motion) is None


def test_a_motion_entered_by_hand_takes_the_recording_as_its_source_when_merged(app):
    from app.models import Meeting, Motion
    from app.services import review
    from app.services.reconcile import recording_of

    with app.app_context():
        meeting_id = build_two_sources()
        meeting = db.session.get(Meeting, meeting_id)
        heard = next(m for m in review.meeting_motions(meeting) if m.source_start is not None)
        typed = review.add_motion(meeting, review.MotionEdit(text=heard.text), user=None)
        review.merge_motions(typed, heard, versions=(None, None), user=None, reason=None)
        db.session.commit()
        kept = db.session.get(Motion, typed.id)
        assert (kept.document_id, kept.source_start, kept.source_end) == (
            heard.document_id,
            heard.source_start,
            heard.source_end,
        )
        assert recording_of(kept).id == heard.document_id

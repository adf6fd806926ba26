"""The registers: roster aliases resolve names everywhere; officers and policies merge and stay merged."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.extensions import db


def _meeting_with_motion(**motion_fields):
    from app.models import Body, Meeting, Motion

    body = db.session.scalar(select(Body).where(Body.name == "Register Test Board")) or Body(name="Register Test Board")
    meeting = Meeting(body=body, date=dt.date(2026, 1, 5), title="Regular", status="published")
    motion = Motion(meeting=meeting, text="to suspend", position=1, **motion_fields)
    db.session.add_all([body, meeting, motion])
    db.session.flush()
    return body, meeting, motion


def test_policy_codes_written_two_ways_have_one_key():
    from app.services.registers import policy_key

    assert policy_key("G.O. 3.02") == policy_key("General Order 3.02") == policy_key("GO 3.02") == "general order 3.02"
    assert policy_key("Department Directive 102.1") == policy_key("Dir. 102.1") == "directive 102.1"
    assert policy_key("Rule 2") != policy_key("Rule 20")


def test_an_alias_added_to_the_roster_links_names_already_in_the_record(app):
    from app.models import AuditEvent, Vote
    from app.services import registers

    with app.app_context():
        body, _, motion = _meeting_with_motion(mover="Commissioner Hughs")
        motion.votes.append(Vote(voter_name="Hughs", option="no"))
        db.session.commit()
        member = registers.save_member(
            body,
            None,
            name="Diane Hughes",
            seat="Seat 7",
            term_start=dt.date(2024, 1, 1),
            term_end=None,
            aliases=registers.parse_aliases("Hughes,\nHughs, hughs"),
            user=None,
        )
        db.session.commit()
        assert member.aliases == ["Hughes", "Hughs"]
        assert motion.votes[0].member_id == member.id and motion.mover_id == member.id
        actions = [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert actions == ["member.create", "roster.relink"]


def test_roster_entries_are_checked(app):
    from app.services import registers

    with app.app_context():
        body, _, _ = _meeting_with_motion()
        registers.save_member(
            body, None, name="Paul Rivera", seat=None, term_start=None, term_end=None, aliases=[], user=None
        )
        with pytest.raises(registers.RegisterError, match="already on the roster"):
            registers.save_member(
                body, None, name="paul rivera", seat=None, term_start=None, term_end=None, aliases=[], user=None
            )
        with pytest.raises(registers.RegisterError, match="cannot end before"):
            registers.save_member(
                body,
                None,
                name="New Member",
                seat=None,
                term_start=dt.date(2025, 1, 1),
                term_end=dt.date(2024, 1, 1),
                aliases=[],
                user=None,
            )


def test_merging_two_spellings_of_an_officer_moves_their_motions_and_later_readings(app):
    from app.models import MotionOfficer, Officer
    from app.services import registers

    with app.app_context():
        _, _, motion = _meeting_with_motion()
        _, _, second = _meeting_with_motion()
        whitfield = registers.find_officer("Dana Whitfield", "Sergeant", None)
        misspelt = registers.find_officer("Dana Whitfeld", "Sergeant", "4417")
        earlier = registers.find_officer("Dana Whitfield", "Officer", None)  # before her promotion
        motion.officer_links.append(MotionOfficer(officer=misspelt))
        second.officer_links.append(MotionOfficer(officer=earlier))
        motion.officer_links.append(MotionOfficer(officer=whitfield))
        db.session.commit()
        why = {(s.keep_id, s.other_id): s.why for s in registers.officer_suggestions()}
        assert (whitfield.id, misspelt.id) in why and (whitfield.id, earlier.id) in why
        registers.merge_officers(whitfield, misspelt, None)
        registers.merge_officers(whitfield, earlier, None)
        db.session.commit()
        assert whitfield.badge == "4417"
        assert sorted(link.motion_id for link in db.session.get(Officer, whitfield.id).motion_links) == sorted(
            [motion.id, second.id]
        )
        assert registers.find_officer("Dana Whitfeld", "Sergeant", None).id == whitfield.id  # a re-reading lands here
        assert registers.find_officer("Dana Whitfield", "Officer", None).id == whitfield.id
        assert registers.officer_suggestions() == []


def test_merging_policies_and_finding_loose_spellings(app):
    from app.models import MotionPolicy, Policy
    from app.services import registers

    with app.app_context():
        _, _, motion = _meeting_with_motion()
        general = registers.find_policy("General Order 3.02", "Use of Force")
        assert registers.find_policy("G.O. 3.02", None).id == general.id  # read loosely, no new row
        other = Policy(code="GO. 3.02")
        db.session.add(other)
        db.session.flush()
        motion.policy_links.append(MotionPolicy(policy=other))
        db.session.commit()
        assert [(s.keep_id, s.other_id) for s in registers.policy_suggestions()] == [(general.id, other.id)]
        registers.merge_policies(general, other, None)
        db.session.commit()
        assert [p.code for p in motion.policies] == ["General Order 3.02"]
        assert db.session.get(Policy, other.id).merged_into_id == general.id
        with pytest.raises(registers.RegisterError, match="different"):
            registers.merge_policies(general, general, None)
        with pytest.raises(registers.RegisterError, match="already in the register"):
            registers.update_policy(
                registers.find_policy("Rule 2", None), code="General Order 3.02", title=None, user=None
            )


def test_renaming_an_officer_into_an_existing_one_asks_for_a_merge(app):
    from app.services import registers

    with app.app_context():
        registers.find_officer("Sam Ortega", "Officer", None)
        other = registers.find_officer("Sam Ortga", "Officer", None)
        with pytest.raises(registers.RegisterError, match="merge the two"):
            registers.update_officer(other, name="Sam Ortega", rank="Officer", badge=None, unit=None, user=None)
        promoted = registers.update_officer(
            other, name="Sam Ortga", rank="Sergeant", badge="12", unit="Patrol", user=None
        )
        assert promoted.display_name == "Sergeant Sam Ortga"

"""Typed SQLAlchemy models, one module per aggregate."""

from app.models import visibility
from app.models.audit import AuditEvent
from app.models.body import Body, Member
from app.models.document import Document, DocumentPage, Job, Segment, Transcript
from app.models.meeting import AgendaItem, Meeting
from app.models.motion import Motion, MotionOfficer, MotionPolicy, MotionRevision, Officer, Policy, Vote
from app.models.user import User

visibility.install()

__all__ = [
    "AgendaItem",
    "AuditEvent",
    "Body",
    "Document",
    "DocumentPage",
    "Job",
    "Meeting",
    "Member",
    "Motion",
    "MotionOfficer",
    "MotionPolicy",
    "MotionRevision",
    "Officer",
    "Policy",
    "Segment",
    "Transcript",
    "User",
    "Vote",
]

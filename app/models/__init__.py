"""Typed SQLAlchemy models, one module per aggregate."""

from app.models.body import Body, Member
from app.models.document import Document, DocumentPage, Job, Segment, Transcript
from app.models.meeting import AgendaItem, Meeting
from app.models.motion import Motion, MotionOfficer, MotionPolicy, Officer, Policy, Vote
from app.models.user import AuditEvent, User

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
    "Officer",
    "Policy",
    "Segment",
    "Transcript",
    "User",
    "Vote",
]

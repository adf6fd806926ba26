"""What every query sees by default: the record, without retired rows.

A motion merged into another or deleted by a clerk, and a document withdrawn before
publication, stay in the database (so re-reading a document cannot bring them back, and the
audit can point at them) but are no part of the record. Rather than trusting every reader
(public pages, search, the API, bulk exports, feeds) to remember a filter, every ORM SELECT
leaves them out unless it asks for them with the execution option `include_retired=True`,
which only the back office does. Relationship loads (`meeting.motions`, `meeting.documents`)
are filtered the same way.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

INCLUDE_RETIRED = {"include_retired": True}


def _hide_retired(state: ORMExecuteState) -> None:
    if not state.is_select or state.execution_options.get("include_retired"):
        return
    from app.models.document import Document
    from app.models.motion import LIVE_REVIEW_STATES, Motion

    state.statement = state.statement.options(
        with_loader_criteria(Motion, Motion.review.in_(LIVE_REVIEW_STATES), include_aliases=True),
        with_loader_criteria(Document, Document.status != "withdrawn", include_aliases=True),
    )


def install() -> None:
    """Register the filter once per process (every Session, Flask-SQLAlchemy's included)."""
    if not event.contains(Session, "do_orm_execute", _hide_retired):
        event.listen(Session, "do_orm_execute", _hide_retired)

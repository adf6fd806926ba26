"""Forms of the clerk's office."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, DateField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app.models.meeting import MEETING_KINDS

NEW_BODY = 0
PDF_KIND_CHOICES = [
    SelectChoice("agenda", "Agenda"),
    SelectChoice("minutes", "Minutes"),
    SelectChoice("decision", "Decision"),
    SelectChoice("other", "Other document"),
]


class MeetingForm(FlaskForm):
    body_id = SelectField("Existing body", coerce=int, default=NEW_BODY)
    body_name = StringField("…or a new body's name", validators=[Optional(), Length(max=200)])
    date = DateField("Date", validators=[DataRequired(message="Give the meeting's date (YYYY-MM-DD).")])
    kind = SelectField(
        "Kind", choices=[SelectChoice(kind, kind.capitalize()) for kind in MEETING_KINDS], default="regular"
    )
    title = StringField("Title", validators=[DataRequired(message="Give the meeting a title."), Length(max=300)])

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.body_id.data == NEW_BODY and not (self.body_name.data or "").strip():
            self.body_name.errors = [*self.body_name.errors, "Choose an existing body or type a new body's name."]
            return False
        return True


class UploadForm(FlaskForm):
    files = MultipleFileField("Files (PDFs, audio or video, minutes or captions as text; several at once)")
    kind = SelectField("What the documents are", choices=PDF_KIND_CHOICES, default="minutes")
    readmit = BooleanField("Upload again files that were withdrawn (I know why they were withdrawn)")


class ActionForm(FlaskForm):
    """A button that changes something: carries only the CSRF token."""

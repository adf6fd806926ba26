"""The demo meeting's minutes as a PDF, written with fpdf2 from `script.py`.

The bytes are deterministic (fixed creation date and metadata, core fonts only, no
embedded font subsets), so the demo loader stores the same sha256 every run and a second
`flask demo` changes nothing.
"""

from __future__ import annotations

import datetime as dt

from fpdf import FPDF

from app.demo import script

# The day after the meeting, when the secretary signed the draft.
CREATED = dt.datetime(2026, 10, 7, 9, 0, 0, tzinfo=dt.UTC)
FONT = "Helvetica"
LINE = 5.6  # mm per line of 11 pt body text


class _MinutesPDF(FPDF):
    """US Letter pages with the demo banner on top and the page number below."""

    def header(self) -> None:
        self.set_font(FONT, "B", 9)
        self.set_text_color(150, 0, 0)
        self.cell(0, 5, "FICTIONAL DEMO DATA - NOT A REAL PUBLIC RECORD", align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font(FONT, "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, script.DEMO_NOTICE, align="C", new_x="LMARGIN", new_y="NEXT")
        self.cell(
            0,
            4,
            f"{script.BODY_NAME} - Minutes of {_long_date(script.MEETING_DATE)} - Page {self.page_no()} of {{nb}}",
            align="C",
        )
        self.set_text_color(0, 0, 0)


def build_minutes_pdf() -> bytes:
    """Return the minutes of the demo meeting as PDF bytes (two pages, identical every call)."""
    pdf = _MinutesPDF(format="Letter", unit="mm")
    pdf.set_margins(25, 18, 25)
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.set_creation_date(CREATED)
    pdf.set_title(f"{script.BODY_NAME}: Minutes, {_long_date(script.MEETING_DATE)}")
    pdf.set_author(f"{script.SECRETARY}, {script.SECRETARY_TITLE}")
    pdf.set_subject(script.DEMO_NOTICE)
    pdf.set_creator("Boardwatch demo data (app/demo/minutes_pdf.py)")
    pdf.set_producer("Boardwatch demo data")
    pdf.set_lang("en-US")
    pdf.add_page()
    _title_block(pdf)
    _attendance(pdf)
    for item in script.AGENDA:
        _agenda_item(pdf, item)
    _attestation(pdf)
    return bytes(pdf.output())


def _long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def _title_block(pdf: FPDF) -> None:
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 8, script.BODY_NAME.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 12)
    pdf.cell(0, 7, "MINUTES OF THE REGULAR MEETING", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.cell(0, 6, f"{_long_date(script.MEETING_DATE)}, 6:00 p.m.", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "Board Room, Harbor City Hall, 100 Harbor Way", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT, "B", 10)
    pdf.set_fill_color(255, 240, 240)
    pdf.multi_cell(
        0,
        5.5,
        "FICTIONAL DEMO DATA. Harbor City, its board and everyone named in these minutes are invented; "
        "they record no real meeting, officer or vote.",
        border=1,
        align="C",
        fill=True,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(5)


def _heading(pdf: FPDF, text: str, keep_with_next: float = 35.0) -> None:
    """A bold heading, moved to the next page when the text it introduces would not start on this one."""
    if pdf.get_y() + keep_with_next > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.set_font(FONT, "", 11)
    pdf.multi_cell(0, LINE, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2.5)


def _attendance(pdf: FPDF) -> None:
    _heading(pdf, "ATTENDANCE")
    present = script.ATTENDANCE["present"]
    _paragraph(pdf, "Commissioners present: " + "; ".join(present) + ".")
    _paragraph(pdf, "Commissioners absent: " + ("; ".join(script.ATTENDANCE["absent"]) or "None") + ".")
    _paragraph(pdf, "Also present: " + "; ".join(script.ATTENDANCE["also_present"]) + ".")
    pdf.ln(2)


def _agenda_item(pdf: FPDF, item: script.AgendaItem) -> None:
    _heading(pdf, f"{item.number}. {item.title.upper()}")
    narrative = script.MINUTES_TEXT.get(item.number, "")
    if narrative:
        _paragraph(pdf, narrative)
    motion = script.MINUTES_MOTION_SENTENCES.get(item.number)
    if motion:
        _paragraph(pdf, motion)
    pdf.ln(1.5)


def _attestation(pdf: FPDF) -> None:
    pdf.ln(4)
    _heading(pdf, "ATTEST")
    _paragraph(
        pdf,
        "I certify that the foregoing is a true and correct record of the proceedings of the "
        f"{script.BODY_NAME} at its regular meeting of {_long_date(script.MEETING_DATE)}.",
    )
    pdf.ln(8)
    pdf.set_font(FONT, "I", 11)
    pdf.cell(0, LINE, f"/s/ {script.SECRETARY}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.cell(
        0,
        LINE,
        f"{script.SECRETARY}, {script.SECRETARY_TITLE} and Secretary to the Board",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.cell(0, LINE, "Submitted October 7, 2026. Pending approval by the Board.", new_x="LMARGIN", new_y="NEXT")

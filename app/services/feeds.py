"""Atom 1.0 feeds of published motions, built with ElementTree (escaping is the library's job).

Entries come newest first, as the caller orders them; each links to the motion's permalink.
Characters XML 1.0 forbids (most control characters) are dropped from every text, so a stray
byte in a transcript can never make a feed unreadable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from xml.etree import ElementTree as ET  # nosec B405  # builds Atom XML, parses none

from app.models import Motion
from app.models.time import utcnow
from app.public.formatting import outcome_summary, tally_details
from app.services.citations import cite, permalink

ATOM_NS = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50
TITLE_CHARS = 120
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str | None) -> str:
    return _NOT_XML.sub("", value or "")


def _stamp(value: dt.datetime | dt.date) -> str:
    """RFC 3339 in UTC ("2024-03-07T00:00:00Z"); stored datetimes are UTC without tzinfo."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return value.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def _updated(motion: Motion) -> dt.datetime:
    """When the public record of this motion last changed: its edit or its meeting's publication."""
    stamps = [motion.updated_at, motion.meeting.published_at]
    return max(s for s in stamps if s is not None)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = _text(text)
    return element


def _title(motion: Motion) -> str:
    text = " ".join(motion.text.split())
    if len(text) > TITLE_CHARS:
        text = text[: TITLE_CHARS - 1].rstrip() + "\u2026"
    result = motion.result.capitalize()
    return f"{motion.meeting.date.isoformat()}: {result}: {text}"


def _summary(motion: Motion, link: str) -> str:
    lines = [motion.text]
    tally = tally_details(motion)
    lines.append(f"Result: {motion.result}" + (f" ({tally})" if tally else ""))
    outcome = outcome_summary(motion)
    if outcome:
        lines.append(f"Outcome: {outcome}")
    if motion.officers:
        lines.append("Officers: " + ", ".join(o.display_name for o in motion.officers))
    if motion.policies:
        lines.append("Policies: " + ", ".join(p.code for p in motion.policies))
    lines.append("How to cite: " + cite(motion, link))
    return "\n".join(lines)


def atom_feed(*, title: str, feed_url: str, page_url: str, motions: Iterable[Motion], subtitle: str = "") -> bytes:
    """An Atom 1.0 document (UTF-8 bytes) with one entry per motion, at most MAX_ENTRIES."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", feed_url)
    _sub(feed, "title", title)
    if subtitle:
        _sub(feed, "subtitle", subtitle)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=page_url)
    author = _sub(feed, "author")
    _sub(author, "name", "Boardwatch")
    _sub(feed, "generator", "Boardwatch")
    updated = _sub(feed, "updated")
    newest: dt.datetime | None = None
    for count, motion in enumerate(motions):
        if count >= MAX_ENTRIES:
            break
        link = permalink(motion.id)
        changed = _updated(motion)
        newest = changed if newest is None or changed > newest else newest
        entry = _sub(feed, "entry")
        _sub(entry, "id", link)
        _sub(entry, "title", _title(motion))
        _sub(entry, "link", rel="alternate", type="text/html", href=link)
        _sub(entry, "published", _stamp(motion.meeting.date))
        _sub(entry, "updated", _stamp(changed))
        _sub(entry, "category", term=motion.classification)
        _sub(entry, "summary", _summary(motion, link), type="text")
    updated.text = _stamp(newest or utcnow())
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)

"""Property tests: the parser never raises and its records keep the contract's shape on any text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.parsing import PageText, TimedText, parse_pages, parse_text, parse_transcript
from app.parsing.records import CLASSIFICATIONS, RESULTS, VOTE_OPTIONS

_WORDS = st.sampled_from(
    [
        "Commissioner", "Alvarez", "moved", "seconded", "by", "to", "approve", "the", "motion", "carried", "5-2",
        "AYES:", "NOES:", "None", "RESULT:", "APPROVED", "[4-2-1-1]", "I", "move", "Second.", "All", "in", "favor",
        "aye", "opposed", "seven", "to", "two", "Sergeant", "Dana", "Whitfield", "Directive", "102.1", "(motion),",
        "(second)", "\n", ".", ",", ":", ">>", "Roll", "call:", "-", "yes;", "no", "IT IS HEREBY ORDERED", "/s/",
        "By a vote of", "6", "(Lee, Park)", "suspended", "for a period of", "thirty (30) days",
    ]
)  # fmt: skip
_TEXT = st.one_of(st.text(max_size=400), st.lists(_WORDS, max_size=80).map(" ".join))


def _check(records: list) -> None:
    for record in records:
        assert record.result in RESULTS
        assert record.classification in CLASSIFICATIONS
        assert set(record.counts) == set(VOTE_OPTIONS)
        for value in record.counts.values():
            assert value is None or (isinstance(value, int) and value >= 0)
        assert 0.0 <= record.confidence <= 1.0
        assert all(v.option in VOTE_OPTIONS for v in record.votes)
        record.to_dict()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_parse_text_never_raises_and_keeps_the_shape(text: str) -> None:
    _check(parse_text(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, max_size=4))
def test_parse_pages_evidence_is_verbatim_from_its_page(texts: list[str]) -> None:
    pages = [PageText(number=i, text=t) for i, t in enumerate(texts, start=1)]
    records = parse_pages(pages, document="d")
    _check(records)
    by_number = {p.number: p.text for p in pages}
    for record in records:
        if record.evidence:
            assert record.evidence in by_number[record.source.page]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXT, max_size=8))
def test_parse_transcript_never_raises(texts: list[str]) -> None:
    segments = [TimedText(start=float(i), end=float(i) + 1, text=t) for i, t in enumerate(texts)]
    records = parse_transcript(segments, document="d")
    _check(records)
    joined = " ".join(s.text for s in segments if s.text.strip())
    for record in records:
        assert record.evidence is None or record.evidence in joined
        assert record.source.start is not None and record.source.start <= record.source.end

"""How well the reading pipeline finds motions and their fields, against hand labels.

    .venv/bin/python bench/extraction.py [--corpus ../shared/corpus] [--no-audio] [--details]

Each document named by a label file (tests/labels/*.json: the shared corpus; tests/labels/heldout/*.json:
documents written for this benchmark in forms the corpus lacks) is read by the same code as
`flask extract` (app.services.extraction). A found motion matches a labelled one when they share a
page or time span (or, for text with neither, lie close to the label's anchor quote) and the found
text/evidence carries the label's anchor or most of its words (numbers must all match). Fields are
scored on matched motions where the label states them (null = not stated = not scored).

In the same run a naive baseline is measured: every line (or caption segment) containing "motion",
"moved" or "carried" is a motion. Then the Chicago Police Board decisions are compared with the
volunteer-coded votes and final decisions in ../shared/corpus/structured/.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench_chicago import chicago  # noqa: E402  (bench/ is the script's folder, first on sys.path)

from app.parsing import Roster, split_pages, timed_lines  # noqa: E402
from app.parsing.entities import rank_as_kept  # noqa: E402
from app.services.extraction import ReadDocument, parse_document, read_document  # noqa: E402

KINDS = ("written", "decisions", "dispositions", "spoken")
FIELDS = ("result", "mover", "seconder", "counts", "votes", "outcome", "officers", "policies", "flag")
KEYWORDS = re.compile(r"\b(?:motion|moved|carried)\b", re.IGNORECASE)


@dataclass
class Found:
    """A motion as the pipeline (or the baseline) reported it, in the shape the scorer compares."""

    text: str
    evidence: str
    page: int | None = None
    start: float | None = None
    end: float | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    offset: int | None = None  # where the evidence starts in the document's normalised text


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    stated: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        for key in FIELDS:
            self.right[key] += other.right[key]
            self.stated[key] += other.stated[key]

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", (text or "").lower())


def same_name(a: str | None, b: str | None) -> bool:
    """Names agree when equal or when their last words agree ("Allen Fisk" ~ "Fisk", "Margaret Pressley")."""
    ta, tb = tokens(a or ""), tokens(b or "")
    return bool(ta and tb) and (ta == tb or ta[-1] == tb[-1])


# ---------------------------------------------------------------- reading


def source_text(doc: ReadDocument) -> str:
    if doc.kind == "pdf":
        return norm("\n\n".join(p.text for p in doc.pages))
    if doc.kind == "transcript":
        return norm(" ".join(s.text for s in doc.segments))
    return norm(doc.text)


def from_records(records: list[Any], text: str) -> list[Found]:
    found = []
    for record in records:
        data = record.to_dict()
        source = data["source"]
        evidence = norm(data["evidence"] or "")
        fields = {k: data[k] for k in ("result", "mover", "seconder", "counts", "votes", "outcome", "officers")}
        fields["policies"] = data["policies"]
        fields["flag"] = bool(data.get("flags"))
        item = Found(data["text"], evidence, source.get("page"), source.get("start"), source.get("end"), fields)
        item.offset = text.find(evidence[:80]) if evidence else None
        found.append(item)
    return found


def baseline(doc: ReadDocument, text: str) -> list[Found]:
    """The naive detector: every line or segment with "motion", "moved" or "carried" is one motion."""
    units: list[tuple[str, int | None, float | None, float | None]] = []
    if doc.kind == "transcript":
        units = [(s.text, None, s.start, s.end) for s in doc.segments]
    elif doc.kind == "pdf":
        units = [(line, p.number, None, None) for p in doc.pages for line in p.text.splitlines()]
    else:
        timed = timed_lines(doc.text)
        if timed is not None:
            units = [(s.text, None, s.start, s.end) for s in timed]
        else:
            units = [(line, p.number, None, None) for p in split_pages(doc.text) for line in p.text.splitlines()]
    found = []
    for index, (line, page, start, end) in enumerate(units):
        if not KEYWORDS.search(line):
            continue
        context = norm(" ".join(u[0] for u in units[max(0, index - 2) : index + 3]))
        result = "passed" if re.search(r"\bcarried\b", line, re.I) else "unknown"
        item = Found(norm(line), context, page, start, end, {"result": result, "flag": False})
        item.offset = text.find(norm(line)[:80]) if line.strip() else None
        found.append(item)
    return found


# ---------------------------------------------------------------- matching and scoring


def similarity(label: dict[str, Any], found: Found) -> float:
    """Share of the label text's words in the found text and evidence; 0 when a number of the label is missing."""
    want = tokens(label["text"])
    have = set(tokens(found.text)) | set(tokens(found.evidence))
    if not want or any(w.isdigit() and w not in have for w in want):
        return 0.0
    return sum(w in have for w in want) / len(want)


def compatible(label: dict[str, Any], found: Found, anchor_at: int | None) -> bool:
    placed = False
    if label.get("start") is not None and found.start is not None:
        end = found.end if found.end is not None else found.start
        if end < label["start"] - 10 or found.start > label["end"] + 10:
            return False
        placed = True
    if label.get("pages") and found.page is not None:
        if found.page not in label["pages"]:
            return False
        placed = True
    if not placed and anchor_at is not None and found.offset is not None and found.offset >= 0:
        span_end = found.offset + len(found.evidence)
        return found.offset - 600 <= anchor_at <= span_end + 600
    return True


def match(labels: list[dict[str, Any]], found: list[Found], text: str) -> list[tuple[int, int]]:
    """One-to-one pairs (label index, found index), best first."""
    scored = []
    for li, label in enumerate(labels):
        anchor = norm(label.get("at") or "")
        anchor_at = text.find(anchor) if anchor else None
        for fi, item in enumerate(found):
            if not compatible(label, item, anchor_at if anchor_at is not None and anchor_at >= 0 else None):
                continue
            inside = bool(anchor) and anchor.lower() in item.evidence.lower()
            sim = similarity(label, item)
            if inside or sim >= 0.6:
                scored.append((inside + sim, li, fi))
    pairs, used_l, used_f = [], set(), set()
    for _, li, fi in sorted(scored, reverse=True):
        if li not in used_l and fi not in used_f:
            pairs.append((li, fi))
            used_l.add(li)
            used_f.add(fi)
    return pairs


def field_right(key: str, want: Any, got: dict[str, Any]) -> bool:
    if key == "result":
        return got.get("result") == want
    if key in ("mover", "seconder"):
        return same_name(want, got.get(key))
    if key == "counts":
        counts = got.get("counts") or {}
        return all(counts.get(option) == value for option, value in want.items() if value is not None)
    if key == "votes":
        votes = got.get("votes") or []
        if len(votes) != len(want):
            return False
        return all(any(same_name(n, v["voter"]) and v["option"] == o for v in votes) for n, o in want.items())
    if key == "outcome":
        outcome = got.get("outcome") or {}
        return outcome.get("kind") == want.get("kind") and (
            want.get("days") is None or outcome.get("days") == want["days"]
        )
    if key == "officers":
        officers = got.get("officers") or []
        if not want:
            return not officers
        return all(
            any(
                same_name(o["name"], f["name"])
                and (o.get("rank") is None or rank_as_kept(o["rank"]) == f["rank"])  # "Police Officer" is "Officer"
                and (o.get("badge") is None or o["badge"] == f["badge"])
                for f in officers
            )
            for o in want
        )
    if key == "policies":
        have = {re.sub(r"[\s.]", "", p["code"].lower()) for p in got.get("policies") or []}
        return all(re.sub(r"[\s.]", "", p["code"].lower()) in have for p in want)
    if key == "flag":
        return bool(got.get("flag"))
    return False


def stated(label: dict[str, Any], key: str) -> Any:
    """The label's value for a field, or None where the source does not state it."""
    if key == "flag":
        return True if label.get("flagged") else None
    value = label.get(key)
    if key == "outcome" and value is not None and value.get("kind") is None:
        return None
    return value


def score(doc: dict[str, Any], found: list[Found], text: str, details: list[str]) -> dict[str, Tally]:
    """Tallies per kind of document for one labelled document."""
    labels = doc["motions"]
    pairs = match(labels, found, text)
    by_kind: dict[str, Tally] = defaultdict(Tally)
    matched_l = {li for li, _ in pairs}
    matched_f = {fi for _, fi in pairs}
    anchors = [(text.find(norm(lb.get("at") or "")), lb.get("kind", doc["kind"])) for lb in labels]
    for li, fi in pairs:
        label = labels[li]
        if label.get("optional"):
            continue
        tally = by_kind[label.get("kind", doc["kind"])]
        tally.tp += 1
        for key in FIELDS:
            want = stated(label, key)
            if want is None:
                continue
            tally.stated[key] += 1
            if field_right(key, want, found[fi].fields):
                tally.right[key] += 1
            else:
                details.append(f"  {key:9} {label['text'][:40]!r}: want {want!r}, got {found[fi].fields.get(key)!r}")
    for li, label in enumerate(labels):
        if li not in matched_l and not label.get("optional"):
            by_kind[label.get("kind", doc["kind"])].fn += 1
            details.append(f"  MISSED   {label['text'][:60]!r}")
    for fi, item in enumerate(found):
        if fi in matched_f:
            continue
        kind = doc["kind"]
        placed = [
            (abs(a - item.offset), k) for a, k in anchors if a >= 0 and item.offset is not None and item.offset >= 0
        ]
        if placed:
            kind = min(placed)[1]
        by_kind[kind].fp += 1
        details.append(f"  EXTRA    {item.text[:60]!r} (page {item.page}, start {item.start})")
    return by_kind


# ---------------------------------------------------------------- tables


def table(title: str, rows: dict[str, tuple[Tally, Tally]], first: str = "kind") -> str:
    head = (
        f"\n### {title}\n\n| {first} | labelled | found | P | R | F1 | baseline F1 | F1 ratio "
        + "".join(f"| {k} " for k in FIELDS)
        + "|\n|"
        + "---|" * (8 + len(FIELDS))
        + "\n"
    )
    lines = []
    for kind, (ours, base) in rows.items():
        p, r, f1 = ours.prf()
        bf1 = base.prf()[2]
        ratio = f"{f1 / bf1:.1f}x" if bf1 else "-"
        cells = "".join(
            f"| {ours.right[k]}/{ours.stated[k]} ({100 * ours.right[k] / ours.stated[k]:.0f}%) "
            if ours.stated[k]
            else "| - "
            for k in FIELDS
        )
        labelled = ours.tp + ours.fn
        lines.append(
            f"| {kind} | {labelled} | {ours.tp + ours.fp} | {p:.2f} | {r:.2f} | {f1:.2f} | {bf1:.2f} | {ratio} {cells}|"
        )
    base_fields = sum(t[1].right[k] for t in rows.values() for k in FIELDS if k != "result")
    note = f"\nBaseline field values right (other than result): {base_fields}.\n"
    return head + "\n".join(lines) + "\n" + note


def run(corpus: Path, audio: bool, show: bool, only: str | None = None) -> dict[str, dict[str, tuple[Tally, Tally]]]:
    """Tallies per group ("corpus", "held-out", "batch N") and kind of document, with an "all" row each."""
    groups: dict[str, dict[str, tuple[Tally, Tally]]] = defaultdict(dict)
    # "batch1" is that batch, not batch 10; any other value is a part of a document's name.
    exact = re.fullmatch(r"batch\d+|heldout", only or "")
    with tempfile.TemporaryDirectory() as tmp:
        for label_path in sorted((REPO / "tests" / "labels").glob("**/*.json")):
            doc = json.loads(label_path.read_text(encoding="utf-8"))
            held = label_path.parent.name == "heldout"
            wanted = {label_path.stem, f"batch{doc.get('batch', '1')}", "heldout"} if held else {label_path.stem}
            if only and not any(only == name if exact else only in name for name in wanted):
                continue
            source = (REPO / doc["document"]) if held else (corpus / doc["document"])
            if source.suffix in (".wav", ".flac", ".mp3") and not audio:
                continue
            copy = Path(tmp) / source.name
            shutil.copyfile(source, copy)  # the corpus stays read-only
            began = time.monotonic()
            read = read_document(copy)
            roster = Roster.from_csv(REPO / doc["roster"]) if doc.get("roster") else None
            records = parse_document(read, roster=roster)
            text = source_text(read)
            details: list[str] = []
            ours = score(doc, from_records(records, text), text, details)
            base = score(doc, baseline(read, text), text, [])
            seconds = time.monotonic() - began
            print(
                f"{label_path.stem}: {len(records)} found, {len(doc['motions'])} labelled, {seconds:.1f}s",
                file=sys.stderr,
            )
            if show and details:
                print("\n".join(details), file=sys.stderr)
            names = [f"batch {doc.get('batch', '1')}", "held-out"] if held else ["corpus"]
            for name in names:
                for kind in set(ours) | set(base):
                    pair = groups[name].setdefault(kind, (Tally(), Tally()))
                    pair[0].add(ours.get(kind, Tally()))
                    pair[1].add(base.get(kind, Tally()))
    for group in groups.values():
        total = (Tally(), Tally())
        for ours, base in group.values():
            total[0].add(ours)
            total[1].add(base)
        ordered = {k: group[k] for k in KINDS if k in group}
        group.clear()
        group.update(ordered)
        group["all"] = total
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--no-audio", action="store_true", help="skip the audio clips (transcription takes ~10 s each)")
    parser.add_argument("--details", action="store_true", help="list misses, extras and wrong fields on stderr")
    parser.add_argument("--only", help="score only these labels: a name part, 'heldout' or 'batch5'")
    parser.add_argument("--batch", action="append", help="also print this held-out batch by kind (repeatable)")
    args = parser.parse_args()
    groups = run(args.corpus, audio=not args.no_audio, show=args.details, only=args.only)
    print("## Motion extraction benchmark\n")
    print("Command: `.venv/bin/python bench/extraction.py`" + (" --no-audio" if args.no_audio else ""))
    print("Fields: right/stated on matched motions (only where the label states the field).")
    print(table("Shared corpus (real public records)", groups["corpus"]))
    held = "Held-out style (tests/parsing/fixtures: written and labelled before the parser was run on them)"
    print(table(held, groups["held-out"]))
    numbered = sorted((n for n in groups if n.startswith("batch")), key=lambda n: int(n.split()[-1]))
    batches = {name: groups[name]["all"] for name in numbered}
    print(table("Held-out style, each batch (all kinds; see docs for each batch's first run)", batches, "batch"))
    for name in args.batch or []:
        print(table(f"Held-out style, batch {name}, by kind", groups.get(f"batch {name}", {})))
    if not args.only:
        print(chicago(args.corpus))


if __name__ == "__main__":
    main()

"""The people of the load test: residents reading and searching, clerks uploading.

bench/load.py runs this file with locust, headless; it is not meant to be run alone. It reads
the ids to visit from the JSON file named by LOAD_TARGETS and writes every request's
(kind, milliseconds, error) to LOAD_RESULTS when locust quits.
"""

from __future__ import annotations

import json
import os
import random
import re
import uuid
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

TARGETS: dict[str, Any] = json.loads(Path(os.environ["LOAD_TARGETS"]).read_text())
SAMPLES: list[tuple[str, float, str | None]] = []
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
JOB_URL = re.compile(r'data-job-url="([^"]+)"')
# Everyday queries, among them the ones that break a naive FTS5 MATCH.
AWKWARD = ["use-of-force", "5-2", "300.4", "O'Brien", '"', "AND", "-x", "*x", "thirty-day suspension"]
OUTCOMES = ["suspension", "termination", "reprimand", "reinstatement", "appeal_denied", "approved"]
_audio_sent = False


@events.request.add_listener
def _record(name: str, response_time: float, exception: BaseException | None, **_kw: Any) -> None:
    SAMPLES.append((name, round(response_time, 2), None if exception is None else str(exception)[:300]))


@events.quitting.add_listener
def _write(**_kw: Any) -> None:
    Path(os.environ["LOAD_RESULTS"]).write_text(json.dumps(SAMPLES))


def search_args(rng: random.Random) -> dict[str, str]:
    """A resident's search: words, a name, a filter or two, sometimes a later page."""
    args: dict[str, str] = {}
    shape = rng.random()
    if shape < 0.35:
        args["q"] = rng.choice(TARGETS["words"])
    elif shape < 0.5:
        args["q"] = " ".join(rng.sample(TARGETS["words"], 2))
    elif shape < 0.6:
        args["q"] = rng.choice(AWKWARD)
    elif shape < 0.7:
        args["officer"] = rng.choice(TARGETS["officer_names"])
    if rng.random() < 0.3:
        args["outcome"] = rng.choice(OUTCOMES)
    if rng.random() < 0.15:
        args["member"] = rng.choice(TARGETS["member_names"])
        args["vote"] = rng.choice(["yes", "no"])
    if rng.random() < 0.15:
        year = rng.randint(1996, 2024)
        args["from"], args["to"] = f"{year}-01-01", f"{year + rng.randint(0, 4)}-12-31"
    if rng.random() < 0.1:
        args["result"] = rng.choice(["passed", "failed"])
    if rng.random() < 0.1:
        args["split"] = "divided"
    if args.get("q") and rng.random() < 0.2:
        args["sort"] = "relevance"
    if not args:
        args["outcome"] = rng.choice(OUTCOMES)
    if rng.random() < 0.1:
        args["page"] = str(rng.randint(2, 4))
    return args


class Resident(HttpUser):
    """Anonymous: pages, searches, exports and audio seeking."""

    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        self.rng = random.Random()

    def _pick(self, key: str) -> int:
        return self.rng.choice(TARGETS[key])

    @task(8)
    def search(self) -> None:
        self.client.get("/search", params=search_args(self.rng), name="search")

    @task(2)
    def search_json(self) -> None:
        self.client.get("/search.json", params=search_args(self.rng), name="search.json")

    @task(1)
    def search_csv(self) -> None:
        args = {"outcome": self.rng.choice(OUTCOMES), "officer": self.rng.choice(TARGETS["officer_names"])}
        self.client.get("/search.csv", params=args, name="search.csv")

    @task(1)
    def api_search(self) -> None:
        self.client.get("/api/v1/search", params={"q": self.rng.choice(TARGETS["words"])}, name="api search")

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(2)
    def meetings(self) -> None:
        self.client.get("/meetings", params={"page": self.rng.randint(1, 10)}, name="meetings")

    @task(3)
    def meeting(self) -> None:
        self.client.get(f"/meetings/{self._pick('meetings')}", name="meeting")

    @task(1)
    def meeting_exports(self) -> None:
        meeting = self._pick("meetings")
        self.client.get(f"/meetings/{meeting}.csv", name="meeting.csv")
        self.client.get(f"/meetings/{meeting}.json", name="meeting.json")

    @task(4)
    def motion(self) -> None:
        self.client.get(f"/motions/{self._pick('motions')}", name="motion")

    @task(1)
    def motion_json(self) -> None:
        self.client.get(f"/motions/{self._pick('motions')}.json", name="motion.json")

    @task(2)
    def officer(self) -> None:
        self.client.get(f"/officers/{self._pick('officers')}", name="officer")

    @task(1)
    def officer_csv(self) -> None:
        self.client.get(f"/officers/{self._pick('officers')}.csv", name="officer.csv")

    @task(2)
    def member(self) -> None:
        self.client.get(f"/members/{self._pick('members')}", name="commissioner")

    @task(1)
    def policy(self) -> None:
        self.client.get(f"/policies/{self._pick('policies')}", name="policy")

    @task(2)
    def audio_range(self) -> None:
        """Seek in the meeting recording: a byte range, answered 206."""
        size = TARGETS["audio_size"]
        start = self.rng.randrange(0, size - 65536)
        headers = {"Range": f"bytes={start}-{start + 65535}"}
        url = f"/documents/{TARGETS['audio_document']}/file"
        with self.client.get(url, headers=headers, name="audio range", catch_response=True) as response:
            if response.status_code != 206 or len(response.content) != 65536:
                response.failure(f"expected 206 with 65536 bytes, got {response.status_code}")


class Clerk(HttpUser):
    """Logged in: creates a meeting, uploads PDFs (and one recording), watches the jobs."""

    wait_time = between(2.0, 5.0)
    fixed_count = int(os.environ.get("LOAD_CLERKS", "2"))

    def on_start(self) -> None:
        self.rng = random.Random()
        self.jobs: list[str] = []
        account = TARGETS["clerks"].pop()
        token = self._token("/login", "login page")
        with self.client.post(
            "/login",
            data={"email": account, "password": TARGETS["password"], "csrf_token": token},
            name="login",
            catch_response=True,
        ) as response:
            if "/clerk/" not in response.url:
                response.failure("login did not reach the clerk's office")
        token = self._token("/clerk/meetings/new", "clerk new meeting page")
        form = {
            "csrf_token": token,
            "body_id": str(TARGETS["clerk_body"]),
            "body_name": "",
            "date": f"2026-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}",
            "kind": "regular",
            "title": f"Load test meeting {uuid.uuid4().hex[:8]}",
        }
        response = self.client.post("/clerk/meetings/new", data=form, name="clerk create meeting")
        match = re.search(r"/clerk/meetings/(\d+)", response.url)
        self.meeting_url = match.group(0) if match else None
        global _audio_sent
        if self.meeting_url and not _audio_sent:
            _audio_sent = True  # one recording for the worker to transcribe while the rest goes on
            self._upload(Path(TARGETS["audio"]).read_bytes(), "load-meeting.ogg", "clerk upload audio")

    def _token(self, path: str, name: str) -> str:
        response = self.client.get(path, name=name)
        match = CSRF.search(response.text)
        return match.group(1) if match else ""

    def _upload(self, data: bytes, filename: str, name: str) -> None:
        if not self.meeting_url:
            return
        token = self._token(self.meeting_url, "clerk meeting page")
        if not token:  # that page failed (and was counted): do not count an upload without a form as another
            return
        files = {"files": (filename, data, "application/octet-stream")}
        form = {"csrf_token": token, "kind": self.rng.choice(["minutes", "decision", "agenda"])}
        url = self.meeting_url + "/upload"
        with self.client.post(url, data=form, files=files, name=name, catch_response=True) as response:
            if f"Queued {filename}" not in response.text:
                flash = re.search(r'class="flash[^"]*"[^>]*>([^<]+)', response.text)
                response.failure("upload not queued: " + (flash.group(1) if flash else response.text[:200]))
                return
            self.jobs = JOB_URL.findall(response.text)

    @task(3)
    def upload_pdf(self) -> None:
        """A real PDF, made unique with a trailing comment so every upload is new work for the worker."""
        source = Path(self.rng.choice(TARGETS["pdfs"]))
        data = source.read_bytes() + f"\n%load-test {uuid.uuid4().hex}\n".encode()
        self._upload(data, f"{source.stem[:40]}-{uuid.uuid4().hex[:6]}.pdf", "clerk upload pdf")

    @task(2)
    def watch_job(self) -> None:
        if self.jobs:
            self.client.get(self.rng.choice(self.jobs), name="clerk job progress")

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/clerk/", name="clerk dashboard")

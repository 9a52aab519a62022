"""60 students in browsers at once: a real server under load, and nothing lost.

    python benchmarks/bench_serve.py [--students 60] [--think 0.3]   # prints one JSON line

Starts ``python -m game serve --class BENCH --results <tmp>`` in a subprocess (uvicorn,
over loopback) and lets that many simulated students join, rate 8 headlines, play a
whole game to an ending, rate 8 more and open the debrief, all at the same time, with
an async HTTP client (httpx). Each student connects from its own loopback address
(127.0.0.N), as each device in a room has its own address. Between pages a student
"reads" for a random time averaging ``--think`` seconds: 1.5 by default, where a real
student reads a scene for ten seconds or more, so the default is several times busier
than a class; ``--think 0.3`` is a stress test.

It prints requests a second, the median and 95th-percentile response time, the server's
memory (resident now and at its peak, from /proc), and checks that every results file is
complete (both quizzes, an ending, finished) and valid against the results schema, and
that the class report reads every one of them. Target: p95 under 100 ms, no error,
nothing lost.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the test students' page reader, shared

from web_client import form, pick, start_server  # noqa: E402

from game.classroom.results import parse_session, read_results  # noqa: E402

MAX_REQUESTS = 600  # per student: a game is about 90; a runaway loop stops here
DEADLINE = 600.0  # seconds for the whole run


class Student:
    """One simulated student: its own client, cookie and loopback address."""

    def __init__(self, number: int, base: str, think: float, times: list[float],
                 kinds: list[str], server_times: list[float], errors: list[str]) -> None:
        self.number = number
        transport = httpx.AsyncHTTPTransport(local_address=f"127.0.{number // 250}."
                                                           f"{2 + number % 250}")
        self.client = httpx.AsyncClient(base_url=base, transport=transport, timeout=30)
        self.rng = random.Random(number)
        self.think = think
        self.times = times
        self.errors = errors
        self.requests = 0
        self.kinds = kinds
        self.server_times = server_times

    async def send(self, method: str, path: str, data: dict[str, str] | None = None) -> str:
        """One page: the POST and the page it leads to, each timed as its own request."""
        response = await self._timed(method, path, data)
        while response.status_code == 303:
            response = await self._timed("GET", response.headers["location"], None)
        if response.status_code != 200:
            self.errors.append(f"student {self.number}: {method} {path} -> "
                               f"{response.status_code}")
            raise RuntimeError(self.errors[-1])
        return response.text

    async def _timed(self, method: str, path: str, data: dict[str, str] | None) -> httpx.Response:
        self.requests += 1
        if self.requests > MAX_REQUESTS:
            raise RuntimeError(f"student {self.number}: no ending after {MAX_REQUESTS} requests")
        started = time.perf_counter()
        response = await self.client.request(method, path, data=data)
        self.times.append(time.perf_counter() - started)
        self.kinds.append(method)
        timing = response.headers.get("server-timing", "app;dur=0").split("dur=")[-1]
        self.server_times.append(float(timing) / 1000)
        return response

    async def pause(self) -> None:
        await asyncio.sleep(self.rng.uniform(0, 2 * self.think))

    async def play(self) -> None:
        try:
            page = await self.send("GET", "/")
            await self.pause()
            page = await self.send("POST", "/join", form(page, "/join").fields(
                code="BENCH", nickname=f"Student {self.number}"))
            while ('action="/quiz/answer"' in page
                   or 'action="/desk/choose"' in page):
                await self.pause()
                action, fields = pick(page, self.rng)
                page = await self.send("POST", action, fields)
            if "The full review" not in page:
                self.errors.append(f"student {self.number}: ended without a debrief")
        except (RuntimeError, httpx.HTTPError, AssertionError) as exc:
            if not self.errors or str(exc) not in self.errors[-1]:
                self.errors.append(f"student {self.number}: {exc!r}")
        finally:
            await self.client.aclose()


def memory_mb(pid: int) -> tuple[float | None, float | None]:
    """The server's resident memory now and at its peak, in MB (Linux's /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None, None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)

    def mb(name: str) -> float | None:
        return round(int(fields[name].split()[0]) / 1024, 1) if name in fields else None

    return mb("VmRSS"), mb("VmHWM")


def complete(folder: Path) -> tuple[int, list[str]]:
    """How many results files are complete and valid, and what is wrong with the others."""
    good, problems = 0, []
    for path in sorted(folder.glob("BENCH-*.json")):
        try:
            data = parse_session(path, path.read_bytes())
        except Exception as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        missing = [what for what, ok in (
            ("quiz before", len(data["quiz"]["before"]) == 8),
            ("quiz after", len(data["quiz"]["after"]) == 8),
            ("decisions", bool(data["decisions"])), ("ending", data["ending"] is not None),
            ("finished", data["finished"] is not None)) if not ok]
        if missing:
            problems.append(f"{path.name}: missing {', '.join(missing)}")
        else:
            good += 1
    return good, problems


@dataclass
class Run:
    times: list[float] = field(default_factory=list)  # each request, as the student saw it
    kinds: list[str] = field(default_factory=list)  # its method
    server_times: list[float] = field(default_factory=list)  # its time inside the server
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


async def run_class(base: str, students: int, think: float) -> Run:
    """Every student's game at once."""
    run = Run()
    started = time.perf_counter()
    everyone = [Student(n, base, think, run.times, run.kinds, run.server_times, run.errors)
                for n in range(students)]
    await asyncio.wait_for(asyncio.gather(*(s.play() for s in everyone)), DEADLINE)
    run.seconds = time.perf_counter() - started
    return run


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--think", type=float, default=1.5,
                        help="mean seconds a student reads between pages (a real student "
                        "takes 10 or more; 0.3 is a stress test)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dl-bench-serve-") as tmp:
        folder = Path(tmp) / "results"
        server = start_server("--class", "BENCH", "--results", str(folder), data=tmp)
        try:
            run = asyncio.run(run_class(server.base, args.students, args.think))
            rss, peak = memory_mb(server.process.pid)
        finally:
            server.stop()
        good, problems = complete(folder)
        report_reads = len(read_results(folder).sessions)
    times, errors, seconds = run.times, run.errors, run.seconds
    ordered = sorted(times)
    posts = [t for t, kind in zip(times, run.kinds, strict=True) if kind == "POST"]
    pages = [t for t, kind in zip(times, run.kinds, strict=True) if kind == "GET"]
    print(json.dumps({
        "benchmark": "serve: simulated students play whole games with both quizzes at once",
        "students": args.students, "mean_think_s": args.think,
        "requests": len(times), "seconds": round(seconds, 1),
        "requests_per_s": round(len(times) / seconds, 1) if seconds else 0,
        "median_ms": round(statistics.median(times) * 1000, 1) if times else None,
        "p95_ms": round(percentile(times, 0.95) * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1) if times else None,
        "p95_ms_answers": round(percentile(posts, 0.95) * 1000, 1),  # written to disk first
        "p95_ms_pages": round(percentile(pages, 0.95) * 1000, 1),
        "p95_ms_in_server": round(percentile(run.server_times, 0.95) * 1000, 1),
        "load_average": round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None,
        "errors": len(errors), "server_rss_mb": rss, "server_peak_rss_mb": peak,
        "results_complete": good, "results_problems": problems[:5],
        "report_reads": report_reads, "target_p95_ms": 100,
        "first_errors": errors[:5],
    }, ensure_ascii=False))
    return 0 if not errors and good == args.students and report_reads == args.students else 1


if __name__ == "__main__":
    sys.exit(main())

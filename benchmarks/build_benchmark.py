"""Build a synthetic board of N years and print how long and how much it takes.

    python benchmarks/build_benchmark.py [--years 10]

It writes a board (6 meetings a year, 12 items each, 3 papers and 1-2
decisions per item, 40 people) into a temporary repository, then times
`hwbsite validate` and `hwbsite build` in fresh processes (so imports count)
and `mkdocs build` of the same number of plain Markdown pages with the same
theme and an explicit nav, and prints the figures and the ratio. Each is run
--repeat times and the fastest kept; peak memory is the largest seen. The two
builds alternate (hwbsite, plain, hwbsite, ...), so a busy moment on a shared
machine falls on both. Then it starts `hwbsite serve`, saves a change to one
meeting file and times how long the served page takes to show it.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PDF = (ROOT / "tests/fixtures/base/content/testboard/papers/2025-03-12/71-bcf-plan.pdf").read_bytes()
SEATS = ["councillor"] * 8 + ["director-adult-social-services", "director-childrens-services",
                              "director-public-health", "healthwatch"] + ["integrated-care-board"] * 2
MINUTE = ("The Board considered the report, which set out progress against the plan, the risks to delivery "
          "and the resources required. Members asked about the effect on residents in the most deprived "
          "wards and about the timetable for consultation. The officer agreed to circulate further detail.")


def write_board(repo: Path, years: int) -> None:
    data, content = repo / "data" / "synthetic", repo / "content" / "synthetic"
    (data / "meetings").mkdir(parents=True)
    (data / "board.yml").write_text(
        "name: Synthetic Health and Wellbeing Board\ncouncil: council\ntimezone: Europe/London\n"
        "decision_prefix: hwb\ndefault_venue: County Hall\n")
    (data / "organisations.yml").write_text("- {id: council, name: Council, classification: local-authority}\n")
    people = [f"person-{n:02d}" for n in range(40)]
    (data / "people.yml").write_text("".join(
        f"- {{id: {p}, name: Person {n}, organisation: council, job_title: Member}}\n" for n, p in enumerate(people)))
    (data / "memberships.yml").write_text("".join(
        f"- {{person: {p}, seat: {SEATS[n] if n < len(SEATS) else 'other'}, role: {'chair' if n == 0 else 'member'}, "
        f"voting: true, start: 2000-01-01, end: }}\n" for n, p in enumerate(people[:20])))
    (data / "strategy.yml").write_text(
        "title: Strategy\nstart: 2000-04-01\nend: 2099-03-31\npriorities:\n" + "".join(
            f"  - {{id: priority-{n}, title: Priority {n}, lead: person-0{n}}}\n" for n in range(4)))
    first = date.today().year - years + 1
    decision_numbers: dict[int, int] = {}
    for year in range(first, first + years):
        for month in (1, 3, 6, 7, 9, 11):
            day = date(year, month, 15)
            meeting_id = day.isoformat()
            lines = [f"start: {meeting_id}T14:00", "status: held",
                     f"agenda_published: {(day - timedelta(days=10)).isoformat()}", "attendance:"]
            lines += [f"  - {{person: {p}, status: present}}" for p in people[:20]]
            lines += [f"  - {{person: {p}, status: in-attendance}}" for p in people[20:24]]
            lines.append("items:")
            for item in range(1, 13):
                number = f"{item}"
                lines += [f"  - number: {number}", f"    title: Item {item} of {meeting_id}", "    purpose: decision",
                          f"    priorities: [priority-{item % 4}]", "    papers:"]
                for paper in range(3):
                    name = f"papers/{meeting_id}/{item}-{paper}.pdf"
                    (content / name).parent.mkdir(parents=True, exist_ok=True)
                    (content / name).write_bytes(PDF)
                    lines.append(f"      - {{title: Paper {paper}, file: {name}}}")
                # Each item's minutes differ, as they would on a real board (no text is rendered twice).
                lines += ["    minutes: |", f"      {MINUTE} Item {item} of {meeting_id}.", "    decisions:"]
                for _ in range(1 + item % 2):
                    decision_numbers[year] = decision_numbers.get(year, 0) + 1
                    lines += [f"      - id: hwb-{year}-{decision_numbers[year]:03d}",
                              f"        text: The Board agreed recommendation {decision_numbers[year]}.",
                              "        outcome: agreed"]
            (data / "meetings" / f"{meeting_id}.yml").write_text("\n".join(lines) + "\n")


def write_plain(repo: Path, pages: int) -> None:
    """The baseline: the same number of plain Markdown pages, same theme, explicit nav."""
    docs = repo / "docs"
    docs.mkdir(parents=True)
    body = "\n\n".join(f"## Section {n}\n\n{MINUTE}\n\n- one\n- two\n- three" for n in range(6))
    for n in range(pages):
        (docs / f"page-{n:05d}.md").write_text(f"# Page {n}\n\n{body}\n")
    (repo / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "nav:\n  - Home: page-00000.md\n  - Next: page-00001.md\n"
        "not_in_nav: |\n  /page-*.md\n")


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def best(repeat: int, command: list[str], cwd: Path) -> tuple[float, float]:
    """The fastest of `repeat` runs, and the largest peak memory seen."""
    runs = [run(command, cwd) for _ in range(repeat)]
    return min(seconds for seconds, _ in runs), max(memory for _, memory in runs)


def first_search(site: Path, query: str) -> tuple[int, float] | None:
    """Bytes (gzip, as a server would send them) of the search files a browser fetches for a first search,
    and the seconds from typing the words to the first result on screen."""
    if not Path("/usr/bin/chromium").exists():
        return None
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: list[tuple[str, bytes]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            page.on("response", lambda r: fetched.append((r.url, r.body())) if "/pagefind/" in r.url else None)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/")
            page.wait_for_selector("#hwb-search input")
            start = time.perf_counter()
            page.fill("#hwb-search input", query)
            page.wait_for_selector(".pagefind-ui__result-link")
            seconds = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    # Pagefind's own index files are already compressed; JS, CSS and JSON a server would gzip.
    return sum(len(body) if ".pf_" in url or url.endswith(".pagefind") else len(gzip.compress(body))
               for url, body in fetched), seconds


def save_to_show(repo: Path, tries: int = 3) -> tuple[float, list[float]]:
    """Under `hwbsite serve`: seconds from saving a change to one meeting file until the served page
    shows it (the first build's time, then each try's). The page is polled every 20 ms, as MkDocs' live
    reload shows a page again as soon as its rebuild ends, so this leaves out only the browser's reload."""
    import socket
    import urllib.request

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    meeting = sorted((repo / "data/synthetic/meetings").glob("*.yml"))[-2]
    url = f"http://127.0.0.1:{port}/meetings/{meeting.stem}/"
    server = subprocess.Popen([sys.executable, "-m", "hwbsite.cli", "serve", "--address", f"127.0.0.1:{port}"],
                             cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def shows(words: str, since: float, limit: float = 120) -> float:
        while time.perf_counter() - since < limit:
            try:
                if words in urllib.request.urlopen(url, timeout=5).read().decode():
                    return time.perf_counter() - since
            except OSError:
                pass
            time.sleep(0.02)
        sys.exit(f"the preview did not show {words!r} within {limit} s")

    original = meeting.read_text()
    try:
        first = shows("Item 1 of", time.perf_counter())
        time.sleep(3)   # the first build's search index, in the background
        seconds = []
        for n in range(tries):
            words = f"Item 1 of {meeting.stem} changed {n}"
            meeting.write_text(original.replace(f"Item 1 of {meeting.stem}", words, 1))
            seconds.append(shows(words, time.perf_counter()))
            time.sleep(5)   # as an officer reads the page before the next change; the search index catches up
    finally:
        meeting.write_text(original)
        server.terminate()
        server.wait()
    return first, seconds


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3,
                        help="run each build this many times and keep the fastest (the machine is shared and noisy)")
    parser.add_argument("--no-preview", action="store_true", help="leave out the preview's save-to-show time")
    parser.add_argument("--saves", type=int, default=5, help="how many saves the preview is timed for")
    parser.add_argument("--folder", default="/dev/shm" if os.path.isdir("/dev/shm") else None,
                        help="where to write the boards and sites (default: /dev/shm, in memory, when there is "
                             "one, so that a shared machine's disk does not decide the figures)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hwbsite-bench-", dir=args.folder) as tmp:
        os.environ["HWBSITE_CACHE"] = str(Path(tmp) / "cache")   # starts empty: the first validate keeps nothing
        repo = Path(tmp) / "repo"
        shutil.copytree(ROOT / "theme", repo / "theme")
        shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
        write_board(repo, args.years)
        hwbsite = [sys.executable, "-m", "hwbsite.cli"]
        first_validate_s, _ = run(hwbsite + ["validate"], repo)
        validate_s, validate_mb = best(args.repeat, hwbsite + ["validate"], repo)
        build = hwbsite + ["build", "--site-dir", str(Path(tmp) / "site")]
        build_runs = [run(build, repo)]
        site = Path(tmp) / "site" / "synthetic"
        pages = sum(1 for _ in site.rglob("index.html"))
        plain = Path(tmp) / "plain"
        write_plain(plain, pages)
        plain_build = [sys.executable, "-m", "mkdocs", "build", "-q"]
        plain_runs = [run(plain_build, plain)]
        for _ in range(args.repeat - 1):
            build_runs.append(run(build, repo))
            plain_runs.append(run(plain_build, plain))
        build_s, build_mb = min(s for s, _ in build_runs), max(m for _, m in build_runs)
        plain_s, plain_mb = min(s for s, _ in plain_runs), max(m for _, m in plain_runs)
        searched = first_search(site, "recommendation 42")
        preview = None if args.no_preview else save_to_show(repo, tries=args.saves)
        print(f"board: {args.years} years, {args.years * 6} meetings, {args.years * 72} items, "
              f"{args.years * 216} papers, {args.years * 108} decisions, 40 people")
        print(f"written to {tmp} ({'in memory' if tmp.startswith('/dev/shm') else 'on disk'})")
        print(f"validate: {validate_s:.2f} s, peak {validate_mb:.0f} MB (fastest of {args.repeat}, with what the first "
              f"run kept in the cache folder: PDFs' facts, bank holidays); the first run, with nothing kept: "
              f"{first_validate_s:.2f} s")
        print(f"build:    {build_s:.2f} s, peak {build_mb:.0f} MB, {pages} pages, site {size(site) / 1e6:.1f} MB")
        print(f"search index (Pagefind): {size(site / 'pagefind') / 1e6:.2f} MB on the server; a first search "
              f"downloads {searched[0] / 1e3:.0f} KB, first results in {searched[1]:.2f} s"
            if searched else "first search: not measured (no Chromium)")
        print(f"plain mkdocs build of {pages} pages: {plain_s:.2f} s, peak {plain_mb:.0f} MB")
        print(f"ratio hwbsite/plain: {build_s / plain_s:.2f} (fastest of each); run by run: "
              + ", ".join(f"{b[0] / p[0]:.2f}" for b, p in zip(build_runs, plain_runs, strict=True)))
        if preview:
            print(f"preview (hwbsite serve): first build shown after {preview[0]:.1f} s; a saved change to one "
                  f"meeting file shown after {', '.join(f'{s:.2f}' for s in preview[1])} s "
                  f"(median {statistics.median(preview[1]):.2f} s)")



if __name__ == "__main__":
    main()

"""Issue 13: `lep talk` speed and weight, measured the way an officer meets them.

Run: .venv/bin/python bench/bench_talk.py

- server ready: from starting `lep talk --no-browser` (a new process) until the page answers
  200 to the token URL (target <= 0.5 s), best and median of 5;
- keystroke to results: in real Chromium (Debian's /usr/bin/chromium via Playwright), the time
  from each keystroke's input event to the results list being drawn, read from the page's own
  Performance API timings (``window.__lepTimings``), p50 and p95 over every keystroke of 12
  typed queries at 40 ms per key (target p95 <= 50 ms);
- page weight without audio: bytes of every response the browser received to show the grid, pick
  Spanish and show one phrase (HTML, CSS, JS, JSON), audio excluded (target <= 300 KB);
- server RSS: VmRSS of the server process after all that (target <= 150 MB with one MT model
  loaded; no model is installed unless the machine has one, and the script says which).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "are you hurt", "where does it hurt", "show me your hands", "do you speak english", "how old are you",
    "i am here to help", "what is your name", "stay calm", "is anyone else hurt", "where do you live",
    "do you need an ambulance", "please wait",
]  # fmt: skip
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]  # fmt: skip


def start(env: dict[str, str]) -> tuple[subprocess.Popen[str], str, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "lepcli", "talk", "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as res:
                if res.status == 200:
                    break
        except OSError:
            time.sleep(0.005)
    return proc, url, time.perf_counter() - t0


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    env = dict(os.environ, LEP_HOME=tempfile.mkdtemp(prefix="lep-bench-talk-"))
    # warm the phrasebook cache once, as any earlier lep command would have
    subprocess.run([sys.executable, "-m", "lepcli", "translate", "Are you hurt?", "--to", "es"], env=env,
                   capture_output=True, check=False)  # fmt: skip
    ready = []
    for _ in range(5):
        proc, _url, took = start(env)
        ready.append(took)
        proc.terminate()
        proc.wait()
    print(f"server ready after start: best {min(ready) * 1000:.0f} ms, median {statistics.median(ready) * 1000:.0f} ms"
          " (target <= 500 ms)")  # fmt: skip

    from playwright.sync_api import sync_playwright

    proc, url, _took = start(env)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            sizes: dict[str, int] = {}

            def on_response(res: object) -> None:
                r = res  # playwright Response
                if "/api/audio" in r.url:  # type: ignore[attr-defined]
                    return
                try:
                    sizes[r.url + str(len(sizes))] = len(r.body())  # type: ignore[attr-defined]
                except Exception:
                    pass

            page.on("response", on_response)
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']")
            page.get_by_role("button", name="español").first.click()
            page.wait_for_selector("#talk:not([hidden])")
            box = page.get_by_role("textbox", name="Say")
            box.fill("are you hurt")
            box.press("Enter")
            page.wait_for_function("() => document.getElementById('person-text').textContent.length > 0")
            weight = sum(sizes.values())
            page.remove_listener("response", on_response)
            page.evaluate("() => { window.__lepTimings.length = 0; }")
            keys = 0
            for q in QUERIES:
                box.fill("")
                box.press_sequentially(q, delay=40)
                keys += len(q)
                page.wait_for_timeout(150)
            timings = sorted(page.evaluate("() => window.__lepTimings"))
            browser.close()
        p50 = statistics.median(timings)
        p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
        print(f"keystroke to results: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(timings)} of {keys} keystrokes"
              " (target p95 <= 50 ms; a keystroke overtaken by the next one draws nothing)")  # fmt: skip
        print(f"page weight without audio: {weight / 1024:.0f} KB (grid, pick a language, show a phrase;"
              " target <= 300 KB)")  # fmt: skip
        from lepcli.mt import installed

        models = installed.pairs_for("es") if hasattr(installed, "pairs_for") else []
        print(f"server RSS: {rss_mb(proc.pid):.0f} MB (MT models for es installed: {', '.join(models) or 'none'};"
              " target <= 150 MB with one loaded)")  # fmt: skip
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()

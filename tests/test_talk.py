"""`lep talk`: the encounter screen, driven in real Chromium (Debian's /usr/bin/chromium) with Playwright.

The server runs in-process in a thread (sockets are enabled for 127.0.0.1 only, per test) or as a
`lep talk --no-browser` subprocess whose first stdout line is the URL. No browser is downloaded.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
sync_api = pytest.importorskip("playwright.sync_api")

from tests.conftest import CHROMIUM  # noqa: E402  (one browser set-up for the suite)

needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs espeak-ng (system package)")


@pytest.fixture
def localhost() -> Iterator[None]:
    """Sockets for this test, to 127.0.0.1 only (the suite otherwise blocks them)."""
    import pytest_socket

    pytest_socket.enable_socket()
    pytest_socket.socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    yield
    pytest_socket.disable_socket(allow_unix_socket=True)


class Running:
    def __init__(self, srv: Any) -> None:
        self.srv = srv
        self.url = srv.url
        self.port = srv.port
        self.base = f"http://127.0.0.1:{srv.port}"
        self.token = srv.token

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request(method, path, body=body, headers=headers or {})
        res = conn.getresponse()
        data = res.read()
        hdrs = {k.lower(): v for k, v in res.getheaders()}
        conn.close()
        return res.status, hdrs, data

    def api(self, name: str, payload: dict[str, Any], **extra: str) -> tuple[int, dict[str, str], bytes]:
        headers = {"Cookie": f"lep_talk_{self.port}={self.token}", "Content-Type": "application/json"} | extra
        return self.request("POST", f"/api/{name}", json.dumps(payload).encode(), headers)


@pytest.fixture
def start_talk(localhost: None) -> Iterator[Callable[..., Running]]:
    from lepcli.talk.server import TalkServer

    started: list[tuple[Any, Any]] = []

    def start(recorder: Any = None) -> Running:
        srv = TalkServer(recorder=recorder)
        thread = srv.start_thread()
        deadline = time.monotonic() + 10
        while not srv.started and time.monotonic() < deadline:
            time.sleep(0.01)
        assert srv.started
        started.append((srv, thread))
        return Running(srv)

    yield start
    for srv, _thread in started:
        srv.stop()
    for _srv, thread in started:
        thread.join(timeout=10)  # the server has shut down and let go of its port


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    pg = context.new_page()
    yield pg
    context.close()


def _open(page: Any, running: Running, lang: str | None = None) -> None:
    page.goto(running.url + (f"&lang={lang}" if lang else ""))
    page.wait_for_selector("body[data-ready='1']")


def _book() -> Any:
    from lepcli import phrasebook as pb

    return pb.load()


def _say(page: Any, text: str) -> None:
    box = page.get_by_role("textbox", name="Say")
    box.fill(text)
    box.press("Enter")


# -- security --------------------------------------------------------------------------------------


def test_binds_loopback_and_requires_the_token(start_talk: Callable[..., Running]) -> None:
    r = start_talk()
    assert r.srv.sock.getsockname()[0] == "127.0.0.1"
    status, _h, body = r.request("GET", "/")
    assert status == 403 and b"link lep talk printed" in body
    status, _h, _b = r.request("GET", "/?token=" + "x" * 43)
    assert status == 403
    status, _h, _b = r.request("GET", "/static/talk.js")
    assert status == 403
    status, _h, _b = r.request("POST", "/api/languages", b"{}", {"Content-Type": "application/json"})
    assert status == 403
    status, headers, body = r.request("GET", f"/?token={r.token}")
    assert status == 200 and b"<title>lep talk</title>" in body
    cookie = headers["set-cookie"]
    assert cookie.startswith(f"lep_talk_{r.port}={r.token};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    status, _h, body = r.api("languages", {})
    assert status == 200 and json.loads(body)["tiles"]
    # a wrong cookie is refused like none
    status, _h, _b = r.request("POST", "/api/languages", b"{}", {"Cookie": f"lep_talk_{r.port}=nope"})
    assert status == 403


def test_host_header_csp_and_no_cors(start_talk: Callable[..., Running]) -> None:
    r = start_talk()
    cookie = {"Cookie": f"lep_talk_{r.port}={r.token}"}
    for host in ("evil.example", f"evil.example:{r.port}", "127.0.0.1:1", f"192.168.0.2:{r.port}"):
        status, _h, _b = r.request("GET", "/", headers=cookie | {"Host": host})
        assert status == 421, host
    status, _h, _b = r.request("GET", "/", headers=cookie | {"Host": f"localhost:{r.port}"})
    assert status == 200
    status, headers, _b = r.api("languages", {}, Origin="http://evil.example")
    assert status == 403  # a page elsewhere cannot post, even with the cookie
    assert not any(k.startswith("access-control-") for k in headers)
    status, headers, _b = r.api("languages", {}, **{"Sec-Fetch-Site": "cross-site"})
    assert status == 403
    status, headers, _b = r.api("languages", {}, Origin=f"http://127.0.0.1:{r.port}")
    assert status == 200
    assert not any(k.startswith("access-control-") for k in headers)
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["cache-control"] == "no-store" and headers["x-content-type-options"] == "nosniff"
    # the page has no inline script for the CSP to allow
    _s, _h, html = r.request("GET", "/", headers=cookie)
    assert b"<script>" not in html and b"onclick" not in html


def test_huge_or_binary_requests_get_one_clear_message(start_talk: Callable[..., Running]) -> None:
    r = start_talk()
    status, _h, body = r.api("search", {"text": "a" * 70_000, "lang": "es"})
    assert status == 400 and "too large" in json.loads(body)["message"]
    status, _h, body = r.api("search", {"text": "\x00\x01\x02 binary", "lang": "es"})
    assert status == 400 and "binary" in json.loads(body)["message"]
    status, _h, body = r.api("search", {"text": "x" * 6_000, "lang": "es"})
    assert status == 400 and "too long" in json.loads(body)["message"]
    status, _h, body = r.api("language", {"query": "klingonese-ish-xx"})
    assert status == 404 and json.loads(body)["message"] == "unknown language"


@needs_chromium
def test_the_browser_without_the_token_sees_no_page(start_talk: Callable[..., Running], page: Any) -> None:
    r = start_talk()
    page.goto(r.base + "/")
    assert "needs the link lep talk printed" in page.content()
    page.goto(r.url)
    page.wait_for_selector("body[data-ready='1']")
    assert page.url == r.base + "/"  # the token left the address bar
    # the cookie works after that, and JavaScript cannot read it (HttpOnly)
    page.reload()
    assert page.evaluate("document.cookie") == ""


# -- the screen ------------------------------------------------------------------------------------


@needs_chromium
def test_pick_a_language_by_tap_then_search_and_show(start_talk: Callable[..., Running], page: Any) -> None:
    r = start_talk()
    _open(page, r)
    tile = page.get_by_role("button", name="Tiếng Việt")
    assert tile.count() == 1
    tile.click()
    page.wait_for_selector("#talk:not([hidden])")
    assert "Vietnamese" in page.locator("#lang-now").inner_text()
    box = page.get_by_role("textbox", name="Say")
    box.press_sequentially("are you hu", delay=20)
    page.wait_for_selector("#results button[data-id='medical.are_you_hurt']")
    page.locator("#results button[data-id='medical.are_you_hurt']").click()
    want = _book().translation("medical.are_you_hurt", "vi")
    person = page.locator("#person-text")
    person.wait_for()
    page.wait_for_function("() => document.getElementById('person-text').textContent.length > 0")
    assert person.inner_text() == want.text
    assert person.get_attribute("lang") == "vi" and person.get_attribute("dir") == "ltr"
    officer = page.locator("#officer-answer").inner_text()
    assert "Are you hurt?" in officer and "DRAFT" in officer
    assert want.pronunciation in officer


@needs_chromium
def test_everything_shown_to_the_person_carries_lang_and_dir(start_talk: Callable[..., Running], page: Any) -> None:
    r = start_talk()
    _open(page, r, "ar")
    _say(page, "Are you hurt?")
    page.wait_for_selector("#ctl-yesno:not([hidden]) button")
    missing = page.evaluate(
        """() => [...document.querySelectorAll('#person-text, #person-label, #replies button, #ctl-yesno button')]
             .filter(n => n.textContent.trim() && !(n.closest('[lang]') && n.closest('[dir]')))
             .map(n => n.textContent)"""
    )
    assert missing == []
    langs = page.evaluate(
        "() => [...document.querySelectorAll('#replies button, #ctl-yesno button')].map(n => n.lang + '/' + n.dir)"
    )
    assert langs and set(langs) == {"ar/rtl"}


@needs_chromium
def test_yes_no_tap_is_seen_by_the_officer_in_english(start_talk: Callable[..., Running], page: Any) -> None:
    r = start_talk()
    _open(page, r)
    page.get_by_role("button", name="español").first.click()
    _say(page, "Are you hurt?")
    book = _book()
    yes = book.translation("yesno.yes", "es").text
    button = page.get_by_role("button", name=yes, exact=True)
    button.wait_for()
    assert button.get_attribute("lang") == "es"
    button.click()
    page.wait_for_selector("#heard .item")
    assert page.locator("#heard .item").first.inner_text() == "Person: " + book.phrase("yesno.yes").text
    # "I don't know" is the third choice, in Spanish
    page.locator("#ctl-yesno").get_by_role("button", name="No sé.").click()
    page.wait_for_function("() => document.querySelectorAll('#heard .item').length == 2")
    assert page.locator("#heard .item").first.inner_text() == "Person: I don't know."


@needs_chromium
def test_body_outline_tap(start_talk: Callable[..., Running], page: Any) -> None:
    r = start_talk()
    _open(page, r, "es")
    _say(page, "Where does it hurt?")
    page.wait_for_selector("#ctl-body:not([hidden])")
    arms = page.get_by_role("button", name="brazo")
    assert arms.count() == 2  # the person's right and left arm, named in Spanish
    page.locator("[data-region='arm_left']").click()
    page.wait_for_selector("#heard .item")
    assert page.locator("#heard .item").first.inner_text() == "Person: Here: left arm (the person's left)"
    page.get_by_role("button", name="cabeza", exact=True).click()
    page.wait_for_function("() => document.querySelectorAll('#heard .item').length == 2")
    assert page.locator("#heard .item").first.inner_text() == "Person: Here: head"


@needs_chromium
def test_number_pad_and_reply_cards(start_talk: Callable[..., Running], page: Any) -> None:
    r = start_talk()
    _open(page, r, "es")
    _say(page, "How old are you?")
    page.wait_for_selector("#ctl-number:not([hidden])")
    page.locator("#number-keys button", has_text="4").click()
    page.locator("#number-keys button", has_text="2").click()
    page.get_by_role("button", name="Enviar").click()
    page.wait_for_selector("#heard .item")
    assert page.locator("#heard .item").first.inner_text() == "Person: 42"
    doctor = _book().translation("responses.need_doctor", "es").text
    page.get_by_role("button", name=doctor).click()
    page.wait_for_function("() => document.querySelectorAll('#heard .item').length == 2")
    assert page.locator("#heard .item").first.inner_text() == "Person: I need a doctor."


@needs_chromium
def test_legal_content_is_withheld_and_the_line_shown(start_talk: Callable[..., Running], page: Any) -> None:
    r = start_talk()
    _open(page, r, "es")
    book = _book()
    draft = book.translation("legal.right_to_remain_silent", "es")
    assert draft is not None and draft.status != "reviewed"
    _say(page, "You have the right to remain silent.")
    page.wait_for_selector("#officer-answer .status.legal")
    person = page.locator("#person-text")
    assert person.inner_text() == "Un intérprete nos ayudará con esto. Por favor, espere."
    assert person.get_attribute("lang") == "es"
    assert draft.text not in page.content()
    officer = page.locator("#officer").inner_text()
    assert "WITHHELD" in officer
    assert "Call the interpreter line now" in officer
    assert "FICTIONAL EXAMPLE" in officer  # no agency file yet: the shipped example's line says so
    assert "Do not use children, relatives or bystanders as interpreters." in officer
    assert page.locator("#btn-speak").is_hidden()
    # typed legal wording that matches no phrase is withheld too
    _say(page, "Do you consent to a search of your car?")
    page.wait_for_function(
        "() => /never machine-translated|withheld/.test(document.getElementById('officer-answer').textContent)"
    )
    assert person.inner_text() == "Un intérprete nos ayudará con esto. Por favor, espere."


@needs_chromium
def test_a_reviewed_legal_translation_is_shown(
    start_talk: Callable[..., Running], page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency = tmp_path / "agency"
    agency.mkdir()
    (agency / "es.yaml").write_text(
        "language: es\nname: Spanish\ntranslations:\n  legal.right_to_remain_silent:\n"
        '    text: "Tiene derecho a guardar silencio (revisado)."\n    pronunciation: "tee-EH-neh"\n'
        '    status: reviewed\n    reviewed_by: "A. Court Interpreter"\n    reviewed_on: 2026-11-01\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(agency))
    r = start_talk()
    _open(page, r, "es")
    _say(page, "You have the right to remain silent.")
    page.wait_for_function("() => document.getElementById('person-text').textContent.includes('revisado')")
    assert "REVIEWED" in page.locator("#officer-answer").inner_text()


@needs_chromium
def test_rtl_page_screenshot_is_right_aligned(start_talk: Callable[..., Running], page: Any, browser: Any) -> None:
    r = start_talk()
    _open(page, r, "ar")
    _say(page, "Where does it hurt?")
    page.wait_for_function("() => document.getElementById('person-text').textContent.length > 0")
    person = page.locator("#person-text")
    assert person.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.getElementById('person-text')).direction") == "rtl"
    box = person.bounding_box()
    text_box = page.evaluate(
        """() => { const n = document.getElementById('person-text'); const r = document.createRange();
                   r.selectNodeContents(n); const b = r.getBoundingClientRect();
                   return {left: b.left, right: b.right}; }"""
    )
    assert abs(text_box["right"] - (box["x"] + box["width"])) < 4  # the text ends at the right edge
    assert text_box["left"] > box["x"] + box["width"] / 2  # a short question sits in the right half
    # the pixels say the same: decode the element's screenshot in a blank page and find the ink
    png = person.screenshot()
    import base64

    blank = browser.new_page()
    blank.set_content(f'<img id="i" src="data:image/png;base64,{base64.b64encode(png).decode()}">')
    blank.wait_for_function("() => document.getElementById('i').complete")
    ink = blank.evaluate(
        """() => { const img = document.getElementById('i'); const c = document.createElement('canvas');
                   c.width = img.naturalWidth; c.height = img.naturalHeight; const g = c.getContext('2d');
                   g.drawImage(img, 0, 0); const d = g.getImageData(0, 0, c.width, c.height).data;
                   let lo = c.width, hi = -1;
                   for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) {
                     const i = (y * c.width + x) * 4;
                     if (d[i] + d[i+1] + d[i+2] < 300) { lo = Math.min(lo, x); hi = Math.max(hi, x); } }
                   return {lo: lo, hi: hi, width: c.width}; }"""
    )
    blank.close()
    assert ink["hi"] > ink["width"] - 20  # ink reaches the right edge ...
    assert ink["lo"] > ink["width"] / 2  # ... and starts in the right half


@needs_chromium
@needs_espeak
def test_audio_endpoint_returns_a_valid_wav(start_talk: Callable[..., Running], page: Any) -> None:
    r = start_talk()
    text = _book().translation("medical.are_you_hurt", "es").text
    status, headers, body = r.api("audio", {"lang": "es", "id": "medical.are_you_hurt", "text": text})
    assert status == 200 and headers["content-type"] == "audio/wav"
    assert headers["x-audio-source"] == "computer voice"
    with wave.open(io.BytesIO(body)) as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2
        assert w.getnframes() == (len(body) - 44) // 2  # sizes fixed up: the header tells the truth
        assert 0.3 < w.getnframes() / w.getframerate() < 10
    # a withheld legal draft is never spoken, whatever text the request carries
    legal = _book().translation("legal.right_to_remain_silent", "es").text
    status, _h, _b = r.api("audio", {"lang": "es", "id": "legal.right_to_remain_silent", "text": legal})
    assert status == 403
    # somali: no computer voice and no recording -> no audio, and no speaker button on the page
    status, _h, _b = r.api("audio", {"lang": "so", "id": "medical.are_you_hurt", "text": "Ma dhaawacantay?"})
    assert status == 404
    _open(page, r, "so")
    _say(page, "Are you hurt?")
    page.wait_for_function("() => document.getElementById('person-text').textContent.length > 0")
    assert page.locator("#btn-speak").is_hidden()
    _open(page, r, "es")
    _say(page, "Are you hurt?")
    page.wait_for_selector("#btn-speak:not([hidden])")
    assert "computer voice" in page.locator("#btn-speak").inner_text()


@needs_chromium
def test_recorded_audio_wins(
    start_talk: Callable[..., Running], page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency = tmp_path / "agency"
    folder = agency / "audio" / "es"
    folder.mkdir(parents=True)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x01\x00" * 800)
    (folder / "medical.are_you_hurt.wav").write_bytes(buf.getvalue())
    monkeypatch.setenv("LEP_PHRASEBOOKS", str(agency))
    r = start_talk()
    status, headers, body = r.api("audio", {"lang": "es", "id": "medical.are_you_hurt", "text": "x"})
    assert status == 200 and headers["x-audio-source"] == "recorded" and body == buf.getvalue()
    _open(page, r, "es")
    _say(page, "Are you hurt?")
    page.wait_for_selector("#btn-speak:not([hidden])")
    assert "recorded" in page.locator("#btn-speak").inner_text()


@needs_chromium
def test_not_here_shows_the_line_for_language_identification(start_talk: Callable[..., Running], page: Any) -> None:
    r = start_talk()
    _open(page, r)
    page.get_by_role("button", name="My language is not here").click()
    page.wait_for_function("() => document.getElementById('pick-error').textContent.length > 0")
    text = page.locator("#pick-error").inner_text()
    assert "identifying the language" in text and "555-01" in text
    assert "Do not use children, relatives or bystanders" in text


# -- the record, and nothing on disk without it ---------------------------------------------------


@needs_chromium
def test_record_file_content_mode_and_summary(
    start_talk: Callable[..., Running], page: Any, tmp_path: Path, lep: Callable[..., Any]
) -> None:
    from lepcli.talk.record import Recorder

    path = tmp_path / "incident.jsonl"
    recorder = Recorder(path)
    r = start_talk(recorder)
    _open(page, r, "es")
    _say(page, "Are you hurt?")
    page.get_by_role("button", name=_book().translation("yesno.yes", "es").text, exact=True).click()
    page.wait_for_selector("#heard .item")
    _say(page, "You have the right to remain silent.")
    page.wait_for_selector("#officer-answer .status.legal")
    recorder.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    events = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    kinds = [e["event"] for e in events]
    assert kinds == ["language", "shown", "answer", "withheld"]
    shown = events[1]
    assert shown["phrase_id"] == "medical.are_you_hurt" and shown["language"] == "es"
    assert shown["text"] == _book().translation("medical.are_you_hurt", "es").text and shown["status"] == "draft"
    assert events[2]["english"] == "Yes." and events[2]["kind"] == "yesno"
    assert events[3]["phrase_id"] == "legal.right_to_remain_silent"
    assert all(e["time"] for e in events)
    out = lep("talk", "--record", str(path), "--summary")
    assert out.exit_code == 0
    assert "person answered (yesno): Yes." in out.stdout
    assert "withheld (legal, interpreter first) legal.right_to_remain_silent" in out.stdout
    data = lep("talk", "--record", str(path), "--summary", "--json").json()
    assert [e["event"] for e in data] == kinds


def test_record_file_that_exists_is_made_private(tmp_path: Path) -> None:
    from lepcli.talk.record import Recorder

    path = tmp_path / "old.jsonl"
    path.write_text("", encoding="utf-8")
    os.chmod(path, 0o644)
    Recorder(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _files_containing(roots: list[Path], needle: str, since: float = 0.0) -> list[str]:
    """Regular files under ``roots`` changed since ``since`` that contain ``needle`` (a FIFO or a
    device someone else left in /tmp is never opened: reading it would block)."""
    patterns = [needle.encode("utf-8"), needle.encode("utf-16-le")]
    found = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root, onerror=lambda e: None):
            for name in files:
                p = os.path.join(dirpath, name)
                try:
                    st = os.lstat(p)
                    if not stat.S_ISREG(st.st_mode) or st.st_size > 50_000_000 or st.st_mtime < since:
                        continue
                    with open(p, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                if any(pat in data for pat in patterns):
                    found.append(p)
    return found


@needs_chromium
def test_nothing_typed_is_written_anywhere_without_record(
    start_talk: Callable[..., Running], page: Any, lep_home: Path
) -> None:
    secret = "zq" + secrets.token_hex(6)  # typed by the officer and by the person, never a constant
    started = time.time() - 1
    r = start_talk()
    _open(page, r, "es")
    _say(page, f"are you hurt {secret}")
    page.wait_for_function("() => document.getElementById('officer-answer').textContent.length > 0")
    _say(page, "Do you want to say something?")
    page.get_by_role("textbox", name="Say").fill(f"what is your name {secret}")
    page.wait_for_timeout(200)
    _say(page, "Where do you live?")  # answer: free -> the person's typing box
    free = page.locator("#free-text")
    free.wait_for(state="visible")
    free.fill(f"me duele {secret}")
    page.locator("#btn-free-send").click()
    page.wait_for_selector("#heard .item")
    status, _h, _b = r.api("reply", {"text": f"Me duele el pecho {secret}", "lang": "es"})
    assert status == 200
    time.sleep(0.3)  # let the browser flush whatever it writes
    roots = [lep_home, Path(tempfile.gettempdir())]
    assert _files_containing(roots, secret, since=started) == []


# -- the command -----------------------------------------------------------------------------------


def _spawn(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "lepcli", "talk", "--no-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_cli_prints_the_url_first_refuses_a_second_instance_and_stops_cleanly(localhost: None, lep_home: Path) -> None:
    env = dict(os.environ)
    first = _spawn("es", env=env)
    try:
        assert first.stdout is not None
        url = first.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "?token=" in url and url.endswith("&lang=es")
        port = int(url.split(":")[2].split("/")[0])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        second = _spawn(env=env)
        out, err = second.communicate(timeout=20)
        assert second.returncode == 6
        assert out == ""
        assert "lep talk is already running" in err and "Traceback" not in err
    finally:
        first.send_signal(signal.SIGINT)
        _out, err = first.communicate(timeout=20)
    assert first.returncode == 0
    assert "lep talk stopped" in err and "Traceback" not in err


def test_cli_port_in_use_is_one_clear_message(localhost: None, lep: Callable[..., Any]) -> None:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    try:
        out = lep("talk", "--no-browser", "--port", str(holder.getsockname()[1]))
    finally:
        holder.close()
    assert out.exit_code == 6
    assert "is in use" in out.stderr and out.stdout == ""


def test_summary_needs_a_record_file(lep: Callable[..., Any], tmp_path: Path) -> None:
    out = lep("talk", "--summary")
    assert out.exit_code == 3 and "--summary needs --record FILE" in out.stderr
    out = lep("talk", "--record", str(tmp_path / "none.jsonl"), "--summary")
    assert out.exit_code == 4 and "no record file" in out.stderr


# -- lep export app --------------------------------------------------------------------------------


@needs_chromium
def test_export_app_is_one_offline_file_with_the_same_screen(
    lep: Callable[..., Any], tmp_path: Path, page: Any
) -> None:
    out = tmp_path / "field.html"
    run = lep("export", "app", "--lang", "es,arabic", "-o", str(out), "--json")
    assert run.exit_code == 0, run.stderr
    info = run.json()
    assert info["languages"] == ["es", "ar"] and info["withheld"] > 0
    html = out.read_text(encoding="utf-8")
    assert "/static/" not in html and "http://" not in html.split('id="lep-data"')[0]
    assert "default-src 'none'" in html  # the file itself forbids every network request
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready='1']")
    assert page.get_by_role("button", name="العربية").count() == 1
    page.get_by_role("button", name="español").first.click()
    box = page.get_by_role("textbox", name="Say")
    box.press_sequentially("are you hurt", delay=10)
    page.wait_for_selector("#results button[data-id='medical.are_you_hurt']")
    page.locator("#results button[data-id='medical.are_you_hurt']").click()
    want = _book().translation("medical.are_you_hurt", "es").text
    page.wait_for_function("() => document.getElementById('person-text').textContent.length > 0")
    assert page.locator("#person-text").inner_text() == want
    page.get_by_role("button", name=_book().translation("yesno.yes", "es").text, exact=True).click()
    page.wait_for_selector("#heard .item")
    assert page.locator("#heard .item").first.inner_text() == "Person: Yes."
    # a legal draft is not in the file at all: the person gets the interpreter sentence
    draft = _book().translation("legal.right_to_remain_silent", "es").text
    assert draft not in html
    box.fill("right to remain silent")
    page.wait_for_selector("#results button[data-id='legal.right_to_remain_silent']")
    page.locator("#results button[data-id='legal.right_to_remain_silent']").click()
    page.wait_for_selector("#officer-answer .status.legal")
    assert page.locator("#person-text").inner_text() == "Un intérprete nos ayudará con esto. Por favor, espere."
    assert all(u.startswith(("file:", "data:", "blob:")) for u in requests)


def test_export_app_without_interpreter_lines_leaves_out_pins(lep: Callable[..., Any], tmp_path: Path) -> None:
    out = tmp_path / "field.html"
    assert lep("export", "app", "--lang", "es", "-o", str(out), "--no-interpreter").exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "CHSO-4471" not in html and "Do not use children, relatives or bystanders" in html
    assert lep("export", "app", "--lang", "es", "-o", str(out)).exit_code == 9
    with_lines = lep("export", "app", "--lang", "es", "-o", str(out), "--force")
    assert with_lines.exit_code == 0 and "CHSO-4471" in out.read_text(encoding="utf-8")

"""The local web server of `lep talk` (Starlette on uvicorn, from the optional ``talk`` extra).

Security model (README, "lep talk: the encounter screen"):
- binds 127.0.0.1 only, on a random free port (or ``--port``);
- a random token (``secrets.token_urlsafe``) is required on every request: in the opened URL the
  first time, then in an HttpOnly, SameSite=Strict cookie named for the port;
- the Host header must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding), a POST must come
  from the page itself (Origin / Sec-Fetch-Site), and bodies are capped at 64 KB;
- a strict Content-Security-Policy (default-src 'self', no inline script), no CORS headers,
  ``Cache-Control: no-store`` and ``Referrer-Policy: no-referrer`` on everything;
- uvicorn's access log is off and its loggers are silenced: no request line, query or body is
  written anywhere. Typed text reaches disk only through ``--record FILE`` (mode 0600).
"""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import os
import secrets
import socket
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from lepcli.errors import BadInput, LepError, Unavailable

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 64 * 1024
COOKIE_PREFIX = "lep_talk_"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def require_extra() -> None:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise Unavailable(
            "lep talk needs the optional 'talk' extra (a small local web server)",
            hint="install it: pip install 'lepcli[talk]'",
        ) from None


class Guard:
    """ASGI middleware: Host check, token check, security headers. Runs before any route."""

    def __init__(self, app: ASGIApp, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.port = port
        self.cookie = f"{COOKIE_PREFIX}{port}"
        self.hosts = {f"127.0.0.1:{port}".encode(), f"localhost:{port}".encode()}
        self.origins = {b"http://" + h for h in self.hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # no websockets, no lifespan
        headers = _headers(scope)
        if headers.get(b"host") not in self.hosts:
            await _plain(send, 421, "wrong host: open the address lep talk printed")
            return
        query_token = _query_token(scope)
        cookie_ok = self._cookie_ok(headers.get(b"cookie", b""))
        entry = query_token is not None and hmac.compare_digest(query_token, self.token)
        if not (cookie_ok or (entry and scope["method"] == "GET")):
            await _plain(send, 403, "this page needs the link lep talk printed (it holds a one-time token)")
            return
        if scope["method"] != "GET":
            origin = headers.get(b"origin")
            site = headers.get(b"sec-fetch-site")
            if (origin is not None and origin not in self.origins) or site not in (None, b"same-origin"):
                await _plain(send, 403, "requests must come from the lep talk page itself")
                return
        set_cookie = entry and not cookie_ok

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                hdrs = [(k, v) for k, v in message.get("headers", []) if not k.lower().startswith(b"access-control-")]
                hdrs.extend(SECURITY_HEADERS)
                if set_cookie:
                    hdrs.append(
                        (
                            b"set-cookie",
                            f"{self.cookie}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode(),
                        )
                    )
                message["headers"] = hdrs
            await send(message)

        await self.app(scope, receive, send_secure)

    def _cookie_ok(self, raw: bytes) -> bool:
        from http.cookies import CookieError, SimpleCookie

        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(raw.decode("latin-1"))
        except CookieError:
            return False
        morsel = jar.get(self.cookie)
        return morsel is not None and hmac.compare_digest(morsel.value, self.token)


def _headers(scope: Scope) -> dict[bytes, bytes]:
    out: dict[bytes, bytes] = {}
    for k, v in scope.get("headers", []):
        key = k.lower()
        out[key] = out[key] + b"; " + v if key == b"cookie" and key in out else v
    return out


def _query_token(scope: Scope) -> str | None:
    from urllib.parse import parse_qs

    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[0] if values else None


async def _plain(send: Send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})


# -- the routes ------------------------------------------------------------------------------------


class Handlers:
    """The page's API: each handler reads a small JSON body and calls one ``talk.session`` function."""

    def __init__(self, recorder: Any = None) -> None:
        self.recorder = recorder  # talk.record.Recorder | None

    def record(self, event: str, language: str | None, **data: Any) -> None:
        if self.recorder is not None:
            from lepcli.talk.session import Event

            self.recorder.write(Event(event, language, data).to_json())

    def languages(self, _body: dict[str, Any]) -> Any:
        from lepcli.talk import session

        return {"tiles": session.language_tiles()}

    def language(self, body: dict[str, Any]) -> Any:
        from lepcli.talk import session

        code = session.resolve_language(_text(body, "query", limit=100))
        screen = session.language_screen(code)
        self.record("language", screen["language"]["code"], name=screen["language"]["name"])
        return screen

    def search(self, body: dict[str, Any]) -> Any:
        from lepcli.talk import session

        return session.search(_text(body, "text"), _code(body))

    def say(self, body: dict[str, Any]) -> Any:
        from lepcli.talk import session

        return self._shown(session.say(_text(body, "text"), _code(body)))

    def show(self, body: dict[str, Any]) -> Any:
        from lepcli.talk import session

        return self._shown(session.show(_text(body, "id", limit=200), _code(body)))

    def _shown(self, result: dict[str, Any]) -> Any:
        phrase = result.get("phrase") or {}
        person = result.get("person") or {}
        if result["kind"] == "shown":
            self.record(
                "shown",
                person.get("lang"),
                phrase_id=phrase.get("id"),
                english=phrase.get("english"),
                text=person.get("text"),
                status=person.get("status"),
                tier=result["officer"].get("tier"),
            )
        elif result["kind"] == "withheld":
            line = (result.get("call") or {}).get("line") or {}
            self.record(
                "withheld",
                person.get("lang"),
                phrase_id=phrase.get("id"),
                english=phrase.get("english"),
                line=line.get("name"),
            )
        return result

    def reply(self, body: dict[str, Any]) -> Any:
        from lepcli.talk import session

        typed = _text(body, "text")
        code = _code(body)
        result = session.reply(typed, code)
        self.record("reply", code, typed=typed, english=result.get("english"), sure=result.get("sure"))
        return result

    def tap(self, body: dict[str, Any]) -> Any:
        from lepcli.talk import session

        code = _code(body)
        result = session.tap(_text(body, "kind", limit=20), _text(body, "value", limit=200), code)
        self.record("answer", code, kind=result["kind"], value=result["value"], english=result["english"])
        return result

    def unknown(self, _body: dict[str, Any]) -> Any:
        from lepcli.talk import session

        result = session.call_info("und", identify=True)
        self.record("interpreter", None, line=(result.get("line") or {}).get("name"), why="language not listed")
        return result

    def interpreter(self, body: dict[str, Any]) -> Any:
        from lepcli.talk import session

        code = session.book_code(_code(body))
        result = session.call_info(code)
        self.record("interpreter", code, line=(result.get("line") or {}).get("name"))
        return result


def _text(body: dict[str, Any], key: str, *, limit: int = 5_000) -> str:
    from lepcli.text import typed

    value = body.get(key)
    if not isinstance(value, str):
        raise BadInput(f"missing {key}")
    return typed.vet(value, what=key, max_chars=limit)


def _code(body: dict[str, Any]) -> str:
    from lepcli import languages

    value = _text(body, "lang", limit=40)
    return languages.get(value).code


def build_app(token: str, port: int, recorder: Any = None) -> ASGIApp:
    """The Starlette app wrapped in the Guard."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    handlers = Handlers(recorder)
    index = (STATIC / "index.html").read_bytes()

    async def read_json(request: Request) -> dict[str, Any]:
        size = request.headers.get("content-length")
        if size is not None and (not size.isdigit() or int(size) > MAX_BODY):
            raise BadInput(f"request too large (over {MAX_BODY // 1024} KB)")
        chunks, total = [], 0
        async for chunk in request.stream():
            total += len(chunk)
            if total > MAX_BODY:
                raise BadInput(f"request too large (over {MAX_BODY // 1024} KB)")
            chunks.append(chunk)
        from lepcli.text import typed

        raw = typed.vet_bytes(b"".join(chunks) or b"{}", what="request")
        try:
            data = json.loads(raw)
        except ValueError:
            raise BadInput("request is not JSON") from None
        if not isinstance(data, dict):
            raise BadInput("request is not a JSON object")
        return data

    def api(fn: Callable[[dict[str, Any]], Any]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            try:
                body = await read_json(request)
                # Domain calls run on the event loop, one at a time: the phrasebook caches are not
                # shared between threads, and one officer's page sends one request at a time.
                return JSONResponse(fn(body))
            except LepError as exc:
                status = 404 if exc.exit_code == 4 else 400
                return JSONResponse({"error": type(exc).__name__, "message": exc.message, "hint": exc.hint}, status)
            except Exception as exc:  # never a traceback with typed text in it
                return JSONResponse({"error": "internal", "message": f"internal error ({type(exc).__name__})"}, 500)

        return endpoint

    async def page(request: Request) -> Response:
        return Response(index, media_type="text/html; charset=utf-8")

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        path = STATIC / name
        if "/" in name or name.startswith(".") or path.suffix not in STATIC_TYPES or not path.is_file():
            return PlainTextResponse("not found", 404)
        return Response(path.read_bytes(), media_type=STATIC_TYPES[path.suffix])

    async def audio(request: Request) -> Response:
        from lepcli import speech
        from lepcli.talk import session

        try:
            body = await read_json(request)
            code = session.book_code(_code(body))
            pid = body.get("id") if isinstance(body.get("id"), str) else None
            text = _text(body, "text", limit=speech.MAX_TEXT)
            if pid is not None:
                # A phrase is spoken only as lepcli would show it: a withheld legal draft never is.
                spoken = session.speakable(pid, code)
                if spoken is None:
                    return JSONResponse({"error": "Refused", "message": "legal content: withheld"}, 403)
                text = spoken
            found = speech.audio_for(code, pid, text)
        except LepError as exc:
            return JSONResponse({"error": type(exc).__name__, "message": exc.message, "hint": exc.hint}, 400)
        if found is None:
            return JSONResponse({"error": "NoAudio", "message": "no recording and no computer voice"}, 404)
        return Response(found.data, media_type=found.mime, headers={"x-audio-source": found.source})

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
        Route("/api/audio", audio, methods=["POST"]),
    ]
    for name in ("languages", "language", "search", "say", "show", "reply", "tap", "unknown", "interpreter"):
        routes.append(Route(f"/api/{name}", api(getattr(handlers, name)), methods=["POST"]))
    app = Starlette(routes=routes)
    return Guard(app, token, port)


# -- running -------------------------------------------------------------------------------------


def bind(port: int = 0) -> socket.socket:
    """A listening socket on 127.0.0.1 (never another interface); port 0 = a random free port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise Unavailable(
            f"port {port} on 127.0.0.1 is in use ({exc.strerror})",
            hint="leave out --port to use a random free port",
        ) from None
    sock.listen(16)
    sock.set_inheritable(True)
    return sock


@contextlib.contextmanager
def single_instance(lock_file: Path) -> Any:
    """Refuse a second `lep talk` of the same user (one screen, one record)."""
    import fcntl

    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            other = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            raise Unavailable(
                f"lep talk is already running ({other or 'another process'})",
                hint="use its window, or stop it with Ctrl-C in its terminal first",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        yield
    finally:
        os.close(fd)


class TalkServer:
    """One running screen: socket, token, app. ``run()`` blocks; ``stop()`` ends it from another thread."""

    def __init__(self, *, port: int = 0, recorder: Any = None) -> None:
        require_extra()
        import uvicorn

        self.sock = bind(port)
        self.port = self.sock.getsockname()[1]
        self.token = secrets.token_urlsafe(32)
        self.app = build_app(self.token, self.port, recorder)
        for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
            logger = logging.getLogger(name)
            logger.handlers = [logging.NullHandler()]
            logger.propagate = False
            logger.disabled = True
        config = uvicorn.Config(
            self.app,
            log_config=None,
            access_log=False,
            log_level="critical",
            lifespan="off",
            http="h11",
            ws="none",
            loop="asyncio",
            interface="asgi3",
            server_header=False,
            date_header=False,
            proxy_headers=False,
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(config)
        self.ready = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def run(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.sock.close()

    def start_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, name="lep-talk", daemon=True)
        thread.start()
        return thread

    @property
    def started(self) -> bool:
        return bool(self.server.started)

    def stop(self) -> None:
        self.server.should_exit = True


def open_in_browser(url: str) -> Callable[[], None] | None:
    """Open the page without putting the token on a command line other users can read (/proc):
    the browser gets a private file (mode 0600) that forwards to the URL; it is removed soon after."""
    import tempfile
    import webbrowser

    folder = Path(tempfile.mkdtemp(prefix="lep-talk-"))
    page = folder / "open.html"
    html = (
        '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url='
        + url.replace("&", "&amp;").replace('"', "&quot;")
        + '"><title>lep talk</title><p>Opening lep talk…</p>'
    )
    fd = os.open(page, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(html)
    try:
        opened = webbrowser.open(page.as_uri())
    except Exception:
        opened = False

    def cleanup() -> None:
        with contextlib.suppress(OSError):
            page.unlink()
            folder.rmdir()

    timer = threading.Timer(20.0, cleanup)
    timer.daemon = True
    timer.start()
    if not opened:
        cleanup()
        return None
    return cleanup

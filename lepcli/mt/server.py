"""The optional agency-scale tier: a LibreTranslate server named in the agency file (off by default).

LibreTranslate (https://github.com/LibreTranslate/LibreTranslate) is the self-hosted server that runs
Argos models. Its API, as documented there (lepcli uses only this call): ``POST /translate`` with a JSON body
``{"q": text or [texts], "source": "en", "target": "es", "format": "text", "api_key": "..."}``
answers ``{"translatedText": text or [texts]}``; errors are ``{"error": "..."}`` with 400 (bad
request, unsupported language), 403 (API key), 429 (rate limit) or 500.

Only ``lepcli.mt.translate_labelled`` calls this, after its caller has kept legal-risk text away
(the legal gate runs first). The text is never logged, cached or put in a message, and neither is
the server's error text (it may quote the request). Any failure raises ServerFailed with a short
reason, and the caller falls back to the local model, then to the interpreter line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from lepcli.mt.config import MTConfig
from lepcli.mt.installed import argos_code

MAX_REPLY_BYTES = 4 << 20


class ServerFailed(Exception):
    """The server could not be used for this request; ``reason`` is safe to show (no text in it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _opener() -> Any:
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None  # a redirect could send the text somewhere the agency did not name

    return urllib.request.build_opener(NoRedirect)


def translate(config: MTConfig, texts: Sequence[str], source: str, target: str) -> list[str]:
    """Translate with the configured server; one output per input. Raises ServerFailed."""
    import urllib.error
    import urllib.request

    if not config.server:
        raise ServerFailed("no server configured")
    body: dict[str, Any] = {
        "q": list(texts),
        "source": argos_code(source),
        "target": argos_code(target),
        "format": "text",
    }
    if config.api_key_env:
        key = os.environ.get(config.api_key_env, "")
        if not key:
            raise ServerFailed(f"the API key variable {config.api_key_env} is not set")
        body["api_key"] = key
    request = urllib.request.Request(
        config.server.rstrip("/") + "/translate",
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with _opener().open(request, timeout=config.timeout) as response:
            raw: bytes = response.read(MAX_REPLY_BYTES + 1)
            status = response.status
    except urllib.error.HTTPError as exc:
        raise ServerFailed(_http_reason(exc.code)) from None
    except TimeoutError:
        raise ServerFailed(f"no answer within {config.timeout:g} s") from None
    except Exception as exc:  # URLError, connection refused, TLS, a blocked socket: all "unreachable"
        reason = getattr(exc, "reason", None)
        if isinstance(reason, TimeoutError):
            raise ServerFailed(f"no answer within {config.timeout:g} s") from None
        raise ServerFailed(f"unreachable ({type(reason or exc).__name__})") from None
    if status != 200:
        raise ServerFailed(_http_reason(status))
    if len(raw) > MAX_REPLY_BYTES:
        raise ServerFailed("the answer is too large")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ServerFailed("the answer is not JSON") from None
    out = data.get("translatedText") if isinstance(data, dict) else None
    if isinstance(out, str) and len(texts) == 1:
        out = [out]
    if not isinstance(out, list) or len(out) != len(texts) or not all(isinstance(t, str) for t in out):
        raise ServerFailed("the answer is not a LibreTranslate translation")
    return out


def _http_reason(code: int) -> str:
    return {
        400: "refused the request (HTTP 400: language pair not offered?)",
        403: "refused the API key (HTTP 403)",
        429: "is rate-limiting (HTTP 429)",
    }.get(code, f"failed (HTTP {code})")

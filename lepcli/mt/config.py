"""The agency's machine-translation settings: the ``machine_translation:`` key of language_lines.yaml.

```yaml
machine_translation:
  server: https://mt.example.org      # optional: a LibreTranslate server (off when absent)
  name: County MT server              # shown in the MACHINE label (default: the server's host)
  api_key_env: LEP_MT_API_KEY         # optional: environment variable holding its API key
  timeout: 4                          # seconds per request, 0.5-30 (default 4)
  required_versions:                  # optional: model versions every laptop must run
    en->es: "1.9"
  index: /mnt/share/argos/index.json  # optional: default for `lep models available`
```

The lines file itself belongs to lepcli.agency; this module only reads its own key (the file is
located the same way, ``paths.lines_file``) so that a broken key never breaks interpreter lines,
and a broken lines file never stops local machine translation (it just means "no server").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lepcli import paths
from lepcli.errors import ConfigError, LepError

KEY = "machine_translation"
FIELDS = ("server", "name", "api_key_env", "timeout", "required_versions", "index")
DEFAULT_TIMEOUT = 4.0
_LOOPBACK = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class MTConfig:
    file: str
    server: str | None = None
    name: str | None = None
    api_key_env: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    required_versions: dict[str, str] = field(default_factory=dict)
    index: str | None = None

    @property
    def server_name(self) -> str:
        return self.name or urlsplit(self.server or "").hostname or "MT server"


def problems(value: Any) -> list[tuple[str, str]]:
    """(field, message) for each problem in a ``machine_translation`` value (used by the schema too)."""
    if not isinstance(value, dict):
        return [("", "must be a mapping (server:, api_key_env:, timeout:, required_versions:)")]
    found: list[tuple[str, str]] = []
    for key in value:
        if key not in FIELDS:
            found.append((str(key), f"unknown field (known: {', '.join(FIELDS)})"))
    server = value.get("server")
    if server is not None:
        if not isinstance(server, str) or len(server) > 300:
            found.append(("server", "must be a URL such as https://mt.example.org"))
        else:
            parts = urlsplit(server)
            if parts.scheme not in ("https", "http") or not parts.hostname:
                found.append(("server", "must be a URL such as https://mt.example.org"))
            elif parts.scheme == "http" and parts.hostname not in _LOOPBACK:
                found.append(("server", "must use https:// (typed text must not cross a network unencrypted)"))
            elif parts.username or parts.password or parts.query or parts.fragment:
                found.append(("server", "no user name, password, query or #fragment in the URL (use api_key_env)"))
    for name in ("name", "api_key_env", "index"):
        item = value.get(name)
        if item is not None and (not isinstance(item, str) or not item.strip() or len(item) > 300):
            found.append((name, "must be a short text"))
    env = value.get("api_key_env")
    if isinstance(env, str) and not env.replace("_", "").isalnum():
        found.append(("api_key_env", "must be an environment variable name such as LEP_MT_API_KEY"))
    timeout = value.get("timeout")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0.5 <= timeout <= 30
    ):
        found.append(("timeout", "must be a number of seconds from 0.5 to 30"))
    required = value.get("required_versions")
    if required is not None:
        if not isinstance(required, dict):
            found.append(("required_versions", "must map a pair to a version, e.g. en->es: \"1.9\""))
        else:
            from lepcli.mt.archive import parse_pair

            for pair, version in required.items():
                try:
                    parse_pair(str(pair))
                except LepError:
                    found.append((f"required_versions.{pair}", "not a language pair (write it like en->es)"))
                if not isinstance(version, str) or not version.strip():
                    # unquoted, YAML reads 1.10 as the number 1.1
                    found.append((f"required_versions.{pair}", "must be a quoted version such as \"1.9\""))
    return found


def load() -> MTConfig | None:
    """The agency's settings, or None when the key is absent; ConfigError (file:line) when it is wrong."""
    path, _source = paths.lines_file()
    try:
        st = path.stat()
    except OSError:
        return None
    return _load(path, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def load_quietly() -> tuple[MTConfig | None, str | None]:
    """(settings, problem): machine translation carries on without a server when the key is broken."""
    try:
        return load(), None
    except LepError as exc:
        return None, exc.message


@functools.lru_cache(maxsize=4)
def _load(path: Path, size: int, mtime_ns: int, ctime_ns: int) -> MTConfig | None:
    if path == paths.packaged_lines_file():
        return None  # the shipped example configures no server
    from lepcli.files import yamldoc

    doc = yamldoc.load(path)
    data = doc.data
    if not isinstance(data, dict) or data.get(KEY) is None:
        return None
    value = data[KEY]
    found = problems(value)
    if found:
        where, message = found[0]
        key = (KEY, *where.split(".")) if where else (KEY,)
        raise ConfigError(
            message,
            file=str(path),
            line=doc.line(*key),
            field=".".join(key),
            hint=f"run `lep config check {path}`",
        )
    from lepcli.mt.archive import parse_pair

    required = {}
    for pair, version in (value.get("required_versions") or {}).items():
        source, target = parse_pair(str(pair))
        required[f"{source}->{target}"] = str(version)
    return MTConfig(
        file=str(path),
        server=value.get("server"),
        name=value.get("name"),
        api_key_env=value.get("api_key_env"),
        timeout=float(value.get("timeout", DEFAULT_TIMEOUT)),
        required_versions=required,
        index=value.get("index"),
    )

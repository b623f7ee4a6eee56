"""Load YAML safely and remember where each value came from, for file:line:field messages."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lepcli.errors import ConfigError

MAX_YAML_BYTES = 20 * 1024 * 1024

Key = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """Parsed data plus the 1-based line of every mapping key and sequence item."""

    path: Path
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)
    duplicates: list[tuple[Key, int]] = field(default_factory=list)  # keys given twice in one mapping

    def line(self, *key: str | int) -> int | None:
        """Line of the deepest known prefix of ``key``."""
        probe: Key = tuple(key)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)

    def error(self, message: str, *key: str | int, hint: str | None = None) -> ConfigError:
        field_name = ".".join(str(k) for k in key) if key else None
        return ConfigError(message, file=str(self.path), line=self.line(*key), field=field_name, hint=hint)


def _loader() -> type:
    import yaml

    loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def load(path: Path, *, required: bool = True) -> YamlDoc:
    """Parse ``path`` with the safe loader; every failure is a ConfigError naming the file and line."""
    import yaml

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError("file not found", file=str(path)) from None
    except IsADirectoryError:
        raise ConfigError("is a folder, not a YAML file", file=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", file=str(path)) from None
    if len(raw) > MAX_YAML_BYTES:
        raise ConfigError(f"file is too large ({len(raw) // 1024 // 1024} MB)", file=str(path))
    if b"\x00" in raw:
        raise ConfigError("binary data, not YAML", file=str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError("not valid UTF-8", file=str(path), line=bad_line) from None
    try:
        node = yaml.compose(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        where = mark.line + 1 if mark is not None else None
        raise ConfigError(f"invalid YAML: {problem}", file=str(path), line=where) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", file=str(path)) from None
    if node is None:
        if required:
            raise ConfigError("file is empty", file=str(path), line=1)
        return YamlDoc(path, None, {(): 1})
    lines: dict[Key, int] = {(): node.start_mark.line + 1}
    duplicates: list[tuple[Key, int]] = []
    _index(node, (), lines, duplicates)
    try:
        data = _construct(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            f"invalid YAML: {getattr(exc, 'problem', exc)}",
            file=str(path),
            line=mark.line + 1 if mark is not None else None,
        ) from None
    return YamlDoc(path, data, lines, duplicates)


def _index(node: Any, key: Key, lines: dict[Key, int], duplicates: list[tuple[Key, int]]) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for k_node, v_node in node.value:
            sub = (*key, str(k_node.value))
            if sub in lines:
                duplicates.append((sub, k_node.start_mark.line + 1))
            else:
                lines[sub] = k_node.start_mark.line + 1
            _index(v_node, sub, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = (*key, i)
            lines.setdefault(sub, item.start_mark.line + 1)
            _index(item, sub, lines, duplicates)


@functools.cache
def _tolerant_loader() -> type:
    """The safe loader, except that a date or number Python cannot hold (2026-02-30, year 0, an
    integer of 5,000 digits) stays the text it was written as, so the checker of that field reports
    it with file:line:field and skips the entry, instead of the whole file failing."""
    base = _loader()

    def keep_text(method: Any) -> Any:
        def construct(self: Any, node: Any) -> Any:
            try:
                return method(self, node)
            except (ValueError, OverflowError):
                return str(node.value)

        return construct

    tolerant: type = type("TolerantLoader", (base,), {})
    tolerant.add_constructor(  # type: ignore[attr-defined]
        "tag:yaml.org,2002:timestamp",
        keep_text(base.construct_yaml_timestamp),  # type: ignore[attr-defined]
    )
    tolerant.add_constructor(  # type: ignore[attr-defined]
        "tag:yaml.org,2002:int",
        keep_text(base.construct_yaml_int),  # type: ignore[attr-defined]
    )
    return tolerant


def _construct(node: Any) -> Any:
    loader = _tolerant_loader()("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()

"""Load YAML safely and remember where each value came from, for file:line:field messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lepcli.errors import ConfigError
from lepcli.files import reading

MAX_YAML_BYTES = reading.MAX_CONFIG_BYTES
MAX_DEPTH = 50  # nesting of mappings/sequences; agency files need about 6
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"

Key = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """Parsed data plus the 1-based line of every mapping key and sequence item."""

    path: Path
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)
    duplicates: list[tuple[Key, int]] = field(default_factory=list)  # keys given twice in one mapping
    # values YAML would have made a date or an integer but cannot (2026-02-30, 4,300+ digits): they are
    # kept as the text written, and listed here as (key, line, message) for field errors
    invalid: list[tuple[Key, int, str]] = field(default_factory=list)

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
    return parse(path, reading.read_config(path), required=required)


def parse(path: Path, raw: bytes, *, required: bool = True) -> YamlDoc:
    """Parse the bytes read from ``path`` (see :func:`load`).

    Refused as a whole (ConfigError with file:line): aliases (``*name``, merge keys; agency files
    need none, and a few hundred bytes of them expand to gigabytes), nesting deeper than MAX_DEPTH,
    invalid YAML or UTF-8. A value that cannot be a date or an integer stays text and is listed in
    ``YamlDoc.invalid``, so the entry holding it, not the file, is at fault.
    """
    import yaml

    if len(raw) > MAX_YAML_BYTES:
        limit = reading.megabytes(MAX_YAML_BYTES)
        raise ConfigError(f"file is too large ({reading.megabytes(len(raw))}; the limit is {limit})", file=str(path))
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ConfigError("the file is UTF-16 text", file=str(path), line=1, hint="save it as UTF-8")
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
    except yaml.reader.ReaderError as exc:  # a control character: the reader gives only a position
        line = text[: max(exc.position, 0)].count("\n") + 1
        problem = f"invalid YAML: control character U+{_codepoint(exc.character):04X} is not allowed"
        raise ConfigError(problem, file=str(path), line=line) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", file=str(path)) from None
    except RecursionError:
        raise ConfigError(f"nested too deeply (more than {MAX_DEPTH} levels)", file=str(path)) from None
    if node is None:
        if required:
            raise ConfigError("file is empty", file=str(path), line=1)
        return YamlDoc(path, None, {(): 1})
    doc = YamlDoc(path, None, {(): node.start_mark.line + 1})
    _Indexer(doc).walk(node)
    try:
        doc.data = _construct(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            f"invalid YAML: {getattr(exc, 'problem', exc)}",
            file=str(path),
            line=mark.line + 1 if mark is not None else None,
        ) from None
    except (ValueError, OverflowError, RecursionError) as exc:  # a constructor PyYAML does not guard
        raise ConfigError(f"invalid value ({type(exc).__name__})", file=str(path)) from None
    return doc


class _Indexer:
    """Records the line of every key and item; refuses aliases and deep nesting; vets ints and dates."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.checker: Any = None

    def walk(self, root: Any) -> None:
        import yaml

        mapping, sequence = yaml.MappingNode, yaml.SequenceNode
        lines, duplicates = self.doc.lines, self.doc.duplicates
        stack: list[tuple[Any, Key]] = [(root, ())]
        while stack:
            node, key = stack.pop()
            self.seen.add(id(node))
            if len(key) > MAX_DEPTH:
                raise self.doc.error(f"nested too deeply (more than {MAX_DEPTH} levels)", *key[:3], "...")
            if isinstance(node, mapping):
                children = []
                for k_node, v_node in node.value:
                    if id(k_node) in self.seen or not isinstance(k_node, yaml.ScalarNode):
                        raise self.doc.error("a key must be plain text, not an alias, list or mapping", *key)
                    self.seen.add(id(k_node))
                    sub = (*key, str(k_node.value))
                    if k_node.tag in (_INT, _TIMESTAMP):
                        self._vet(k_node, sub)
                    if sub in lines:
                        duplicates.append((sub, k_node.start_mark.line + 1))
                    else:
                        lines[sub] = k_node.start_mark.line + 1
                    if id(v_node) in self.seen:
                        raise self._alias(sub)
                    children.append((v_node, sub))
                stack.extend(reversed(children))
            elif isinstance(node, sequence):
                children = []
                for i, item in enumerate(node.value):
                    if id(item) in self.seen:
                        raise self._alias(key)
                    sub = (*key, i)
                    lines.setdefault(sub, item.start_mark.line + 1)
                    children.append((item, sub))
                stack.extend(reversed(children))
            elif node.tag in (_INT, _TIMESTAMP):
                self._vet(node, key)

    def _alias(self, key: Key) -> ConfigError:
        # The composer hands back the anchored node itself for *name: a node met twice is an alias.
        return self.doc.error("aliases (*name) and merge keys (<<) are not allowed in lepcli files", *key)

    def _vet(self, node: Any, key: Key) -> None:
        if self.checker is None:
            from yaml.constructor import SafeConstructor

            self.checker = SafeConstructor()
        try:
            if node.tag == _INT:
                self.checker.construct_yaml_int(node)
            else:
                self.checker.construct_yaml_timestamp(node)
        except (ValueError, OverflowError, TypeError):
            what = "not a number lepcli can read (too many digits)" if node.tag == _INT else "not a real date"
            self.doc.invalid.append((key, node.start_mark.line + 1, what))
            node.tag = _STR  # constructed as the text that was written


def _codepoint(character: Any) -> int:
    return character if isinstance(character, int) else ord(str(character)[:1] or "\0")


def _construct(node: Any) -> Any:
    # Dates and integers Python cannot hold were re-tagged as text by _Indexer._vet: the plain safe
    # loader constructs the rest.
    loader = _loader()("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()

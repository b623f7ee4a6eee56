"""Results to JSON, in one place: a result's JSON is its fields, converted all the way down.

Every result is a dataclass or a NamedTuple; :func:`to_json` turns it into plain JSON data: its fields
in order (nested results, lists, tuples, dicts, paths and dates converted too). What a result shows
differently from what it holds is declared once, beside the class, with :func:`shape`:

    @jsonable.shape(skip=("file", "line"), rename={"model_text": "models_text"}, extra=("label",))
    class Translation(NamedTuple): ...

``skip``: fields kept out of the JSON; ``rename``: field -> key; ``extra``: more keys after the fields,
each an attribute or property of the same name, ``(key, "dotted.attribute")`` or ``(key, function of
the object)``; ``convert``: field -> function applied to its value (rounding); ``order``: keys that come
first, in that order (where a test or a user's script reads the order), the others after them. An object with its own
``to_json()`` (an error, a result whose JSON is not its fields) is asked for it; ``to_json = jsonable.method``
gives a result that method for code that still calls ``result.to_json()``, answered from the declaration.
Keys are pinned by tests/test_json_contract.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any, TypeVar

T = TypeVar("T")
Getter = Callable[[Any], Any]

_SPECS: dict[type, list[tuple[str, Getter]]] = {}
_DECLARED: dict[type, dict[str, Any]] = {}


def shape(
    *,
    skip: Iterable[str] = (),
    rename: dict[str, str] | None = None,
    extra: Iterable[str | tuple[str, str | Getter]] = (),
    convert: dict[str, Getter] | None = None,
    order: Iterable[str] = (),
) -> Callable[[type[T]], type[T]]:
    """Declare how a result class differs from its fields in JSON (see the module doc)."""

    def register(cls: type[T]) -> type[T]:
        _DECLARED[cls] = {"skip": frozenset(skip), "rename": rename or {}, "extra": tuple(extra),
                          "convert": convert or {}, "order": tuple(order)}  # fmt: skip
        _SPECS.pop(cls, None)
        return cls

    return register


def _getter(name: str, convert: Getter | None = None) -> Getter:
    """``name`` may be dotted: "phrase.id" is the id of the result's phrase."""
    first, *rest = name.split(".")

    def get(obj: Any) -> Any:
        value = getattr(obj, first)
        for part in rest:
            value = None if value is None else getattr(value, part)
        return value if convert is None else convert(value)

    return get


def _spec(cls: type) -> list[tuple[str, Getter]]:
    found = _SPECS.get(cls)
    if found is not None:
        return found
    skip: set[str] = set()
    rename: dict[str, str] = {}
    convert: dict[str, Getter] = {}
    extra: list[str | tuple[str, str | Getter]] = []
    order: tuple[str, ...] = ()
    for klass in reversed(cls.__mro__):  # a subclass adds to its base's declaration
        declared = _DECLARED.get(klass)
        if declared is not None:
            skip |= declared["skip"]
            rename.update(declared["rename"])
            convert.update(declared["convert"])
            extra.extend(declared["extra"])
            order = declared["order"] or order
    names = [f.name for f in dataclasses.fields(cls)] if dataclasses.is_dataclass(cls) else list(cls._fields)  # type: ignore[attr-defined]
    spec = [(rename.get(n, n), _getter(n, convert.get(n))) for n in names if n not in skip]
    for item in extra:
        if isinstance(item, str):
            spec.append((item, _getter(item, convert.get(item))))
        else:
            key, how = item
            spec.append((key, _getter(how) if isinstance(how, str) else how))
    if order:
        spec.sort(key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    _SPECS[cls] = spec
    return spec


def to_json(obj: Any) -> Any:
    """Plain JSON data (dict, list, str, int, float, bool, None) for a result and all it holds."""
    if obj is None or isinstance(obj, str | int | float):
        return obj
    if isinstance(obj, dict):
        return {str(k): to_json(v) for k, v in obj.items()}
    own = getattr(obj, "to_json", None)
    if own is not None and getattr(own, "__func__", None) is not method:
        return to_json(own())
    cls = type(obj)
    if dataclasses.is_dataclass(cls) or (isinstance(obj, tuple) and hasattr(cls, "_fields")):
        return method(obj)
    if isinstance(obj, list | tuple | set | frozenset):
        return [to_json(v) for v in (sorted(obj) if isinstance(obj, set | frozenset) else obj)]
    if isinstance(obj, PurePath):
        return str(obj)
    if hasattr(obj, "isoformat"):  # date, datetime, time
        return obj.isoformat()
    raise TypeError(f"{cls.__name__} has no JSON form")


def method(obj: Any) -> dict[str, Any]:
    """A result's JSON from its fields and declaration; ``to_json = jsonable.method`` makes it its method."""
    return {key: to_json(get(obj)) for key, get in _spec(type(obj))}

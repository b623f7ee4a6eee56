"""Columns a text takes in a terminal: the one width function (plain tables, the grid, the "I speak"
layout, tests). Rich's own ``cell_len`` agrees with it on every shipped phrase."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width

"""Which font draws which text, and where that font lives on this machine.

One Noto face per script (Debian ``fonts-noto-core``), the CJK collection (``fonts-noto-cjk``) with
the face chosen per language (Chinese Simplified/Traditional, Japanese, Korean draw the same
characters differently), Nastaliq for Urdu. Fonts are found at run time: the folders in
``$LEP_FONT_DIRS`` (``os.pathsep``-separated, searched instead of the defaults) or the usual
system folders. A missing font is one clear error naming the package that provides it.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from lepcli.errors import Unavailable
from lepcli.text import scripts

ENV_FONT_DIRS = "LEP_FONT_DIRS"

DEFAULT_FONT_DIRS = (
    "/usr/share/fonts/truetype/noto",  # Debian/Ubuntu fonts-noto-core
    "/usr/share/fonts/opentype/noto",  # Debian/Ubuntu fonts-noto-cjk
    "/usr/share/fonts/noto",  # Arch
    "/usr/share/fonts/google-noto",  # Fedora
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",  # macOS (fonts a user installed from notofonts.github.io)
    "~/Library/Fonts",
)

CORE_PACKAGE = "fonts-noto-core"
CJK_PACKAGE = "fonts-noto-cjk"


@dataclass(frozen=True)
class FontFace:
    """One face: the key used inside a PDF, the CSS family name, and the file that holds it."""

    key: str
    css_family: str
    file: str
    bold_file: str | None = None
    collection_index: int = 0  # face number inside a .ttc collection
    package: str = CORE_PACKAGE
    line_height: float = 1.35  # multiple of the font size a line needs (tall scripts need more)
    scale: float = 1.0  # visual size correction so scripts look about as big as Latin text


def _core(
    key: str, family: str, stem: str, *, bold: bool = True, line_height: float = 1.35, scale: float = 1.0
) -> FontFace:
    return FontFace(
        key=key,
        css_family=family,
        file=f"{stem}-Regular.ttf",
        bold_file=f"{stem}-Bold.ttf" if bold else None,
        line_height=line_height,
        scale=scale,
    )


def _cjk(key: str, region: str, index: int) -> FontFace:
    return FontFace(
        key=key,
        css_family=f"Noto Sans CJK {region}",
        file="NotoSansCJK-Regular.ttc",
        collection_index=index,
        package=CJK_PACKAGE,
        line_height=1.4,
        scale=0.95,
    )


LATIN = _core("sans", "Noto Sans", "NotoSans")

FACES: dict[str, FontFace] = {
    f.key: f
    for f in (
        LATIN,
        _core("naskh", "Noto Naskh Arabic", "NotoNaskhArabic", line_height=1.6, scale=1.12),
        _core("nastaliq", "Noto Nastaliq Urdu", "NotoNastaliqUrdu", line_height=2.2, scale=1.0),
        _core("hebrew", "Noto Sans Hebrew", "NotoSansHebrew"),
        _core("devanagari", "Noto Sans Devanagari", "NotoSansDevanagari", line_height=1.55),
        _core("bengali", "Noto Sans Bengali", "NotoSansBengali", line_height=1.55),
        _core("gurmukhi", "Noto Sans Gurmukhi", "NotoSansGurmukhi", line_height=1.55),
        _core("gujarati", "Noto Sans Gujarati", "NotoSansGujarati", line_height=1.55),
        _core("oriya", "Noto Sans Oriya", "NotoSansOriya", line_height=1.55),
        _core("tamil", "Noto Sans Tamil", "NotoSansTamil", line_height=1.5),
        _core("telugu", "Noto Sans Telugu", "NotoSansTelugu", line_height=1.6),
        _core("kannada", "Noto Sans Kannada", "NotoSansKannada", line_height=1.6),
        _core("malayalam", "Noto Sans Malayalam", "NotoSansMalayalam", line_height=1.5),
        _core("sinhala", "Noto Sans Sinhala", "NotoSansSinhala", line_height=1.55),
        _core("thai", "Noto Sans Thai", "NotoSansThai", line_height=1.6),
        _core("lao", "Noto Sans Lao", "NotoSansLao", line_height=1.6),
        _core("tibetan", "Noto Serif Tibetan", "NotoSerifTibetan", line_height=1.8),
        _core("myanmar", "Noto Sans Myanmar", "NotoSansMyanmar", line_height=1.9),
        _core("khmer", "Noto Sans Khmer", "NotoSansKhmer", line_height=1.75),
        _core("ethiopic", "Noto Sans Ethiopic", "NotoSansEthiopic", line_height=1.45),
        _core("georgian", "Noto Sans Georgian", "NotoSansGeorgian"),
        _core("armenian", "Noto Sans Armenian", "NotoSansArmenian"),
        _core("thaana", "Noto Sans Thaana", "NotoSansThaana", line_height=1.6),
        _core("syriac", "Noto Sans Syriac", "NotoSansSyriac", bold=False, line_height=1.6),
        _core("cherokee", "Noto Sans Cherokee", "NotoSansCherokee"),
        _core("canadian", "Noto Sans Canadian Aboriginal", "NotoSansCanadianAboriginal"),
        _core("tifinagh", "Noto Sans Tifinagh", "NotoSansTifinagh", bold=False),
        _core("nko", "Noto Sans NKo", "NotoSansNKo", bold=False, line_height=1.6),
        _core("adlam", "Noto Sans Adlam", "NotoSansAdlam", line_height=1.5),
        _cjk("cjk-jp", "JP", 0),
        _cjk("cjk-kr", "KR", 1),
        _cjk("cjk-sc", "SC", 2),
        _cjk("cjk-tc", "TC", 3),
    )
}

# ISO 15924 script -> face key (scripts Noto Sans itself covers map to "sans").
SCRIPT_FACE: dict[str, str] = {
    "Latn": "sans",
    "Cyrl": "sans",
    "Grek": "sans",
    "Arab": "naskh",
    "Hebr": "hebrew",
    "Deva": "devanagari",
    "Beng": "bengali",
    "Guru": "gurmukhi",
    "Gujr": "gujarati",
    "Orya": "oriya",
    "Taml": "tamil",
    "Telu": "telugu",
    "Knda": "kannada",
    "Mlym": "malayalam",
    "Sinh": "sinhala",
    "Thai": "thai",
    "Laoo": "lao",
    "Tibt": "tibetan",
    "Mymr": "myanmar",
    "Khmr": "khmer",
    "Ethi": "ethiopic",
    "Geor": "georgian",
    "Armn": "armenian",
    "Thaa": "thaana",
    "Syrc": "syriac",
    "Cher": "cherokee",
    "Cans": "canadian",
    "Tfng": "tifinagh",
    "Nkoo": "nko",
    "Adlm": "adlam",
    "Jpan": "cjk-jp",
    "Kore": "cjk-kr",
    "Hang": "cjk-kr",
    "Hans": "cjk-sc",
    "Hant": "cjk-tc",
}

# Languages whose usual face differs from their script's default.
LANGUAGE_FACE: dict[str, str] = {
    "ur": "nastaliq",  # Urdu readers expect Nastaliq; Naskh reads as Arabic/Persian
    "zh-Hant": "cjk-tc",
    "yue": "cjk-tc",
    "zh-Hans": "cjk-sc",
    "zh": "cjk-sc",
    "ja": "cjk-jp",
    "ko": "cjk-kr",
}

RTL_FACES = frozenset({"naskh", "nastaliq", "hebrew", "thaana", "syriac", "nko", "adlam"})

def char_script(ch: str) -> str | None:
    """The face-choosing script of one character (lepcli.text.scripts, the one table), or None for
    Latin, digits, punctuation and spaces (drawn by Noto Sans). Kana and CJK punctuation/full-width
    forms are drawn by the CJK face of the language."""
    if ord(ch) < 0x0370:
        return None
    script = scripts.block_of(ch)
    if script in (None, "Latn", "Zinh"):
        return None
    if script == "Hira":
        return "Kana"
    if script == scripts.COMMON:
        return "Hani"
    return script


def text_scripts(text: str) -> list[str]:
    """Scripts of the non-Latin letters in ``text``, in order of first appearance."""
    seen: dict[str, None] = {}
    for ch in text:
        if ord(ch) >= 0x0370:
            script = char_script(ch)
            if script is not None:
                seen.setdefault(script, None)
    return list(seen)


def _cjk_face(language: str | None, scripts: list[str]) -> str:
    if "Hang" in scripts:
        return "cjk-kr"
    if "Kana" in scripts:
        return "cjk-jp"
    if language is not None:
        face = LANGUAGE_FACE.get(language)
        if face is not None and face.startswith("cjk-"):
            return face
        from lepcli import languages

        try:
            script = languages.get(language).script
        except Exception:  # noqa: BLE001  (an unknown code only loses the per-language face)
            script = "Hans"
        if script in ("Hant", "Jpan", "Kore", "Hans"):
            return SCRIPT_FACE[script]
    return "cjk-sc"


def face_key_for(text: str, language: str | None = None) -> str:
    """The face that draws ``text`` (written in ``language``, a lepcli code, when known)."""
    scripts = [s for s in text_scripts(text) if s not in ("Grek", "Cyrl")]
    if not scripts:
        return "sans"
    first = scripts[0]
    if first in ("Hani", "Kana", "Hang"):
        return _cjk_face(language, scripts)
    if first == "Arab" and language is not None and LANGUAGE_FACE.get(language) == "nastaliq":
        return "nastaliq"
    return SCRIPT_FACE.get(first, "sans")


def face_for(text: str, language: str | None = None) -> FontFace:
    return FACES[face_key_for(text, language)]


def face_for_language(code: str, script: str) -> FontFace:
    """The face for a language's usual script (used for CSS classes and headings)."""
    key = LANGUAGE_FACE.get(code) or SCRIPT_FACE.get(script, "sans")
    return FACES[key]


def font_dirs() -> list[Path]:
    env = os.environ.get(ENV_FONT_DIRS)
    raw = env.split(os.pathsep) if env else list(DEFAULT_FONT_DIRS)
    return [Path(d).expanduser() for d in raw if d]


@functools.cache
def _index(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """File name -> first path found (earlier folders win)."""
    found: dict[str, Path] = {}
    for top in dirs:
        if not top.is_dir():
            continue
        for root, _subdirs, files in os.walk(top):
            for name in files:
                if name.endswith((".ttf", ".ttc", ".otf")):
                    found.setdefault(name, Path(root) / name)
    return found


def locate(file: str) -> Path | None:
    dirs = tuple(font_dirs())
    for d in dirs:  # the direct hit is the common case and needs no walk
        candidate = d / file
        if candidate.is_file():
            return candidate
    return _index(dirs).get(file)


def require(face: FontFace, *, bold: bool = False) -> Path:
    """The path of a face's file, or an error naming the Debian package that provides it."""
    file = face.bold_file if bold and face.bold_file else face.file
    path = locate(file)
    if path is None:
        where = os.environ.get(ENV_FONT_DIRS) and f"${ENV_FONT_DIRS}" or "the system font folders"
        raise Unavailable(
            f"font {file} ({face.css_family}) is not installed: not found in {where}",
            hint=f"install the Debian package {face.package}: sudo apt-get install {face.package} "
            "(or run scripts/install-system-deps.sh as root)",
        )
    return path


def css_stack(face: FontFace) -> str:
    """A CSS font-family list naming the Noto family first, then platform fonts for the script."""
    extra = _CSS_EXTRA.get(face.key, ())
    names = [face.css_family, *extra]
    if face.key != "sans":
        names.append("Noto Sans")
    quoted = [f'"{n}"' for n in names]
    return ", ".join([*quoted, "sans-serif"])


_CSS_EXTRA: dict[str, tuple[str, ...]] = {
    "sans": ("Segoe UI", "Helvetica Neue", "Arial"),
    "naskh": ("Noto Sans Arabic", "Geeza Pro", "Segoe UI"),
    "nastaliq": ("Jameel Noori Nastaleeq", "Urdu Typesetting", "Noto Naskh Arabic"),
    "devanagari": ("Nirmala UI", "Kohinoor Devanagari", "Mangal"),
    "bengali": ("Nirmala UI", "Kohinoor Bangla", "Vrinda"),
    "gurmukhi": ("Nirmala UI", "Gurmukhi MN", "Raavi"),
    "gujarati": ("Nirmala UI", "Gujarati Sangam MN", "Shruti"),
    "tamil": ("Nirmala UI", "Tamil Sangam MN", "Latha"),
    "telugu": ("Nirmala UI", "Telugu Sangam MN", "Gautami"),
    "kannada": ("Nirmala UI", "Kannada Sangam MN", "Tunga"),
    "malayalam": ("Nirmala UI", "Malayalam Sangam MN", "Kartika"),
    "sinhala": ("Nirmala UI", "Sinhala Sangam MN", "Iskoola Pota"),
    "thai": ("Leelawadee UI", "Thonburi", "Tahoma"),
    "lao": ("Leelawadee UI", "Lao Sangam MN", "Lao UI"),
    "tibetan": ("Microsoft Himalaya", "Kailasa"),
    "myanmar": ("Myanmar Text", "Myanmar Sangam MN", "Padauk"),
    "khmer": ("Leelawadee UI", "Khmer Sangam MN", "Khmer UI"),
    "ethiopic": ("Ebrima", "Kefa", "Nyala"),
    "georgian": ("Sylfaen", "Helvetica Neue"),
    "armenian": ("Sylfaen", "Helvetica Neue"),
    "hebrew": ("Segoe UI", "Arial Hebrew", "Arial"),
    "cjk-sc": ("Source Han Sans SC", "PingFang SC", "Microsoft YaHei"),
    "cjk-tc": ("Source Han Sans TC", "PingFang TC", "Microsoft JhengHei"),
    "cjk-jp": ("Source Han Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo"),
    "cjk-kr": ("Source Han Sans KR", "Apple SD Gothic Neo", "Malgun Gothic"),
}

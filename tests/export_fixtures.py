"""A small phrasebook in twelve scripts for export tests (fixture text only, not shipped content).

Written as real phrasebook YAML (a packaged folder with en.yaml and draft translations, an agency
folder with the reviewed lines) and loaded through the real loader: no copies of production types.
The phrase ids are real ones from phrasebooks/en.yaml. The sentences were written for rendering
tests and are marked draft (one Spanish legal line is reviewed, in the agency folder).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

if TYPE_CHECKING:
    from lepcli.ispeak import IspeakEntry
    from lepcli.phrasebook import Phrasebook


PHRASES: list[dict[str, Any]] = [
    {"id": "greeting.hello", "text": "Hello.", "category": "greeting", "urgent": True},
    {"id": "greeting.my_name_is", "text": "My name is Officer {name}.", "category": "greeting",
     "notes": "The officer says their own name."},
    {"id": "safety.stop", "text": "Stop!", "category": "safety", "urgent": True},
    {"id": "medical.are_you_hurt", "text": "Are you hurt?", "category": "medical", "urgent": True, "answer": "yesno"},
    {"id": "medical.need_ambulance", "text": "Do you need an ambulance?", "category": "medical", "urgent": True,
     "answer": "yesno"},
    {"id": "legal.right_to_remain_silent", "text": "You have the right to remain silent.", "category": "legal",
     "legal": True},
]  # fmt: skip

CATEGORIES = {
    "greeting": "Greeting and identification",
    "safety": "Safety commands",
    "medical": "Medical emergency and injuries",
    "legal": "Rights, consent and statements (interpreter first)",
}

# lang -> phrase id -> (text, pronunciation, romanization)
TEXT: dict[str, dict[str, tuple[str, str | None, str | None]]] = {
    "es": {
        "greeting.hello": ("Hola.", "OH-lah", None),
        "greeting.my_name_is": ("Soy el oficial {name}.", "soy el oh-fee-SYAHL {name}", None),
        "safety.stop": ("¡Alto!", "AHL-toh", None),
        "medical.are_you_hurt": ("¿Está herido?", "es-TAH eh-REE-doh", None),
        "medical.need_ambulance": ("¿Necesita una ambulancia?", "neh-seh-SEE-tah OO-nah ahm-boo-LAHN-syah", None),
        "legal.right_to_remain_silent": (
            "Tiene derecho a guardar silencio.",
            "TYEH-neh deh-REH-choh ah gwar-DAR see-LEN-syoh",
            None,
        ),
    },
    "ar": {
        "greeting.hello": ("مرحبًا.", "MAR-ha-ban", "marḥaban"),
        "safety.stop": ("قف!", "KIF", "qif"),
        "medical.are_you_hurt": ("هل أنت مصاب؟", "hal AN-ta mu-SAAB", "hal anta muṣāb?"),
        "medical.need_ambulance": ("هل تحتاج إلى سيارة إسعاف؟", "hal tah-TAAJ i-la sa-YYAA-rat is-AAF", None),
        "legal.right_to_remain_silent": ("لديك الحق في التزام الصمت.", "la-DAY-ka al-HAQQ", "ladayka al-ḥaqq"),
    },
    "fa": {
        "greeting.hello": ("سلام.", "sa-LAAM", "salām"),
        "medical.are_you_hurt": ("آیا زخمی شده‌اید؟", "AA-ya zakh-MEE sho-DE-id", "āyā zakhmi shode-id?"),
        "medical.need_ambulance": ("آیا به آمبولانس نیاز دارید؟", "AA-ya be am-bu-LANS ni-YAAZ DAA-rid", None),
    },
    "ur": {
        "greeting.hello": ("السلام علیکم۔", "as-sa-LAAM a-LAI-kum", "as-salām ʿalaikum"),
        "medical.are_you_hurt": ("کیا آپ زخمی ہیں؟", "kya aap ZAKH-mee hain", "kyā āp zakhmī haiñ?"),
    },
    "hi": {
        "greeting.hello": ("नमस्ते।", "na-MAS-tay", "namaste"),
        "medical.are_you_hurt": ("क्या आपको चोट लगी है?", "kyaa AAP-ko chot LA-gee hai", "kyā āpko choṭ lagī hai?"),
        "medical.need_ambulance": ("क्या आपको एम्बुलेंस चाहिए?", "kyaa AAP-ko EM-bu-lens CHAA-hi-ye", None),
    },
    "pa": {
        "medical.are_you_hurt": ("ਕੀ ਤੁਹਾਨੂੰ ਸੱਟ ਲੱਗੀ ਹੈ?", "kee tu-HAA-noo SUTT LUG-gee hai", "kī tuhānū̃ saṭṭ laggī hai?"),
    },
    "bn": {
        "medical.are_you_hurt": ("আপনি কি আহত?", "AAP-ni ki AA-ho-to", "āpni ki āhato?"),
    },
    "am": {
        "greeting.hello": ("ሰላም።", "se-LAAM", "sälam"),
        "medical.are_you_hurt": ("ተጎድተዋል?", "te-GOD-te-wal", "tägodtäwal?"),
    },
    "my": {
        "greeting.hello": ("မင်္ဂလာပါ။", "min-ga-LAA-baa", "mingalaba"),
        "medical.are_you_hurt": ("ဒဏ်ရာရထားပါသလား။", "dan-YAA ya-HTAA-baa-tha-LAA", "dan ya ya hta ba tha la"),
    },
    "km": {
        "greeting.hello": ("សួស្តី។", "SUOR-s'dey", "suostei"),
        "medical.are_you_hurt": ("តើអ្នករបួសទេ?", "tae NEAK ro-BUOS te", "tae neak robuos te?"),
    },
    "ko": {
        "greeting.hello": ("안녕하세요.", "ahn-nyong-ha-SAY-yo", "annyeonghaseyo"),
        "medical.are_you_hurt": ("다치셨어요?", "da-chi-SHYUH-ssuh-yo", "dachisyeosseoyo?"),
    },
    "zh-Hans": {
        "greeting.hello": ("您好。", "neen HAOW", "nín hǎo"),
        "medical.are_you_hurt": ("您受伤了吗？", "neen SHOW-shahng luh mah", "nín shòushāng le ma?"),
    },
    "zh-Hant": {
        "medical.are_you_hurt": ("您受傷了嗎？", "neen SHOW-shahng luh mah", "nín shòushāng le ma?"),
    },
    "ja": {
        "greeting.hello": ("こんにちは。", "kon-NEE-chee-wah", "konnichiwa"),
        "medical.need_ambulance": (
            "救急車が必要ですか？",
            "kyoo-kyoo-shah gah hee-TSOO-yoh dess-kah",
            "kyūkyūsha ga hitsuyō desu ka?",
        ),
    },
}

REVIEWED = {("es", "legal.right_to_remain_silent")}
REVIEWER = "A. Reviewer, fixture"


def write_phrasebooks(
    packaged: Path,
    agency: Path,
    *,
    text: dict[str, dict[str, tuple[str, str | None, str | None]]] | None = None,
    reviewed: set[tuple[str, str]] | None = None,
    phrases: list[dict[str, Any]] | None = None,
    categories: dict[str, str] | None = None,
    variants: dict[tuple[str, str], list[str]] | None = None,
) -> None:
    """The fixture as real phrasebook files: en.yaml and drafts "packaged", reviewed lines in the agency folder."""
    import yaml

    text = TEXT if text is None else text
    reviewed = REVIEWED if reviewed is None else reviewed
    packaged.mkdir(parents=True, exist_ok=True)
    agency.mkdir(parents=True, exist_ok=True)
    master = {"language": "en", "categories": categories or CATEGORIES, "phrases": phrases or PHRASES}
    (packaged / "en.yaml").write_text(yaml.safe_dump(master, allow_unicode=True, sort_keys=False), encoding="utf-8")
    from lepcli import languages

    for lang, entries in text.items():
        drafts: dict[str, Any] = {}
        signed: dict[str, Any] = {}
        for pid, (tr, pron, rom) in entries.items():
            entry: dict[str, Any] = {"text": tr, "pronunciation": pron, "romanization": rom, "status": "draft"}
            if variants and (lang, pid) in variants:
                entry["variants"] = variants[(lang, pid)]
            if (lang, pid) in reviewed:
                entry.update(status="reviewed", reviewed_by=REVIEWER, reviewed_on="2026-01-01")
                signed[pid] = entry
            else:
                drafts[pid] = entry
        name = languages.get(lang).name
        for folder, items in ((packaged, drafts), (agency, signed)):
            if items:
                doc = {"language": lang, "name": name, "translations": items}
                (folder / f"{lang}.yaml").write_text(
                    yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
                )


@contextlib.contextmanager
def fixture_phrasebooks(root: Path, **options: Any) -> Iterator[Phrasebook]:
    """Point lepcli at the fixture files (packaged folder + agency folder) and load them for real."""
    from lepcli import paths, phrasebook

    packaged, agency = root / "packaged", root / "agency"
    write_phrasebooks(packaged, agency, **options)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(paths, "packaged_phrasebooks_dir", lambda: packaged)
        mp.setenv("LEP_PHRASEBOOKS", str(agency))
        mp.setenv("LEP_HOME", str(root / "home"))
        mp.delenv("LEP_LINES", raising=False)
        yield phrasebook.load()


ISPEAK = [
    ("es", "Hablo español"),
    ("zh-Hans", "我说普通话"),
    ("zh-Hant", "我說中文"),
    ("vi", "Tôi nói tiếng Việt"),
    ("ko", "한국어를 합니다"),
    ("ar", "أتكلم العربية"),
    ("fa", "من فارسی صحبت می‌کنم"),
    ("ur", "میں اردو بولتا ہوں"),
    ("hi", "मैं हिन्दी बोलता हूँ"),
    ("pa", "ਮੈਂ ਪੰਜਾਬੀ ਬੋਲਦਾ ਹਾਂ"),
    ("bn", "আমি বাংলা বলি"),
    ("am", "አማርኛ እናገራለሁ"),
    ("ti", "ትግርኛ እዛረብ እየ"),
    ("my", "ကျွန်တော် မြန်မာစကား ပြောပါတယ်"),
    ("km", "ខ្ញុំនិយាយភាសាខ្មែរ"),
    ("lo", "ຂ້ອຍເວົ້າພາສາລາວ"),
    ("th", "ฉันพูดภาษาไทย"),
    ("ja", "日本語を話します"),
    ("ru", "Я говорю по-русски"),
    ("el", "Μιλάω ελληνικά"),
]


def ispeak_entries() -> list[IspeakEntry]:
    from lepcli import languages
    from lepcli.ispeak import IspeakEntry

    return [IspeakEntry(n, languages.get(code), text, "draft") for n, (code, text) in enumerate(ISPEAK, start=1)]


# -- render helpers (poppler, chromium) ------------------------------------------------------------


POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdftoppm") is not None
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()), None)

_skip_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils (pdftotext, pdftoppm) not installed: run scripts/install-system-deps.sh"
)
_skip_chromium = pytest.mark.skipif(
    CHROMIUM is None or not POPPLER,
    reason="chromium and poppler-utils not installed: run scripts/install-system-deps.sh",
)

F = TypeVar("F", bound=Callable[..., Any])


def needs_poppler(func: F) -> F:
    """Mark a render test: it runs wherever poppler-utils is installed (CI installs it)."""
    return pytest.mark.render(_skip_poppler(func))  # type: ignore[no-any-return]


def needs_chromium(func: F) -> F:
    return pytest.mark.render(_skip_chromium(func))  # type: ignore[no-any-return]


_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(path: Path, *, layout: bool = False) -> str:
    """Text of a PDF in logical order (poppler's default mode), bidi control marks removed."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    out = subprocess.run(args, check=True, capture_output=True, timeout=60).stdout.decode("utf-8")
    return _BIDI_CONTROLS.sub("", out)


def squeeze(text: str) -> str:
    """Whitespace removed (poppler puts stray spaces inside Indic, Burmese and Khmer clusters)."""
    return re.sub(r"\s+", "", text)


def marks_sorted(text: str) -> str:
    """Marks stacked on one base letter put in a fixed order.

    Poppler maps a shaped cluster back to characters in glyph order, so for example Khmer
    U+17BB U+17C6 (two marks on one consonant) can come back as U+17C6 U+17BB; the page is right.
    """
    import unicodedata

    out: list[str] = []
    run: list[str] = []
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Mc"):
            run.append(ch)
            continue
        out.extend(sorted(run))
        run = []
        out.append(ch)
    out.extend(sorted(run))
    return "".join(out)


def pdf_fonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, timeout=60).stdout.decode()


def pdf_pages(path: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, timeout=60).stdout.decode()
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert size is not None
    return pages, (float(size.group(1)), float(size.group(2)))


def page_png(path: Path, out_prefix: Path, page: int = 1, dpi: int = 60) -> Path:
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(out_prefix),
        ],
        check=True,
        timeout=60,
    )
    return out_prefix.with_suffix(".png")


def ink_fraction(path: Path, out_prefix: Path, page: int = 1) -> float:
    """Share of dark pixels on a page (greyscale PGM from pdftoppm): 0 means a blank page."""
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-f", str(page), "-l", str(page), "-singlefile", str(path), str(out_prefix)],
        check=True,
        timeout=60,
    )
    data = out_prefix.with_suffix(".pgm").read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header is not None
    pixels = data[header.end() :]
    return sum(1 for b in pixels if b < 128) / max(1, len(pixels))


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
)


def chromium(html: Path, tmp: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run headless Chromium as a subprocess on a file:// URL with a fresh profile folder."""
    assert CHROMIUM is not None
    profile = tmp / f"chromium-profile-{len(list(tmp.glob('chromium-profile-*')))}"
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, html.resolve().as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )

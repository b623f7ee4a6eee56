"""A small phrasebook in twelve scripts for export tests (fixture text only, not shipped content).

The phrase ids are real ones from phrasebooks/en.yaml. The sentences were written for rendering
tests and are marked draft (one Spanish legal line is marked reviewed to test that path).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FxPhrase:
    id: str
    text: str
    category: str
    urgent: bool = False
    legal: bool = False
    answer: str | None = None
    notes: str | None = None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class FxTranslation:
    phrase_id: str
    lang: str
    text: str
    pronunciation: str | None
    romanization: str | None
    status: str
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    source: str = "fixture"


PHRASES = [
    FxPhrase("greeting.hello", "Hello.", "greeting", urgent=True),
    FxPhrase("greeting.my_name_is", "My name is Officer {name}.", "greeting"),
    FxPhrase("safety.stop", "Stop!", "safety", urgent=True),
    FxPhrase("medical.are_you_hurt", "Are you hurt?", "medical", urgent=True, answer="yesno"),
    FxPhrase("medical.need_ambulance", "Do you need an ambulance?", "medical", urgent=True, answer="yesno"),
    FxPhrase("legal.right_to_remain_silent", "You have the right to remain silent.", "legal", legal=True),
]

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


class FixtureBook:
    """Implements the slice of ``lepcli.phrasebook.Phrasebook`` that exports use."""

    def __init__(self) -> None:
        self.phrases = list(PHRASES)
        self.categories = dict(CATEGORIES)

    def phrase(self, phrase_id: str) -> FxPhrase:
        return next(p for p in self.phrases if p.id == phrase_id)

    def translation(self, phrase_id: str, lang: str) -> FxTranslation | None:
        found = TEXT.get(lang, {}).get(phrase_id)
        if found is None:
            return None
        text, pron, rom = found
        if (lang, phrase_id) in REVIEWED:
            return FxTranslation(phrase_id, lang, text, pron, rom, "reviewed", "A. Reviewer, fixture", "2026-01-01")
        return FxTranslation(phrase_id, lang, text, pron, rom, "draft")

    def languages(self) -> list[str]:
        return ["en", *TEXT]


@dataclass(frozen=True)
class FxIspeak:
    number: int
    language: object
    text: str
    status: str


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


def ispeak_entries() -> list[FxIspeak]:
    from lepcli import languages

    return [FxIspeak(n, languages.get(code), text, "draft") for n, (code, text) in enumerate(ISPEAK, start=1)]

"""The languages lepcli knows by heart, in the order US agencies meet them most often.

Only what a language-data library cannot know lives here: our code choice, the names
people use in US policing (aliases), short notes for the interpreter vendor, and a native
name where langcodes has none. Everything else (English names, autonyms, scripts) comes
from langcodes/language_data when ``build_language_index.py`` runs.

Order: roughly the US Census ACS counts of people who speak English less than "very well",
adjusted for languages police and 911 meet through refugee resettlement.
"""

from __future__ import annotations

# code, aliases, overrides (name/native/script/note; written/written_note: the written form whose
# phrasebook serves readers of a spoken language; spoken/spoken_note: the spoken language to ask a
# phone line for when all we know is a written form)
Entry = tuple[str, list[str], dict[str, str]]

CATALOG: list[Entry] = [
    ("es", ["spanish", "castellano", "espanol", "mexican"], {}),
    (
        "zh",
        ["mandarin", "putonghua", "guoyu", "mandarin chinese", "cmn", "zho", "chi"],
        {
            "name": "Chinese (Mandarin)",
            "native": "普通话",
            "script": "Hans",
            "note": "Mandarin Chinese; written in Simplified (mainland) or Traditional (Taiwan, Hong Kong) characters",
            "written": "zh-Hans",
            "written_note": "showing Simplified Chinese (mainland China); ask which characters the person reads: "
            "for Traditional (Taiwan, Hong Kong) use zh-Hant",
        },
    ),
    (
        "yue",
        ["cantonese", "guangdonghua", "canto"],
        {
            "native": "廣東話",
            "script": "Hant",
            "note": "Cantonese Chinese (Hong Kong, Guangdong)",
            "written": "zh-Hant",
            "written_note": "Cantonese has no phrasebook of its own: showing Traditional Chinese, which Cantonese "
            "readers read, but it is written Mandarin-style (standard written Chinese), not spoken Cantonese",
        },
    ),
    (
        "zh-Hans",
        ["simplified chinese", "chinese simplified"],
        {
            "name": "Chinese (Simplified)",
            "native": "简体中文",
            "note": "written Chinese, Simplified characters",
            "spoken": "zh",
            "spoken_note": "Mandarin, likely; confirm with the caller",
        },
    ),
    (
        "zh-Hant",
        ["traditional chinese", "chinese traditional"],
        {
            "name": "Chinese (Traditional)",
            "native": "繁體中文",
            "note": "written Chinese, Traditional characters",
            "spoken": "zh",
            "spoken_note": "Mandarin or Cantonese; confirm with the caller",
        },
    ),
    ("vi", ["vietnamese", "tieng viet"], {}),
    ("tl", ["tagalog", "filipino", "pilipino"], {"name": "Tagalog (Filipino)", "native": "Tagalog", "script": "Latn"}),
    ("ko", ["korean", "hangul"], {}),
    ("ar", ["arabic", "arabe"], {}),
    ("ru", ["russian"], {}),
    (
        "ht",
        ["haitian", "haitian creole", "creole", "kreyol", "kreyol ayisyen", "haitien"],
        {"native": "Kreyòl ayisyen", "note": "Haitian Creole"},
    ),
    ("pt", ["portuguese", "brazilian", "portugues"], {}),
    ("fr", ["french", "francais"], {}),
    ("hi", ["hindi"], {}),
    ("pl", ["polish"], {}),
    ("fa", ["farsi", "persian", "iranian"], {"name": "Persian (Farsi)"}),
    ("ur", ["urdu"], {}),
    ("ja", ["japanese"], {}),
    ("pa", ["punjabi", "panjabi", "gurmukhi"], {"native": "ਪੰਜਾਬੀ"}),
    ("bn", ["bengali", "bangla"], {"name": "Bengali (Bangla)"}),
    ("so", ["somali", "af soomaali"], {"native": "Af-Soomaali"}),
    ("am", ["amharic", "ethiopian"], {}),
    ("uk", ["ukrainian"], {}),
    ("ne", ["nepali", "nepalese"], {"note": "also spoken by Bhutanese refugees (Lhotshampa)"}),
    ("my", ["burmese", "myanmar"], {"native": "မြန်မာဘာသာ"}),
    (
        "prs",
        ["dari", "afghan persian", "fa-af"],
        {
            "name": "Dari",
            "native": "دری",
            "script": "Arab",
            "note": "Dari, the Persian of Afghanistan",
            "written": "fa",
            "written_note": "Dari has no phrasebook of its own: showing Persian (Farsi, Iran), which Dari readers "
            "can read; some words differ, so confirm the person understands",
        },
    ),
    ("ps", ["pashto", "pushto", "pashtu", "afghan"], {}),
    (
        "hmn",
        ["hmong", "mong", "hmoob"],
        {
            "native": "Hmoob",
            "script": "Latn",
            "note": "Hmong, from Laos; ask for White Hmong (Hmoob Dawb) or Green Hmong (Moob Leeg)",
        },
    ),
    ("km", ["khmer", "cambodian", "kampuchean"], {}),
    ("lo", ["lao", "laotian"], {}),
    ("ti", ["tigrinya", "tigrigna", "eritrean"], {}),
    (
        "ksw",
        ["karen", "sgaw karen", "s'gaw", "sgaw"],
        {"native": "ကညီကျိာ်", "script": "Mymr", "note": "S'gaw Karen, spoken by refugees from Burma (Myanmar)"},
    ),
    ("gu", ["gujarati"], {}),
    ("te", ["telugu"], {}),
    ("ta", ["tamil"], {}),
    ("th", ["thai"], {}),
    ("it", ["italian"], {}),
    ("de", ["german"], {}),
    ("el", ["greek"], {}),
    ("hy", ["armenian"], {}),
    ("he", ["hebrew", "ivrit"], {}),
    ("ro", ["romanian", "moldovan"], {}),
    ("tr", ["turkish"], {}),
    ("sw", ["swahili", "kiswahili"], {}),
    ("bs", ["bosnian"], {}),
    ("sr", ["serbian"], {}),
    ("hr", ["croatian"], {}),
    ("sq", ["albanian", "shqip"], {}),
    ("ka", ["georgian"], {}),
    ("uz", ["uzbek"], {}),
    (
        "mam",
        ["mam", "qyool mam"],
        {"native": "Qyool Mam", "note": "Mam, a Mayan language of Guatemala (Huehuetenango, San Marcos)"},
    ),
    (
        "quc",
        ["kiche", "k'iche'", "quiche", "quiché", "k'iche"],
        {"name": "K'iche'", "native": "K'iche'", "note": "K'iche', a Mayan language of Guatemala"},
    ),
    (
        "kjb",
        ["qanjobal", "q'anjob'al", "kanjobal"],
        {"native": "Q'anjob'al", "note": "Q'anjob'al, a Mayan language of Guatemala (Huehuetenango)"},
    ),
    (
        "mix",
        ["mixtec", "mixteco", "tu'un savi"],
        {
            "name": "Mixtec",
            "native": "Tu'un Savi",
            "note": "Mixtec, an indigenous language of Oaxaca, Guerrero and Puebla, Mexico; ask the person's home town",
        },
    ),
    (
        "zap",
        ["zapotec", "zapoteco"],
        {"note": "Zapotec, an indigenous language of Oaxaca, Mexico; many varieties, ask the person's home town"},
    ),
    (
        "trs",
        ["triqui", "trique"],
        {"name": "Triqui", "note": "Triqui, an indigenous language of Oaxaca, Mexico; ask the person's home town"},
    ),
    (
        "nah",
        ["nahuatl", "nahuatl", "mexicano"],
        {"name": "Nahuatl", "note": "Nahuatl, an indigenous language of central Mexico"},
    ),
    ("chk", ["chuukese", "trukese", "chuuk"], {"note": "Chuukese, from Chuuk State, Federated States of Micronesia"}),
    ("mh", ["marshallese", "ebon"], {"native": "Kajin M̧ajeļ", "note": "Marshallese, from the Marshall Islands"}),
    ("sm", ["samoan"], {"native": "Gagana Sāmoa"}),
    ("to", ["tongan"], {"native": "lea faka-Tonga"}),
    ("nv", ["navajo", "navaho", "dine"], {"native": "Diné bizaad", "note": "Navajo (Diné bizaad)"}),
    ("ml", ["malayalam"], {}),
    ("mr", ["marathi"], {}),
    ("kn", ["kannada"], {}),
    ("id", ["indonesian", "bahasa indonesia"], {}),
    ("ms", ["malay", "bahasa melayu"], {}),
    ("ku", ["kurdish"], {"note": "Kurdish; ask for Kurmanji or Sorani"}),
    ("ckb", ["sorani"], {"name": "Kurdish (Sorani)"}),
    ("kmr", ["kurmanji"], {"name": "Kurdish (Kurmanji)"}),
    ("om", ["oromo", "afaan oromoo"], {}),
    ("rw", ["kinyarwanda", "rwandan"], {}),
    ("rn", ["kirundi", "rundi", "burundian"], {}),
    ("ff", ["fula", "fulani", "pulaar", "fulfulde"], {}),
    ("wo", ["wolof"], {}),
    ("ln", ["lingala"], {}),
    ("yo", ["yoruba"], {}),
    ("ig", ["igbo"], {}),
    ("ha", ["hausa"], {}),
    ("ak", ["akan", "twi"], {}),
    ("ceb", ["cebuano", "bisaya", "visayan"], {}),
    ("ilo", ["ilocano", "ilokano"], {}),
    ("ch", ["chamorro"], {"native": "Chamoru"}),
    ("pon", ["pohnpeian", "ponapean"], {}),
    (
        "kea",
        ["cape verdean", "cape verdean creole", "kriolu"],
        {"native": "Kabuverdianu", "note": "Cape Verdean Creole (Kriolu)"},
    ),
    ("jam", ["jamaican patois", "patois", "jamaican creole"], {}),
    ("nan", ["hokkien", "taiwanese", "minnan", "min nan", "fujianese"], {}),
    ("cdo", ["fuzhounese", "foochow", "min dong"], {}),
    ("hak", ["hakka"], {}),
    ("si", ["sinhala", "sinhalese"], {}),
    ("mn", ["mongolian"], {}),
    ("bo", ["tibetan"], {}),
    ("ug", ["uyghur", "uighur"], {}),
    ("kk", ["kazakh"], {}),
    ("ky", ["kyrgyz"], {}),
    ("tg", ["tajik"], {}),
    ("az", ["azerbaijani", "azeri"], {}),
    ("bg", ["bulgarian"], {}),
    ("cs", ["czech"], {}),
    ("sk", ["slovak"], {}),
    ("hu", ["hungarian"], {}),
    ("lt", ["lithuanian"], {}),
    ("nl", ["dutch"], {}),
    ("yi", ["yiddish"], {}),
    ("cak", ["kaqchikel", "cakchiquel"], {"note": "Kaqchikel, a Mayan language of Guatemala"}),
    ("kek", ["qeqchi", "q'eqchi'", "kekchi"], {"note": "Q'eqchi', a Mayan language of Guatemala"}),
    ("ixl", ["ixil"], {"note": "Ixil, a Mayan language of Guatemala"}),
    ("jac", ["jakaltek", "popti", "jacalteco"], {"note": "Popti' (Jakaltek), a Mayan language of Guatemala"}),
    ("yua", ["yucatec maya", "maya", "mayan"], {"note": "Yucatec Maya, of the Yucatán Peninsula, Mexico"}),
    ("tzo", ["tzotzil"], {"note": "Tzotzil, a Mayan language of Chiapas, Mexico"}),
    ("tzh", ["tzeltal"], {"note": "Tzeltal, a Mayan language of Chiapas, Mexico"}),
    ("qu", ["quechua", "quichua", "kichwa"], {}),
    ("gn", ["guarani"], {}),
    ("din", ["dinka"], {"note": "Dinka, from South Sudan"}),
    ("nus", ["nuer"], {"note": "Nuer, from South Sudan and Ethiopia"}),
    (
        "ase",
        ["asl", "american sign language", "ameslan"],
        {
            "name": "American Sign Language",
            "native": "ASL",
            "note": "American Sign Language (ASL): ask for a certified ASL interpreter, on site or by video (VRI)",
        },
    ),
    # Asked for by dispatchers (issue 14); kept last so existing ranks (and detect priors) do not move.
    (
        "knj",
        ["akateko", "akatek", "akateco", "acatec", "q'anjob'al akateko"],
        {"name": "Akateko", "native": "Akateko", "note": "Akateko, a Mayan language of Guatemala (Huehuetenango)"},
    ),
    (
        "cnh",
        ["hakha chin", "hakha", "haka chin", "lai", "laiholh"],
        {
            "name": "Hakha Chin",
            "native": "Laiholh",
            "script": "Latn",
            "note": "Hakha Chin (Lai), spoken by refugees from Chin State, Burma (Myanmar)",
        },
    ),
    ("en", ["english"], {}),
]

# Names that mean more than one language. The first is assumed; the rest are offered.
AMBIGUOUS: dict[str, tuple[list[str], str]] = {
    "chinese": (
        ["zh", "yue", "zh-Hans", "zh-Hant"],
        "'Chinese' is several spoken languages: assumed Mandarin; Cantonese is offered too",
    ),
    "creole": (["ht", "kea", "jam"], "'Creole' assumed Haitian Creole; other creoles are offered"),
    "karen": (["ksw"], "'Karen' assumed S'gaw Karen, the most common in the US; ask about Pwo Karen"),
    "hmong": (["hmn"], "Hmong has two main varieties: White Hmong and Green Hmong"),
    "kurdish": (["ku", "kmr", "ckb"], "'Kurdish' is several varieties: Kurmanji and Sorani are offered"),
    "persian": (["fa", "prs"], "Persian: assumed Farsi (Iran); Dari (Afghanistan) is offered"),
    "maya": (
        ["yua", "mam", "quc", "kjb"],
        "'Maya' can mean any Mayan language: assumed Yucatec Maya; ask where the person is from",
    ),
    "mayan": (
        ["yua", "mam", "quc", "kjb"],
        "'Mayan' can mean any Mayan language: assumed Yucatec Maya; ask where the person is from",
    ),
    "afghan": (["ps", "prs"], "people from Afghanistan speak Pashto or Dari: assumed Pashto, Dari offered"),
    "indian": (["hi", "pa", "gu", "te", "ta", "bn"], "'Indian' is not one language: assumed Hindi; others are offered"),
    "taishanese": (
        ["yue"],
        "Taishanese (Toisanese) is a Yue language, close to Cantonese: ask the line for Taishanese first; "
        "a Cantonese interpreter may not follow it fully",
    ),
    "toisanese": (
        ["yue"],
        "Toisanese (Taishanese) is a Yue language, close to Cantonese: ask the line for Toisanese first; "
        "a Cantonese interpreter may not follow it fully",
    ),
    "guatemalan": (
        ["es", "mam", "quc", "kjb", "knj", "cak", "kek"],
        "'Guatemalan' is not one language: assumed Spanish; many Guatemalans speak a Mayan language first "
        "(Mam, K'iche', Q'anjob'al, Akateko...): ask where the person is from",
    ),
    "chin": (
        ["cnh"],
        "'Chin' is several languages of Chin State, Burma: assumed Hakha Chin, the most common in the US; "
        "ask about Falam, Tedim, Mizo or Zomi",
    ),
}

# -- languages `lep detect` can name from franc's data (detect engineer's block; appended, not sorted in) --
# Notes say what to ask the interpreter vendor for.
CATALOG.extend(
    [
        ("haw", ["hawaiian", "olelo hawaii"], {"native": "ʻŌlelo Hawaiʻi", "note": "Hawaiian; ask for Hawaiian"}),
        (
            "hil",
            ["hiligaynon", "ilonggo"],
            {"note": "Hiligaynon (Ilonggo), from the Western Visayas, Philippines; ask for Hiligaynon, not Tagalog"},
        ),
        (
            "cnh",
            ["hakha chin", "chin", "lai", "haka chin"],
            {
                "name": "Hakha Chin",
                "native": "Lai holh",
                "note": "Hakha Chin (Lai), from Chin State, Burma; ask for Hakha Chin, not Burmese "
                "(other Chin languages differ)",
            },
        ),
        ("ee", ["ewe", "eve"], {"note": "Ewe, from Ghana and Togo; ask for Ewe"}),
        ("kri", ["krio", "sierra leone creole"], {"note": "Krio, the creole of Sierra Leone; ask for Krio"}),
        ("sn", ["shona", "chishona"], {"note": "Shona, from Zimbabwe; ask for Shona"}),
        ("lg", ["luganda", "ganda"], {"note": "Luganda, from Uganda; ask for Luganda"}),
    ]
)

"""The --json contract of every command, pinned: each key path (``a.b``, ``list[].key``) and the exit code.

Pinned before the results' hand-written ``to_json()``s gave way to one serialiser: it proves the
keys users' scripts read do not move. A key added on purpose is
added here too (and to the README); a key that disappears fails. Maps keyed by data (category ids,
status names, location labels) are written ``*``. Values are checked by the feature tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

MAPS = {"categories", "locations", "status[].categories", "statuses"}


def key_paths(obj: Any, prefix: str = "") -> set[str]:
    out: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            p = (prefix + "." if prefix else "") + ("*" if prefix in MAPS else k)
            out |= {p, *key_paths(v, p)}
    elif isinstance(obj, list):
        for v in obj:
            out |= key_paths(v, prefix + "[]")
    return out


CASES: list[tuple[list[str], int, str]] = [
    (
        ["lang", "farsi"],
        0,
        (
            "alternatives help help.lines help.model_published help.models help.models_text help.phrasebook "
            "help.phrasebook_code help.phrasebook_file help.phrasebook_note language language.aliases "
            "language.code language.iso639_3 language.name language.native language.note language.rank "
            "language.rtl language.script language.spoken language.spoken_note language.written "
            "language.written_note matched note query score "
        ),
    ),
    (
        ["lang", "vietnamise"],
        0,
        (
            "alternatives help help.lines help.model_published help.models help.models_text help.phrasebook "
            "help.phrasebook_code help.phrasebook_file help.phrasebook_note language language.aliases "
            "language.code language.iso639_3 language.name language.native language.note language.rank "
            "language.rtl language.script language.spoken language.spoken_note language.written "
            "language.written_note matched note query score "
        ),
    ),
    (
        ["lang", "klingonx"],
        4,
        ("error exit_code hint message suggestions "),
    ),
    (
        ["detect", "¿Dónde está mi hijo?"],
        0,
        (
            "also among confident guesses guesses[].code guesses[].confidence guesses[].name guesses[].native "
            "guesses[].romanized guesses[].script guesses[].sentence_only language letters next_steps notes "
            "reason script script_name unknown unsupported verdict "
        ),
    ),
    (
        ["detect", "hello there friend"],
        0,
        (
            "also among confident guesses guesses[].code guesses[].confidence guesses[].name guesses[].native "
            "guesses[].romanized guesses[].script guesses[].sentence_only language letters next_steps notes "
            "reason script script_name unknown unsupported verdict "
        ),
    ),
    (
        ["translate", "Are you hurt?", "--to", "es"],
        0,
        (
            "interpreter label legal_warning matched_lang matched_text notes phrase phrase.category phrase.id "
            "phrase.legal phrase.text phrase.urgent pronunciation reviewed_by reviewed_on romanization rtl "
            "score source status suggestions target target_name text tier warnings "
        ),
    ),
    (
        ["translate", "You have the right to remain silent", "--to", "es"],
        7,
        ("error exit_code hint message "),
    ),
    (
        ["translate", "purple elephant banana", "--to", "es"],
        6,
        ("error exit_code hint message "),
    ),
    (
        ["translate", "need ambulance", "--to", "es"],
        0,
        (
            "interpreter label legal_warning matched_lang matched_text notes phrase phrase.category phrase.id "
            "phrase.legal phrase.text phrase.urgent pronunciation reviewed_by reviewed_on romanization rtl "
            "score source status suggestions suggestions[].id suggestions[].label suggestions[].pronunciation "
            "suggestions[].romanization suggestions[].score suggestions[].status suggestions[].text "
            "suggestions[].translation target target_name text tier warnings "
        ),
    ),
    (
        ["lines", "farsi"],
        0,
        (
            "agency ask_for asked at emergency example example_note file hotlines hotlines[].ask_for "
            "hotlines[].client_id hotlines[].closes_at hotlines[].dial hotlines[].extension "
            "hotlines[].for_interviews hotlines[].hours hotlines[].kind hotlines[].languages hotlines[].name "
            "hotlines[].notes hotlines[].open_now hotlines[].opens_at hotlines[].phone hotlines[].pin "
            "hotlines[].priority hotlines[].qualification hotlines[].script hotlines[].serves "
            "hotlines[].status hotlines[].tel hotlines[].timezone hotlines[].use identify interview_only "
            "language language.aliases language.code language.iso639_3 language.name language.native "
            "language.note language.rank language.rtl language.script language.spoken language.spoken_note "
            "language.written language.written_note lines lines[].ask_for lines[].client_id lines[].closes_at "
            "lines[].dial lines[].extension lines[].for_interviews lines[].hours lines[].kind "
            "lines[].languages lines[].name lines[].notes lines[].open_now lines[].opens_at lines[].phone "
            "lines[].pin lines[].priority lines[].qualification lines[].script lines[].serves lines[].status "
            "lines[].tel lines[].timezone lines[].use never note skipped source specific timezone total "
        ),
    ),
    (
        ["esl", "spanish"],
        0,
        (
            "file language language.aliases language.code language.iso639_3 language.name language.native "
            "language.note language.rank language.rtl language.script language.spoken language.spoken_note "
            "language.written language.written_note near note resources resources[].address resources[].areas "
            "resources[].cost resources[].languages resources[].match resources[].name resources[].notes "
            "resources[].phone resources[].schedule resources[].supports_language resources[].url "
            "resources[].zips "
        ),
    ),
    (
        ["ispeak"],
        0,
        (
            "count languages languages[].also languages[].code languages[].name languages[].native "
            "languages[].notes languages[].number languages[].reviewed_by languages[].rtl languages[].script "
            "languages[].status languages[].text order "
        ),
    ),
    (
        ["ispeak", "3"],
        0,
        (
            "ask_for code example help help.lines help.model_published help.models help.models_text "
            "help.phrasebook help.phrasebook_code help.phrasebook_file help.phrasebook_note lines "
            "lines[].ask_for lines[].client_id lines[].closes_at lines[].dial lines[].extension "
            "lines[].for_interviews lines[].hours lines[].kind lines[].languages lines[].name lines[].notes "
            "lines[].open_now lines[].opens_at lines[].phone lines[].pin lines[].priority "
            "lines[].qualification lines[].script lines[].serves lines[].status lines[].tel lines[].timezone "
            "lines[].use lines_error models name native number phrasebook phrasebook_file text "
        ),
    ),
    (
        ["dispatch", "necesito ayuda"],
        0,
        (
            "ask_for detect detect.also detect.among detect.confident detect.guesses detect.guesses[].code "
            "detect.guesses[].confidence detect.guesses[].name detect.guesses[].native "
            "detect.guesses[].romanized detect.guesses[].script detect.guesses[].sentence_only "
            "detect.language detect.letters detect.next_steps detect.notes detect.reason detect.script "
            "detect.script_name detect.unknown detect.unsupported detect.verdict dial dial.ask_for "
            "dial.client_id dial.closes_at dial.dial dial.extension dial.for_interviews dial.hours dial.kind "
            "dial.languages dial.name dial.notes dial.open_now dial.opens_at dial.phone dial.pin "
            "dial.priority dial.qualification dial.script dial.serves dial.status dial.tel dial.timezone "
            "dial.use language lines lines.agency lines.ask_for lines.asked lines.at lines.emergency "
            "lines.example lines.example_note lines.file lines.hotlines lines.hotlines[].ask_for "
            "lines.hotlines[].client_id lines.hotlines[].closes_at lines.hotlines[].dial "
            "lines.hotlines[].extension lines.hotlines[].for_interviews lines.hotlines[].hours "
            "lines.hotlines[].kind lines.hotlines[].languages lines.hotlines[].name lines.hotlines[].notes "
            "lines.hotlines[].open_now lines.hotlines[].opens_at lines.hotlines[].phone lines.hotlines[].pin "
            "lines.hotlines[].priority lines.hotlines[].qualification lines.hotlines[].script "
            "lines.hotlines[].serves lines.hotlines[].status lines.hotlines[].tel lines.hotlines[].timezone "
            "lines.hotlines[].use lines.identify lines.interview_only lines.language lines.language.aliases "
            "lines.language.code lines.language.iso639_3 lines.language.name lines.language.native "
            "lines.language.note lines.language.rank lines.language.rtl lines.language.script "
            "lines.language.spoken lines.language.spoken_note lines.language.written "
            "lines.language.written_note lines.lines lines.lines[].ask_for lines.lines[].client_id "
            "lines.lines[].closes_at lines.lines[].dial lines.lines[].extension lines.lines[].for_interviews "
            "lines.lines[].hours lines.lines[].kind lines.lines[].languages lines.lines[].name "
            "lines.lines[].notes lines.lines[].open_now lines.lines[].opens_at lines.lines[].phone "
            "lines.lines[].pin lines.lines[].priority lines.lines[].qualification lines.lines[].script "
            "lines.lines[].serves lines.lines[].status lines.lines[].tel lines.lines[].timezone "
            "lines.lines[].use lines.never lines.note lines.skipped lines.source lines.specific "
            "lines.timezone lines.total uncertain "
        ),
    ),
    (
        ["phrase", "search", "hurt"],
        0,
        (
            "category hits hits[].category hits[].id hits[].legal hits[].matched_lang hits[].matched_text "
            "hits[].score hits[].text hits[].translation hits[].urgent lang languages_searched "
        ),
    ),
    (
        ["phrase", "search", "hurt", "--lang", "es"],
        0,
        (
            "category hits hits[].category hits[].id hits[].legal hits[].matched_lang hits[].matched_text "
            "hits[].score hits[].text hits[].translation hits[].translation.label hits[].translation.lang "
            "hits[].translation.notes hits[].translation.phrase_id hits[].translation.pronunciation "
            "hits[].translation.reviewed_by hits[].translation.reviewed_on hits[].translation.romanization "
            "hits[].translation.source hits[].translation.status hits[].translation.text "
            "hits[].translation.variants hits[].urgent lang languages_searched "
        ),
    ),
    (
        ["phrase", "list", "--lang", "es"],
        0,
        (
            "categories categories.* category lang phrases phrases[].answer phrases[].category phrases[].id "
            "phrases[].keywords phrases[].legal phrases[].notes phrases[].paraphrases phrases[].source "
            "phrases[].text phrases[].translation phrases[].translation.label phrases[].translation.lang "
            "phrases[].translation.notes phrases[].translation.phrase_id phrases[].translation.pronunciation "
            "phrases[].translation.reviewed_by phrases[].translation.reviewed_on "
            "phrases[].translation.romanization phrases[].translation.source phrases[].translation.status "
            "phrases[].translation.text phrases[].translation.variants phrases[].urgent "
        ),
    ),
    (
        ["phrase", "list"],
        0,
        (
            "categories categories.* category lang phrases phrases[].answer phrases[].category phrases[].id "
            "phrases[].keywords phrases[].legal phrases[].notes phrases[].paraphrases phrases[].source "
            "phrases[].text phrases[].translation phrases[].urgent "
        ),
    ),
    (
        ["phrase", "check"],
        0,
        ("errors files files[].entries files[].file files[].language files[].source ok problems warnings "),
    ),
    (
        ["phrase", "coverage"],
        0,
        (
            "categories categories[].id categories[].title languages languages[].code languages[].full "
            "languages[].legal_reviewed languages[].legal_reviewed_pct languages[].legal_total "
            "languages[].name languages[].reviewed languages[].reviewed_pct languages[].sources "
            "languages[].total languages[].translated languages[].translated_pct languages[].urgent "
            "languages[].urgent_total phrases status status[].categories status[].categories.* "
            "status[].categories.*.draft status[].categories.*.machine status[].categories.*.missing "
            "status[].categories.*.reviewed status[].code status[].counts status[].counts.draft "
            "status[].counts.machine status[].counts.missing status[].counts.reviewed status[].legal "
            "status[].legal.draft status[].legal.machine status[].legal.missing status[].legal.reviewed "
            "status[].name "
        ),
    ),
    (
        ["models", "list"],
        0,
        ("broken folders folders[].exists folders[].origin folders[].path models "),
    ),
    (
        ["models", "verify"],
        0,
        ("models ok "),
    ),
    (
        ["models", "available"],
        3,
        ("error exit_code hint message "),
    ),
    (
        ["config", "check"],
        0,
        ("agency all_language_lines errors esl_resources file languages lines ok source timezone warnings "),
    ),
    (
        ["config", "path"],
        0,
        ("exists path search search[].exists search[].path search[].source source "),
    ),
    (
        ["doctor"],
        0,
        ("checks checks[].detail checks[].name checks[].ok locations locations.* offline python version "),
    ),
    (
        ["phrase", "show", "medical.are_you_hurt"],
        0,
        (
            "missing phrase phrase.answer phrase.category phrase.id phrase.keywords phrase.legal phrase.notes "
            "phrase.paraphrases phrase.source phrase.text phrase.urgent translations translations[].label "
            "translations[].lang translations[].notes translations[].phrase_id translations[].pronunciation "
            "translations[].reviewed_by translations[].reviewed_on translations[].romanization "
            "translations[].source translations[].status translations[].text translations[].variants "
        ),
    ),
    (
        ["export", "phrasebook", "--lang", "es", "-o", "TMP/a.csv"],
        0,
        (
            "audio bytes fonts format kind languages layout legal_for_review legal_withheld machine_filled "
            "notes omitted pages paper path phrases statuses statuses.* "
        ),
    ),
    (
        ["export", "ispeak", "-o", "TMP/b.html"],
        0,
        (
            "audio bytes fonts format kind languages layout legal_for_review legal_withheld machine_filled "
            "notes omitted pages paper path phrases statuses statuses.* "
        ),
    ),
    (
        ["export", "app", "--lang", "es", "-o", "TMP/c.html"],
        0,
        ("bytes interpreter languages path phrases warnings withheld "),
    ),
    (
        ["config", "init", "TMP/ll.yaml"],
        0,
        ("path replaced written "),
    ),
]


@pytest.mark.parametrize(("args", "code", "expected"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_json_keys_and_exit_code(lep: Any, tmp_path: Path, args: list[str], code: int, expected: str) -> None:
    args = [str(tmp_path / a[4:]) if a.startswith("TMP/") else a for a in args]
    run = lep(*args, "--json")
    assert run.exit_code == code, run.stderr
    assert sorted(key_paths(run.json())) == expected.split()

"""The safety rules, written once: provenance labels, when a translation may be shown, the legal
lexicon, the never-family sentence and the interpreter fallback.

Every feature that shows a translation (translate, the encounter screen, exports) asks this module;
none keeps its own copy of a rule.
"""

from __future__ import annotations

import functools
import re
from typing import Literal, NamedTuple

Status = Literal["reviewed", "draft", "machine"]

STATUS_LABELS: dict[str, str] = {
    "reviewed": "REVIEWED",
    "draft": "DRAFT: verify with the person or an interpreter",
    "machine": "MACHINE TRANSLATION: verify",
}

NEVER_FAMILY = "Do not use children, relatives or bystanders as interpreters."

LEGAL_REMINDER = (
    "Rights, consent to search, arrest, chemical tests, questioning about an offence, statements and "
    "victim interviews are never machine-translated and never read from an unreviewed draft: use a "
    "qualified interpreter."
)


# The same rule, short enough for a pocket card's footer.
LEGAL_SHORT = (
    "Rights, consent to search, arrest, tests, statements and victim interviews: always use a qualified interpreter."
)


def interpreter_fallback(code: str) -> str:
    """What to do when no agency line is configured for ``code``."""
    return f"call your agency's telephone interpreter line (see: lep lines {code}); never use children or bystanders"


def usable(legal: bool, status: str) -> bool:
    """May this translation be shown as the answer? Legal content only when a human reviewed it."""
    return status == "reviewed" or not legal


# -- the legal lexicon ---------------------------------------------------------------------------
# Kinds of legal-risk talk. The patterns run on normalised English (see `normalise`): lower case,
# apostrophes dropped, texting forms expanded ("u" -> you, "lemme" -> let me), key terms spelled
# right ("breathalizer" -> breathalyzer). They describe intent (a request to search, a question about
# what the person did), not stock wordings; the phrasebook closeness check in lepcli.translate.gate
# catches paraphrases of the legal phrases themselves.

KINDS: dict[str, str] = {
    "consent_search": "consent to search",
    "rights": "rights (Miranda, silence, a lawyer)",
    "arrest": "arrest or custody",
    "chemical_test": "a breath, blood or sobriety test",
    "offence_questioning": "questioning about an offence",
    "statement": "a statement or a signature",
    "victim_interview": "victim-interview detail",
    "questioning": "legal-risk talk (questioning, rights, search or a statement)",  # the word model's verdict
}

_CONTAINER = (
    r"(car|cars|vehicle|truck|van|trunk|glove ?box|glove compartment|console|dashboard|bag|bags|backpack|"
    r"purse|handbag|wallet|pocket|pockets|jacket|coat|luggage|suitcase|belongings|stuff|things|property|"
    r"house|home|apartment|place|room|bedroom|garage|phone|cell|cellphone|person|body|waistband|shoes|"
    r"socks|under the seats?|seats?|ride|whip|crib|locker|drawers?|closet|cooler|box|package|container)"
)
_POSS = r"(your|ur|the|this|that|you|yo|his|her|their|my)"
_ASK = (
    r"(can|could|may|might|mind if|do you mind|would you mind|would it be (ok|okay|alright|all right|fine)|"
    r"(is it|its|it is|be) (ok|okay|alright|all right|fine|cool)|(ok|okay|alright|all right|cool) (if|with)|"
    r"let|allow|permit|permission|consent|agree|object|care if|problem if|you good (if|with)|would you let|"
    r"will you let|going to|gonna|want to|need to|have to|got to|about to|i will|we will|im|i am|we are|"
    r"just|quick)"
)
_SEARCH_VERB = (
    r"(search|searching|searched|look (in|inside|into|through|around|under|in ?to|over)|looking (in|inside|into|through|"
    r"around|under)|take a look|have a look|a look (in|inside|into|through|around|at what)|peek (in|inside|into)|"
    r"peak (in|inside|into)|go (through|thru|in|into)|going (through|thru)|dig (through|in)|rummage|"
    r"check (in|inside|through|under)|check|checking|inspect|pat (you )?down|pat down|frisk|"
    r"open|empty|turn out|go in|come in|step inside|enter|poke around)"
)

# Word classes the intent patterns share (a class is written once and used by several patterns).
_HARM = (  # what an abuser does to a victim, past tense
    r"(hit|kicked|punched|slapped|choked|strangled|held|covered|bit|burned|threatened|raped|forced|touched|"
    r"pushed|shoved|beat|dragged|pulled|struck|attacked|stabbed|cut|grabbed|threw|locked|hurt|assaulted|shot|"
    r"abused|raped|molested|tied|squeezed|smothered|kneed|stomped|headbutted|spat on)"
)
_CRIME = (  # what a suspect is asked about doing, in any tense: never an everyday act
    r"(steal|stole|stolen|stealing|rob|robbed|robbing|shoot|shot|shooting|stab|stabbed|stabbing|kill|killed|"
    r"sell|sold|selling|deal|dealt|dealing|shake|shook|shaken|shoplift\w*|vandali[sz]\w*|burglari[sz]\w*|"
    r"break into|broke into|broken into|set fire|spray paint\w*|threaten|threatened|assault|assaulted|molest\w*|"
    r"strangle|strangled|choke|choked|forge|forged|kidnap\w*|trespass\w*|smuggle|smuggled|poison|poisoned|"
    r"abuse|abused|neglect|neglected|snatch|snatched|carjack\w*|mug|mugged|pickpocket\w*|embezzl\w*)"
)
_CONTRA = (  # things a suspect is asked to own up to
    r"(drugs?|meth|pipe|pipes|pills|weed|marijuana|cocaine|coke|crack|heroin|fentanyl|needles?|syringes?|baggies?|"
    r"powder|paraphernalia|bong|joint|blunt|scales?|gun|guns|pistol|rifle|firearm|knife|knives|weapon|weapons|"
    r"cash|money|stolen \w+|stuff|contraband|narcotics|substance|bag|backpack|wallet|purse|phone|laptop)"
)
_PEOPLE = (
    r"(he|she|they|him|her|them|husband|wife|boyfriend|girlfriend|partner|ex|father|mother|dad|mom|stepfather|"
    r"uncle|brother|sister|son|daughter|boss|neighbor|guy|man|woman|person|suspect|victim|someone|somebody)"
)
_WHEN = r"(tonight|yesterday|earlier|ago|before|after|then|last|night|morning|afternoon|evening|time|times|happened)"


@functools.cache
def _classes() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (name, re.compile(_fast(pattern)))
        for name, pattern in (
            ("#harm", _HARM), ("#crime", _CRIME), ("#contra", _CONTRA), ("#people", _PEOPLE), ("#when", _WHEN),
        )
    )


def word_class(word: str) -> str | None:
    """The class a word belongs to ("#crime" for "stole", "#contra" for "meth"), for the gate's word model."""
    for name, pattern in _classes():
        if pattern.fullmatch(word):
            return name
    return None


_PATTERNS: dict[str, list[str]] = {
    "consent_search": [
        r"\b(pat|patting) (you |u |him |her )?down\b|\bpat-?downs?\b|\bfrisk(ing)?\b",
        r"\b(empty|turn|pull|take) (out )?(your|ur) pockets\b|\bpockets (out|inside out)\b|\beverything (from|out of|in) (your|ur) pockets\b",
        r"\b(drug|k9|k-9|narcotics) dogs?\b|\bk9\b",
        r"\bcheck(ing)? (you|u) for (weapons|anything)\b",
        r"\binventory (of )?(the )?(contents|car|vehicle|truck)\b",
        r"\b(look|go|scroll) (at|through|in) (your|ur) (text messages|texts|messages|photos|pictures|call log|call history|phone|contacts)\b",
        r"\b(unlock|open) (your|ur) phone (and|so|for)\b|\bdownload\b.{0,25}\bphone\b",
        r"\b(dump|empty|open) (out )?(your|ur) (purse|bag|backpack|wallet)\b",
        r"\blift (up )?(your|ur) shirt\b",
        r"\b(any )?(objection|problem|issue) (to|with) (me|us|my|our) (looking|searching|checking|taking a look)\b",
        r"\b(let|allow|permit) (me|us) (to )?(search|look|check|go through|take a look)\b",
        r"\bsearch\w*\b",
        r"\b(dog|k9|k 9|canine) (sniff|around|search|to sniff)\b",
        r"\b(walk|go) (through|around) (the|your|ur) (house|home|apartment|place|rooms?)\b",
        r"\b(take|have) a (quick )?look (around|inside|in there)\b",
        r"\bpop(ping)? (the|your|ur) trunk\b",
        r"\bcheck (under|inside|in) (the|your|ur) (hood|seat|seats|trunk|car|bag|waistband|jacket|pockets?)\b",
        r"\bcan (i|we) (look|check)\s*$",
        rf"\b{_ASK}\b.{{0,40}}\b{_SEARCH_VERB}\b.{{0,25}}\b{_POSS}?\s?{_CONTAINER}\b",
        rf"\b{_SEARCH_VERB}\b.{{0,20}}\b{_POSS} {_CONTAINER}\b.{{0,30}}\b(ok|okay|alright|all right|fine|cool|mind)\b",
        r"\b(search|searching|frisk|frisking|pat down|patting (you )?down) (you|your|ur|the|this|that|him|her|it)\b",
        r"\bsearch (of|warrant)\b",
        r"\b(consent|consenting|permission) (to|for) (a |the )?(search|look|enter|come in|check)",
        r"\b(give|grant) (me|us) (consent|permission)\b",
        r"\bdo you (consent|agree)\b",
        r"\b(refuse|decline|deny) (a |the )?(search|consent)\b",
        r"\b(empty|turn out) (your|ur) (pockets|bag|purse)\b",
        r"\bwhat (is|s) in (the|your|ur|this|that) (bag|trunk|car|backpack|purse|pocket|pockets|box)\b",
        r"\b(mind|object|care) if i (look|check|search|see inside)\b",
        r"\bcan (i|we) see (inside|in) (the|your|ur|this|that)\b",
        r"\b(let|allow) (me|us|officers?) (in|inside|into)\b",
        r"\bcan (i|we) (come|step|go) (in|inside)\b",
    ],
    "rights": [
        r"\bnot free to (leave|go)\b",
        r"\b(voluntary|voluntarily|of your own free will)\b",
        r"\bnot (required|obligated) to (speak|talk|answer)\b",
        r"\b(stop|quit) (talking|answering)\b.{0,20}\b(any time|anytime|whenever)\b|\b(any time|anytime)\b.{0,20}\b(stop|quit) (talking|answering)\b",
        r"\b(your )?(parents?|mom|dad|mother|father|guardian) (can )?(be )?(here|present|with you) (with you )?(while|when) (we|i) (talk|question|ask)\b",
        r"\bpromised? (you|u) anything\b",
        r"\b(understand|understood|know) (this|these|each|every) rights?\b",
        r"\b(understand|understood|know) (that|the) rights\b",  # not "did I understand that right"
        r"\bmiranda\b",
        r"\bright(s)? (to|of) (remain|stay|keep|be) (silent|quiet)\b",
        r"\b(remain|stay|keep) (silent|quiet)\b",
        r"\bright(s)? to (an? |have an? |talk to an? |speak (to|with) an? |consult an? )?(attorney|lawyer|counsel|"
        r"silence|refuse|public defender)\b",
        r"\b(attorney|attorneys|lawyer|lawyers|counsel|public defender|legal aid|abogado|abogada)\b",
        r"\b(waive|waiver|waiving|waived)\b",
        r"\b(understand|know|heard|read) (your|ur|these|those|the|my|his|her|their) rights\b",
        r"\b(your|ur|his|her|these|those|their) (constitutional |legal )?rights\b",
        r"\bread (you|him|her) (your|ur|his|her|the) rights\b",
        r"\banything (you|u) say\b",
        r"\b(used|use|held|hold) against (you|him|her|them)\b",
        r"\b(in|at|before) (a |the )?court\b.{0,20}\b(you|say|said)\b",
        r"\b(do not|dont|no) (have|need|got) to (say|answer|talk|tell|speak|give|make)\b",
        r"\b(do not|dont) need to (say|answer|talk|tell|speak)\b",
        r"\bno (one|body) can make you (talk|answer|say)\b",
        r"\bstop (answering|the questioning|questioning)\b",
        r"\b(you|u) (have|got) (the |certain |some )?rights?\b",
        r"\b(questioning|interrogat\w*)\b",
        r"\b(want|willing|wish|agree|like|prefer|ready) to (talk|speak|answer|chat) (to|with) (me|us|police|the police|"
        r"officers?|detectives?|a detective)\b",
        r"\b(want|willing|wish|agree) to answer (my|our|some|a few|any) questions\b",
        r"\b(talk|speak|answer) (to|with) (me|us)\b.{0,20}\b(without|now that you know)\b",
        r"\bkeep (your|ur) mouth shut\b",
        r"\bnot (to )?(say|talk|answer) anything\b",
        r"\bconsulate\b",
    ],
    "arrest": [
        r"\b(resisting|additional|criminal|felony|misdemeanor|final|more|new|extra) charges?\b",
        r"\b(post|posting|set) (your |the |a )?(bond|bail)\b|\bbail (is|was|will be) set\b",
        r"\b(leg restraints|leg irons|hobble|shackles|zip ties)\b",
        r"\b(in|into) the back of (my|the|our) (patrol )?(car|cruiser|unit)\b",
        r"\bcome (down )?to the station with (us|me)\b|\bnot going home tonight\b",
        r"\bnot (free to go|leaving|going anywhere) (yet|right now|just yet)\b",
        r"\bhold(ing)? (you|u) (for|at|until|overnight)\b|\bmug ?shots?\b",
        r"\b(you|u|ur|you re) (coming|comin) with (me|us)\b",
        r"\b(under|placing you under|place you under) (arrest|custody)\b",
        r"\barrest\w*\b",
        r"\barested\b",
        r"\b(custody|detained|detaining|detain|detention|detainee)\b",
        r"\b(jail|prison|lock (you|him|her|them) up|lockup|booked|booking|book you|holding cell)\b",
        r"\b(taking|take|bring|bringing) (you|him|her) (in|downtown|to the station|to the precinct|to jail|with us)\b",
        r"\b(handcuff\w*|cuff you|cuffing|cuffed|cuffs|in cuffs|put cuffs)\b",
        r"\b(not|aint|arent|are not|is not|isnt) free to (go|leave)\b",
        r"\b(can not|cant|cannot|not allowed to|may not) (go|leave)\b.{0,30}\b(until|yet|now|right now)\b",
        r"\bwarrant\w*\b",
        r"\b(charge|charged|charging|charges) (you|him|her|with)\b",
        r"\byou (are|re|r) (being )?(charged|cited for a crime|nicked|busted|going down)\b",
        r"\byou (are|re|r) (coming|going) with (me|us)\b",
        r"\bgoing to (the )?(station|precinct|jail)\b",
    ],
    "chemical_test": [
        r"\b(eye|walk and turn|one leg|one-leg|balance|coordination) tests?\b|\bbreath (result|reading|sample)\b",
        r"\b(walk|walking) a straight line\b|\b(nine|9) (heel to toe )?steps\b|\bheel to toe\b",
        r"\bstand on (one|your (left|right)) (foot|leg)\b",
        r"\b(signs of )?impairment\b|\bsafe to drive\b.{0,30}\btests?\b",
        r"\b(impaired|under the influence|too drunk to drive|over the (legal )?limit)\b",
        r"\b(touch|put) (your|ur) (finger|fingertip|index finger)\b.{0,20}\bnose\b",
        r"\b(heel to toe|walk (a|in a|on the|the|along the) (straight )?line|(stand|balance) on one (leg|foot))\b",
        r"\bfollow (the|my|this) (pen|finger|light|penlight|stimulus)\b.{0,20}\beyes\b",
        r"\b(blow|blew|blowing|blows)\b",
        r"\b(test|testing|check|swab) (your|ur) (breath|saliva|blood|urine|spit)\b",
        r"\b(mouth|oral|cheek) swab\b",
        r"\bsaliva\b",
        r"\b(the|legal) limit\b",
        r"\b(point zero eight|0 08|point oh eight)\b",
        r"\brefus\w* (to )?(submit|test|testing|the test|a test)\b",
        r"\bobservation period\b",
        r"\b(start|begin|restart|demonstrate|do|doing|perform|finish|stop|understand) (the|this|these) tests?\b",
        r"\b(the|this|these) tests?\b.{0,40}\b(begin|start|demonstrate|feet|arms|count|counting|instructions|injuries)\b",
        r"\b(feet together|arms (at|by) your sides|count (out loud|aloud)|start counting|counting again)\b",
        r"\b(under|over) 21\b.{0,30}\b(alcohol|drink|limit|breath)\b",
        r"\b(breathalyzer|breathalyser|breathalyzers|intoxilyzer|intoximeter|pbt|alcotest|dui|dwi|owi)\b",
        r"\b(breath|blood|urine|sobriety|alcohol|drug|chemical) (test|tests|testing|sample|samples|draw|screen|kit)\b",
        r"\b(blow|breathe|breath) (in|into|on|through) (this|the|my|a|it|here)\b",
        r"\b(blow|blowing) (for me|here|in it|into it)\b",
        r"\bimplied consent\b",
        r"\b(field|roadside) (sobriety|test|tests|exercise|exercises)\b",
        r"\bwalk (a|the|in a) (straight )?line\b",
        r"\b(heel to toe|walk and turn|one leg stand|stand on one (leg|foot))\b",
        r"\bfollow (my|the|this) (finger|pen|light|flashlight)\b.{0,20}\b(eyes|eye)\b",
        r"\bfollow (my|the|this) (finger|pen|light|flashlight) with (your|ur) eyes\b",
        r"\b(take|do|submit to|give|provide) (a|the|some) (test|sample)\b",
        r"\b(draw|take) (your|ur|some|a) blood\b",
        r"\bpee in (a|the|this) cup\b",
    ],
    "offence_questioning": [
        rf"(^ ?|\b(tell me|so|and|okay|now|then|ok) )who (did (it|this|that)|{_CRIME}|hit|took|started|broke|threw|pushed|attacked|hurt|beat|fired|pulled the trigger)\b",
        rf"\b(whose|who owns) (\w+ )?{_CONTRA}\b",
        rf"\b{_CONTRA} (\w+ )?belongs? to\b",
        r"\bwho (do|does|did) (this|that|these|those|the|all this) (\w+ )?belongs? to\b",
        r"\bwho (were|was|are) (you|u) with\b",
        r"\bwhere (are|were|was) (you|u) (just )?coming from\b",
        r"\b(did|do) (you|u) know\b.{0,40}\b(stolen|protection order|restraining order|no contact order|warrant|illegal|underage|a minor|under 18|suspended|revoked|against the law)\b",
        r"\bhow old did (you|u) (think|believe)\b",
        r"\b(did|do) (you|u) know (how old|her age|his age|their age)\b",
        rf"\b(did|do|does|have|were|are) (you|u) (ever |just |really |also )?{_CRIME}\b",
        rf"\b(you|u) ({_CRIME})\b.{0,30}\b(didnt you|did not you|right|huh|admit it)\s*$",
        r"\b(thats|that is|this is|its|it is|is that|is this|was that) (you|u)\b.{0,10}\b(video|camera|footage|picture|photo|tape|recording|surveillance)\b",
        r"\b(you|u) (were|was) (driving|there|speeding|drinking|the driver|involved|with (him|her|them))\b.{0,30}\b(werent you|"
        r"were not you|right|huh|correct|admit it)\s*$",
        r"\b(you|u) been (drinking|smoking|using|partying|doing drugs|high)\b",
        r"\b(did|have|has) (you|u) (smoke|smoked|use|used|take|taken|took|had|drink|drank|drunk|consume|consumed|snort|snorted|inject|injected) (anything|something|any drugs|any alcohol|drugs|alcohol|any pills)\b",
        r"\b(are|were) (you|u) (selling|dealing|using|hiding|stealing|fighting|trespassing|shoplifting|high|drunk)\b",
        r"\b(you|u)\b.{0,25}\b(graffiti|tagging)\b",
        r"\b(were|was) (you|u) (at|in) (the|that) (party|scene|house|store|bar|club|car|apartment) when\b",
        r"\b(was it|it was) (you|u) (driving|who)\b",
        r"\bdid (you|u) (run|blow) (the|a|that) (red light|stop sign|light)\b",
        r"\b(give|gave|sell|sold|selling) (her|him|them|someone|anyone) (the |any |some )?(drugs|pills|weed|gun)\b",
        r"\bwhy (were|are|was) (you|u) (looking|walking|hanging|standing|sitting|parked|at|near|in|by|around|outside)\b",
        r"\b(you|u) (did|took|stole|hit|broke|started) (it|that|this|him|her|them|the \w+)\b.{0,10}\b(didnt you|did not you|huh|admit it|right\s*$)",
        r"\b(explain|tell me) why (your|ur) (fingerprints|dna|car|prints|phone)\b",
        r"\b(your|ur) (friend|buddy|girlfriend|boyfriend|brother|partner|wife|husband) (said|says|told)\b",
        r"\b(have you got|do you have|did you have|who has|where is|where are|where s) (the )?stolen\b",
        r"\bwhere (were|was) (you|u) (drinking|smoking|going|coming from|headed|heading)\b",
        r"\bbefore (you|u) (drove|were driving|got in the car|got behind the wheel)\b",
        r"\bhow did (you|u) get (in|into|inside|this|that|the)\b",
        r"\bsmells? (like|of) (weed|marijuana|alcohol|beer|booze|pot|liquor)\b",
        r"\b(restraining|protective|protection|no contact) order\b.{0,30}\b(you|u) (went|go|called|contacted|came)\b",
        r"\b(did|do) (you|u) (go|went) to (her|his|their) (house|place|work|job)\b",
        r"\b(did|do) (you|u) mean to\b",
        r"\b(were|was) (you|u) speeding\b",
        r"\b(did|didnt|do|does|have|havent|were|was|are|r) (you|u) (just |ever |really )?(take|took|steal|stole|stolen|rob|"
        r"robbed|shoot|shot|stab|stabbed|kill|killed|punch|punched|kick|kicked|hit|beat|beaten|push|pushed|"
        r"grab|grabbed|threaten|threatened|break into|broke into|broken into|sell|sold|selling|deal|dealing|buy|bought|"
        r"smoke|smoked|smoking|use|used|using|drink|drank|drinking|drive|drove|driving|crash|crashed|vandaliz\w*|"
        r"spray|sprayed|tag|tagged|start|started|trespass\w*|shoplift\w*|carry|carrying|hide|hid|hiding|"
        r"burn|burned|set fire|damage|damaged|touch|touched|hurt|fight|fighting|fought|run from|ran from|"
        r"flee|fled|speed|speeding|text|texting|have sex)( (the|a|any|some|that|this|those|these))? (him|her|them|it|that|this|the (money|cash|"
        r"car|phone|bag|wallet|purse|stuff|items|things|jewelry|tv|bike|laptop|gun|knife|weapon|store|window|"
        r"door|house|victim|guy|man|woman|girl|boy|kid)|someone|somebody|anyone|anybody|her (car|phone|bag|purse|wallet|money)|"
        r"his (car|phone|bag|wallet|money)|money|cash|weed|meth|coke|cocaine|heroin|beer|liquor|the police|police|cops?|"
        r"and drive|while driving)\b",
        r"\b(did|do|have) (you|u) (do|done|did) (it|this|that)\b",
        r"\b(were|was|are) (you|u) (the one )?(driving|behind the wheel|the driver)\b",
        r"\bwho (was|is) (driving|behind the wheel|the driver)\b",
        r"\b(how much|how many|what) (did|have|has) (you|u) (had |have )?(to )?(drink|drank|drunk|had|smoke|smoked|use|used|"
        r"take|taken|took)\b",
        r"\b(how much|how many) (drinks|beers|glasses|shots)\b",
        r"\b(have|had|has) (you|u) been (drinking|smoking|using|partying|high|drunk)\b",
        r"\b(have|had|did) (you|u) (had|have) (anything|something|a few|any|much|too much) to drink\b",
        r"\b(are|r) (you|u) (drunk|high|intoxicated|buzzed|wasted|stoned|on something|on drugs)\b",
        r"\b(when|what time) did (you|u) (last|start|stop|finish) (drink|drinking|smoke|smoking|using)\b",
        r"\bwhose (drugs|gun|guns|knife|weed|pills|bag|backpack|stuff|money|cash|phone|is (this|that)|are (these|those))\b",
        r"\b(is|are) (this|that|these|those) (drugs|weed|stolen)\b",
        r"\b(are|is) (these|those|this|that) (your|ur) (drugs|weed|pills|gun|knife)\b",
                r"\bwhere (were|was) (you|u) (last night|tonight|earlier|today|yesterday|at|between|when|around|before|this morning)",
        r"\bwhat (were|was) (you|u) doing\b",
        r"\bwhy (did|were|are|would) (you|u) (do|did|hit|take|took|steal|run|ran|flee|fled|lie|lying|there|here|speeding|"
        r"driving|in|out|drinking|carry|carrying|have|hurt|push|grab|break|punch|kick|shoot|stab|threaten|fight)\b",
        r"\b(did|do) (you|u) know (it|this|that) (is|was|were) (stolen|illegal|a crime|wrong|against the law)\b",
        r"\b(anything|something) (illegal|i should know about|we should know about)\b",
        r"\b(got|have|carrying|carry|holding) any (drugs|weed|contraband|paraphernalia|narcotics)\b",
        r"\b(do|did) (you|u) (own|have|carry|possess) (a |any |the )?(drugs|weed|contraband|paraphernalia|narcotics|"
        r"stolen)\b",
        r"\btell (me|us) (the truth|what you did|what u did|why you did|how you did)\b",
        r"\b(which of you|which one of you) (did (it|this|that)|started|hit|shot|stabbed|threw|broke|took)\b",
        r"\bwho (started (it|this|that|the fight)|hit (him|her|them|first)|threw the first)\b",
        r"\b(were|was) (you|u) (involved|there when|at the scene|part of|with them|in the fight|fighting)\b",
        r"\b(know|seen|heard|saw) (anything|something) about (the|this|that) (crime|robbery|shooting|theft|burglary|"
        r"murder|assault|fight|stabbing)\b",
        r"\b(did|have) (you|u) (ever )?(been|gone) to (jail|prison)\b",
        r"\b(is|was) (it|this|that) (you|u|yours) (on|in) (the )?(video|camera|footage|picture)\b",
        r"\bwhat did (you|u) (take|steal|do|hit|use|drink|smoke|sell|buy|have)\b",
        r"\b(where|how) did (you|u) get (this|that|it|the|these|those|all this)\b",
        r"\b(did|do) (you|u) (hit|push|shove|slap|choke|strangle|threaten|touch|grab|kick|punch|hurt|beat) (her|him|them|"
        r"your (wife|husband|girlfriend|boyfriend|partner|kid|kids|child|son|daughter|mother|father))\b",
    ],
    "statement": [
        r"\b(recorded|recording|videotaped) (interview|statement)\b|\b(interview|statement|this) (will be|is being) recorded\b|\btranscripts?\b",
        r"\btrue and (complete|correct|accurate)\b",
        r"\bwrite (it|that|this|all this|all that|that last part) down\b|\bwrite down (what|everything) (you|u) (say|said|tell|told)\b",
        r"\b(get|put) (your|ur) words down\b|\bput (that|it|this) in writing\b",
        r"\bfor the (camera|recording|record|tape|video|recorder|transcript)\b",
        r"\bwrite (an |a |your )?(apology|account|version)\b",
        r"\bstatements?\b",
        r"\b(sign|signing|signature|initial|initials)\b",
        r"\b(in writing|write (down|it|out|up|what)|written|put it on paper)\b",
        r"\b(your|ur|his|her) side of (the|this) story\b",
        r"\b(under oath|sworn|swear|affidavit|testify|testimony|deposition|witness stand|perjury)\b",
        r"\b(confess|confession|admit|admits|admitted|admitting|plead|plea|guilty|innocent)\b",
        r"\bon (the )?record\b",
        r"\b(recording|record|recorded|tape|taped) (this|you|your|ur|our|the) (statement|interview|conversation|"
        r"answers?|account)\b",
        r"\b(tell|give) (me|us) (your|ur) (account|version)\b",
        r"\b(for|in) (the|my|our) (police )?report\b.{0,30}\b(you|say|said|happened|did)\b",
        r"\b(tell|explain|describe) (me|us)?\s?(exactly |everything |step by step )?(what|how) (you|u) (did|done|were doing)\b",
        r"\bin (your|ur) own words\b",
    ],
    "victim_interview": [
        rf"\bwhere (he|she|they|the person|someone|somebody) {_HARM} (you|u)\b",
        r"\b(how long|when|where|what time|how often|why|which room)\b.{0,25}\b(the |this |that )?(attack|assault|abuse|beating|rape|attacked|assaulted|abused|raped)\b",
        r"\bhow long (has|have) (this|it|the abuse|that|he|she) been (going on|happening)\b",
        r"\b(hand|hands|arm|arms|fingers|knee|foot|belt|rope|cord) (on|around|over) (your|ur) (throat|neck|mouth|face|nose)\b",
        rf"\b(when|after|before|while) (he|she|they|the person) {_HARM}\b",
        r"\b(which|what) room\b.{0,25}\b(happen|happened|attack|attacked|hit|hurt)\b",
        r"\b(did|has|have|does|was|is) (he|she|they|the person|your (husband|wife|boyfriend|girlfriend|partner|ex|father|mother|stepfather|uncle)) (ever |also |just )?(hit|kick|kicked|punch|punched|slap|slapped|choke|choked|strangle|strangled|hold|held|cover|covered|bite|bit|burn|burned|threaten|threatened|rape|raped|force|forced|touch|touched|push|pushed|shove|shoved|beat|drag|dragged|pull|pulled|strike|attack|attacked|stab|stabbed|cut|grab|grabbed|throw|threw|lock|locked|hurt (you|u|the kids|the children) before|jealous|put something)\b",
        r"\bha(s|ve) (this|it|he|she) (ever )?happen\w* before\b",
        r"\bhas (he|she|they) (ever )?(hurt|hit|done this|threatened) (you|u)? ?before\b",
        r"\bwhere (did|on your body did) (he|she|they|the person) (hit|touch|kick|grab|choke|bite|punch|hurt|burn|cut)\b",
        r"\b(photograph|photos? of|pictures? of|picture of|take pictures|take photos)\b.{0,20}\b(injuries|injury|marks|bruises|wounds|neck|face)\b",
        r"\b(his|her|their) exact words\b",
        r"\bwhat (did|exactly did) (he|she|they) say (to you|exactly|when)\b",
        r"\b(black|blacked) out\b.{0,30}\b(choking|choked|strangl\w*|hit)\b",
        r"\bsince (he|she|they) (choked|strangled|hit)\b",
        r"\bwhat time did (he|she|they) (attack|hit|hurt|come)\b",
        r"\b(the )?(children|kids) (see|saw|watch|watched) (him|her|them)\b",
        r"\bshow me on the (doll|drawing|picture)\b",
        r"\b(did|do) (you|u) think (he|she|they) put something in (your|ur) (drink|food)\b",
        r"\bask (you )?(some |a few |more )?questions about (what happened|the (incident|assault|attack|crime|abuse))\b",
        r"\b(rape|raped|raping|rapist|sexual\w*|sexually|molest\w*|fondl\w*|grope\w*|groping|incest|sodom\w*|"
        r"penetrat\w*|intercourse|oral sex|have sex|had sex|sex with|porn\w*|nude|naked|undress\w*|genital\w*|"
        r"private (parts|areas?)|down there|his penis|vagina|breasts?)\b",
        r"\b(touch|touched|touching|feel|felt) (you|u) (where|there|inappropriately|in a bad way|down there|under)\b",
        r"\bwhere did (he|she|they|the person|someone) touch (you|u)\b",
        r"\b(did|has|have|was) (he|she|they|someone|anyone|somebody|the person) (ever )?(touch|touched|force|forced|make|made)"
        r" (you|u)\b",
        r"\b(force|forced|made|make) (you|u) (to )?(do|have|take off|touch|watch|kiss)\b",
        r"\bhow (many times|often) (did|has|have|had|was|were|does|do) (he|she|they|this|it|the person)\b",
        r"\bhow long (has|have) (he|she|they|the person) been (hitting|hurting|abusing|touching|beating)\b",
        r"\b(describe|tell me|walk me through|explain|go over)\b.{0,15}\b(what|how|exactly what|everything) (he|she|they|"
        r"the person) (did|does|do|done)\b",
        r"\b(tell|describe)\b.{0,20}\b(every|each|all the) (time|times|detail|details)\b",
        r"\b(what|which) (part|parts) of (your|ur) body\b",
        r"\bwith what\b.{0,15}\b(hit|hurt|touch|choke)\b",
        r"\bwhat did (he|she|they|the person) (hit|hurt|choke|strangle|beat|touch|do to) (you|u)\b",
        r"\bwhat did (he|she|they|the person) (hit|beat|choke) (you|u) with\b",
        r"\bwere you (drinking|high|drunk|using)\b.{0,20}\b(when|at the time)\b",
        r"\bhow did (he|she|they|the person) (hurt|hit|choke|strangle|beat|touch|attack)\b",
        r"\b(did|do) (you|u) (fight back|hit (him|her) back|provoke|start it)\b",
        r"\bdid (he|she|they|the person) (use|have) (a|any|the)? ?(condom|protection)\b",
        r"\b(sane|rape kit|forensic exam|forensic interview)\b",
    ],
}

# Benign uses of legal words: the phrase is dropped from the text before the patterns run.
_BENIGN = [
    r"\b(look|looking|take a look|have a look|check|see) (at )?(your|ur|that|this|the|his|her) (hand|hands|arm|arms|leg|legs|cut|"
    r"cuts|wound|injury|injuries|head|face|eye|eyes|foot|feet|knee|back(?! seat| of the)|neck|id|license|papers|documents|insurance|"
    r"registration|burn|bite|bruise|bruises|ankle|wrist|finger|shoulder|chest|stomach|mouth|lip|nose|bleeding|swelling)\b",
    r"\b(would you like|do you want|do you need|can i get you|let me get you|i can get you|i will get you|"
    r"here is|here s) (some |a )?(something|anything|water|coffee|a blanket|blanket|food|a drink)( to (drink|eat))?\b",
    r"\b(talk|speak) (to|with) (a|the|an) (counselor|counsellor|advocate|doctor|nurse|social worker|chaplain|paramedic)\b",
    r"\b(street|road|stop|exit|no parking|the|a) sign\b",
    r"\bsign (on|at|in|by|near) (the |that |this )?(door|wall|road|street|corner|building|window|front|gate|highway|left|right)\b",
    r"\bsign (says|said|reads)\b",
    r"\b(cardiac|heart|respiratory) arrest\b",
    r"\b(were|are|was|have) (you|u) (been )?(shot|stabbed|robbed|attacked|injured)\b(?! (anyone|anybody|someone|him|her|them|at|the))",
    r"\b(search|searching|searched) (team|teams|party|parties|crew|dogs?|effort|volunteers?|and rescue)\b",
    r"\b(searching|searched|search(ing)? of) (the|a|this) (lake|water|creek|creek bed|river|woods|rubble|parking lot|shore|beach|website|internet)\b",
    r"\bsearch (your|ur|the) (phone s app|website|app|internet)\b",
    r"\b(bank|credit card|card|phone bill|billing|account|mortgage|insurance|monthly) statements?\b",
    r"\b(put out|giving|gave|released?|issued?|made) a statement\b",
    r"\bsign (in|up|out)\b|\b(good|bad) sign\b",
    r"\bsign (the|this|that) (visitor log|hotel|hotel s|permission slip|tow release|release|hospital form|registration card|form if you|lost property log)\b",
    r"\bsign (for|here for) (your|the|his|her) (package|property|keys|car|dog|bag|things|son s|daughter s)\b",
    r"\bsign here to (get|show you got|pick up)\b",
    r"\b(er|hospital|nurse|nurses|doctor|doctors|clinic|medics?|lab)\b.{0,40}\b(blood tests?|blood sample|urine sample|draw (some )?blood|test your blood)\b",
    r"\b(blood tests?|blood sample)\b.{0,30}\b(at the|in the) (hospital|er|clinic)\b",
    r"\b(hotel|flight|bus|ferry|campground|online|travel|room) booking\b|\bbooking (website|office) for\b",
    r"\bcustody (exchange|hearing|schedules?)\b|\bfamily court\b",
    r"\bjail\b.{0,30}\b(visiting|visitor|lobby|kiosk|website|letter)\b|\b(visit|visiting hours|mail)\b.{0,40}\bjail\b",
    r"\b(free|family law|immigration|civil|housing|tenant) (lawyers?|attorneys?)\b|\b(call|contact) legal aid\b|\blegal aid (office|can|helps)\b",
    r"\bwrite down (the|your|my|his|her) (serial number|report number|badge number|contact info|contact information|phone number|number|plate|license plate|info|address|time|tow)\b",
    r"\ba pen to write\b",
    r"\bwhere were (you|u) when (you|u) (noticed|first|saw|smelled|heard|realized|last)\b",
    r"\b(back blows|blow on it|blow (out )?the candles|whistle will blow)\b|\bwind (is )?(blow|blew|blowing)\b",
    r"\blet me (look|check) (up|if|whether|on|with)\b",
    r"\b(did|has) (he|she|they) (hit|bump|bang|banged|bumped) (his|her|their) head\b",
    r"\bdetention (pond|basin)\b|\b(rape crisis|sexual assault) (center|nurse|hotline|advocate|program)\b",
    r"\bwaive (the|a|your) (fee|fees|charge|cost)\b|\bcharges? (you don t recognize|on your (card|statement|account|bill))\b",
    r"\b(had|have|eaten|eat) (anything|something) to eat\b",
    r"\b(shelter|hospital|clinic|hotel|motel|church|family|friend|program|place) (that |who |which )?(can |will |could )?"
    r"take (you|u|him|her|them|the kids|your kids) in\b",
    r"\bcustody (order|of the (kids|children)|agreement|papers|arrangement)\b",
    r"\bchild custody\b",
    r"\b(take|taking|took) a (deep |slow )?breath\b(?! (test|sample|analysis))",
    r"\bblow (your|ur) nose\b",
    r"\b(blow|blew|blowing|blown) ((through|past|thru) )?(a |the |that )?(red|light|stop|intersection|sign)\b",
    r"\b(what|which) (part|parts) of (your|ur) body (hurts?|is hurting|are hurting|feels?|is (sore|bleeding|numb|swollen))\b",
    r"\b(blow|blew|blowing|blown) (out|up|away|over|down)\b",
    r"\b(immigration|divorce|family|tenant|housing|eviction|civil|landlord) (lawyer|attorney)\b",
    r"\b(lawyer|attorney) (for|about) (the|your|ur|a) (divorce|eviction|visa|immigration|custody|lease|will|uvisa visa)\b",
    r"\brights as an? (tenant|worker|renter|employee|patient|parent)\b",
    r"\bsearch(ing|ed)? (the|this|that) (house|home|building|area|neighborhood|park|woods|river|streets?|field|block|school) for\b",
    r"\b(searching|search of|searched) (the|this) (neighborhood|park|woods|area|streets?|block|river|field|school|mall)\b",
    r"\bhelp(ing)? (us )?search\b",
    r"\bcheck (your|ur) phone for\b",
    r"\bwrite (it|that|your (name|number|phone|address)) (here|down)\b",
    r"\bsearch (and|&) rescue\b",
    r"\b(search|searching|searched|look|looking|looked|check|checking) (for|on|at) (you|your|ur|the|a|an|him|her|them|"
    r"this|that|my|his|their|everyone|everybody|someone|anyone|people|kids|children)\b",
    r"\bcheck (your|ur|his|her|the) (pulse|breathing|blood pressure|temperature|eyes|head|injury|injuries|wound|"
    r"license|id|identification|registration|insurance|papers|documents|plate|plates|name|address|records?|"
    r"tire|tires|lights?|brake lights?)\b",
    r"\bright (of|away|now|here|there|side|hand|arm|leg|foot|eye|ear|lane|turn)\b",
    r"\b(turn|go|keep|stay|on the|to the|your) right\b",
    r"\bfree to go\b(?!.{0,10}\b(not|until)\b)",
    r"\bblood (pressure|sugar|type|on|from|coming)\b",
    r"\b(lost|losing) (a lot of |much |some )?blood\b",
    r"\bare you (bleeding|pregnant|diabetic|allergic|cold|hot|hungry|thirsty|tired|lost|okay|ok|alright|hurt|injured)\b",
    r"\bsign language\b",
    r"\b(stop|no|any) sign\b",
    r"\b(open|close|opened) (the|your) (door|window|eyes|mouth|hand|hands)\b",
    r"\bopen your eyes\b",
    r"\bempty (handed|hands)\b",
    r"\bcourt (date|order|protection order)\b",
    r"\bprotection order\b",
    r"\bask the court\b",
    r"\bgo to court\b",
    r"\b(report number|make a report|file a report|police report number)\b",
    r"\bmedical record\b",
]

_TEXTING = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "yr": "your",
    "r": "are",
    "lemme": "let me",
    "gimme": "give me",
    "gonna": "going to",
    "gunna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "imma": "i am going to",
    "ima": "i am going to",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "aint": "is not",
    "im": "i am",
    "youre": "you are",
    "ill": "i will",
    "were": "were",
    "pls": "please",
    "plz": "please",
    "k": "okay",
    "ok": "okay",
    "cuz": "because",
    "coz": "because",
    "wat": "what",
    "wut": "what",
    "whr": "where",
    "y": "why",
    "b4": "before",
    "2nite": "tonight",
    "tonite": "tonight",
    "nite": "night",
    "dunno": "do not know",
    "yall": "you all",
    "thru": "through",
    "n": "and",
}

# Key terms spelled right before the patterns run (typed "breathalizer", "arested", "serch").
_TERMS = (
    "search searching breathalyzer sobriety miranda attorney lawyer arrest arrested arresting custody detained "
    "detention consent permission statement signature warrant handcuffs confess confession testify interview "
    "interrogate questioning silent rights waive breath blood urine alcohol drinking driving molest sexual raped "
    "penetration undress touched inside trunk glovebox pockets backpack purse luggage belongings jail prison waistband money "
    "started searched blowing drinking tonight stuff hood objection problem"
).split()


_GROUP = re.compile(r"(?<!\\)\((?!\?)")


def _fast(pattern: str) -> str:
    """The same pattern with non-capturing groups: nothing reads the groups, and it compiles ~3x faster."""
    return _GROUP.sub("(?:", pattern)


@functools.cache
def _compiled() -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    benign = re.compile(_fast("|".join(_BENIGN)))
    return benign, {kind: re.compile(_fast("|".join(f"(?:{p})" for p in pats))) for kind, pats in _PATTERNS.items()}


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped, punctuation to spaces, texting forms expanded, typos of the
    lexicon's words spelled right ("stlen" -> stolen, "shooot" -> shoot, "drinkin" -> drinking)."""
    s = text.casefold().replace("’", "'").replace("‘", "'").replace("'", "").replace("glove box", "glovebox")
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\bu (?=visa|nonimmigrant)", "uvisa ", s)  # the U visa is not "you"
    words = " ".join(_TEXTING.get(w, w) for w in s.split()).split()
    return " ".join(correct(w) for w in words).replace("glovebox", "glove box")



@functools.cache
def vocabulary() -> frozenset[str]:
    """Every word the lexicon is written in (from its own patterns, so it is written once)."""
    words = set(_TERMS)
    for pats in (*_PATTERNS.values(), _BENIGN):
        for p in pats:
            words.update(re.findall(r"[a-z]{3,}", re.sub(r"\\[a-zA-Z]", " ", p)))
    return frozenset(words)


@functools.cache
def _real_words() -> frozenset[str]:
    """English words one typo away from a lexicon word (wordfreq's list; scripts/build_legal_model.py):
    real words such as "shout" or "dues", never respelled into "shoot" or "drugs"."""
    from pathlib import Path

    path = Path(__file__).resolve().parent / "data" / "near_legal_words.txt"
    return frozenset(path.read_text(encoding="utf-8").split()) if path.is_file() else frozenset()


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def edits1(word: str) -> list[str]:
    """Every string one typo from ``word``: two letters swapped first, then a letter dropped, added, changed."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    drops = [a + b[1:] for a, b in splits if b]
    adds = [a + c + b for a, b in splits for c in _LETTERS]
    changes = [a + c + b[1:] for a, b in splits if b for c in _LETTERS if c != b[0]]
    return swaps + drops + adds + changes


def correct(word: str, real: frozenset[str] | None = None) -> str:
    """``word``, or the lexicon word it is a typo of. Real English words are left alone."""
    if len(word) < 4 or not word.isalpha() or not word.isascii():
        return word
    vocab = vocabulary()
    if word in vocab:
        return word
    squashed = re.sub(r"(.)\1{2,}", r"\1\1", word)  # stretched letters: "shooot"
    ends_in = squashed.endswith("in")
    if ends_in and squashed + "g" in vocab:  # "drinkin"
        return squashed + "g"
    if word in (_real_words() if real is None else real):
        return word
    for cand in (squashed, re.sub(r"(.)\1+", r"\1", squashed)):
        if cand in vocab:
            return cand
    for cand in edits1(squashed):
        if cand in vocab or (ends_in and cand.endswith("in") and cand + "g" in vocab):
            return cand if cand in vocab else cand + "g"
    return _respell(word) if len(word) >= 5 else word


def _respell(word: str) -> str:
    """A key term the word is a typo of, or the word itself. Only close misspellings (ratio >= 86)."""
    best, best_ratio = word, 0.0
    letters = sorted(word)
    for term in _TERMS:
        if len(term) == len(word) and term[0] == word[0] and sorted(term) == letters:
            return term  # two letters swapped ("searhc", "waistabnd")
        if abs(len(term) - len(word)) > 2 or term[0] != word[0] or term.startswith(word) or word.startswith(term):
            continue  # an inflection ("right" / "rights") is another word, not a typo
        r = _ratio(word, term)
        if r > best_ratio:
            best, best_ratio = term, r
    return best if best_ratio >= (0.86 if len(word) >= 6 else 0.9) else word


def _ratio(a: str, b: str) -> float:
    """Indel similarity (as rapidfuzz's ratio, 0..1), stdlib only: this runs on every gated sentence."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


class LegalRisk(NamedTuple):
    kind: str  # a KINDS key
    why: str  # "lexicon" | "phrase:<id>"

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def prepared(text: str) -> str:
    """Normalised English with its benign uses of legal words removed ("cardiac arrest", "look at your
    hand"): what the lexicon and the gate's word model read."""
    benign, _ = _compiled()
    return " ".join(benign.sub(" benignuse ", f" {normalise(text)} ").split())


def legal_risk(text: str) -> LegalRisk | None:
    """The kind of legal-risk talk ``text`` reads as (by the lexicon), or None.

    English, as officers type it. The phrasebook closeness half of the gate is in lepcli.translate.gate.
    """
    s = prepared(text)
    if not s:
        return None
    _, kinds = _compiled()
    s = f" {s} "
    for kind, pattern in kinds.items():
        if pattern.search(s):
            return LegalRisk(kind, "lexicon")
    return None


@functools.cache
def _foreign_legal() -> re.Pattern[str]:  # compiled on first use: most texts are English
    return re.compile(
        r"\b(derecho a guardar silencio|guardar silencio|abogad[oa]|declaraci[oó]n|consentimiento|"
        r"(puedo|podemos) (registrar|revisar|buscar|esculcar)|arrestad[oa]|detenid[oa]|bajo arresto|confesi[oó]n|"
        r"culpable|alcohol[ií]metro|prueba de (aliento|sangre|alcohol)|firm[ae] aqu[ií])\b",
        re.IGNORECASE,
    )


def looks_legal_foreign(text: str) -> bool:
    """The legal words most often typed in Spanish (abogado, ¿puedo revisar...?)."""
    return bool(_foreign_legal().search(text))


def looks_legal_any_language(text: str) -> bool:
    """Legal wording in English or in the words most often typed in Spanish (guards MT of free text)."""
    return legal_risk(text) is not None or looks_legal_foreign(text)

"""Signs that are red flags by themselves, whatever the day: one table of patterns per category.

Each pattern runs over one normalized sentence. A match is then checked for negation and for
whether it is reported or asked about (``scan``). ``unless`` names words in the same clause
that make a match mild or unrelated ("pinpoint bleeding during the session", "dark spots").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.faq.redflags.words import FACE_OPENINGS, SOFTENER, SPOT, SPOTS, SWELL


@dataclass(frozen=True)
class Rule:
    category: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None
    # False where the pattern itself holds a negative word ("won't stop", "can't breathe").
    negation_inside: bool = True


def _rules(
    category: str, *patterns: str, unless: str = "", negation_inside: bool = True
) -> list[Rule]:
    return [
        Rule(category, re.compile(p), re.compile(unless) if unless else None, negation_inside)
        for p in patterns
    ]


_STOPS = (
    r"(?:wont|not|doesnt|isnt|hasnt|havent|cant|cannot|couldnt|unable to|never|nothing)\s+"
    r"(?:\w+\s+){0,3}?stop\w*"
)
_DURING = (
    r"\b(?:during|while (?:she|he|they|it was|i was)|in the (?:session|treatment|chair|clinic)|"
    r"at the (?:clinic|appointment|salon)|when (?:she|he|they) (?:did|was|were))\b"
)
_FLUID = (
    r"(?:fluid|liquid|stuff|gunk|goo|gloop|gunge|muck|slime|crust\w*|bits|heads?|discharge|"
    r"ooze|pus|matter|scabs?|blobs?|spots?|bumps?|points?|dots?)"
)
_EYES = r"(?:eyes?|eyelids?|eye lids?|lids)"
_COLOUR = r"(?:yellow|green|gold|golden|honey|brown|orange)(?:ish|y|ey)?"
# How many: before a spot word, even a singular one ("many small pimple").
_COUNT = (
    r"(?:many|so many|several|multiple|numerous|lots of|loads of|a lot of|tons of|heaps of|"
    r"bunch of|dozens of|load of|hundreds of|cluster of|crop of|mass of|covered in|full of|"
    r"\d\d+|[5-9]|five|six|seven|eight|nine|ten|twenty|a dozen)"
)
# How many, or coming up: next to a plural spot word.
_MANY = (
    r"(?:loads|lots|many|tons|heaps|dozens|hundreds|bunch|cluster\w*|covered|all over|"
    r"everywhere|full of|multiple|several|numerous|crop|mass|popping up|popped up|"
    r"coming up|came up|come up|keep appearing|appeared|broke out|breaking out|broken out|"
    r"erupt\w*)"
)
_SORE = (
    r"(?:sore|painful|tender|angry|inflamed|hard|throbbing|pus\w*|yellow\w*|hot|growing|"
    r"swollen|itchy)"
)

# Order matters only for which category a message with several flags reports: the ones whose
# reply adds the emergency-services line come first.
RULES: list[Rule] = [
    *_rules(
        "breathing",
        r"\b(?:cant|cannot|can not|not able|hard|harder|difficult\w*|trouble|struggl\w*|unable|"
        r"problems?|issues?|hardly)\b[^.?!]{0,15}\b(?:br[ea]+th\w*|swallow\w*)",
        r"\bshort\w*\s+of\s+(?:br[ea]+th\w*|air)",
        r"\b(?:cant|cannot|can not|not|struggling to)\s+get\s+(?:enough\s+)?(?:air|a breath)",
        r"\bgasping for air\b",
        r"\bbreathless\w*",
        r"\bwheez\w*",
        r"\bgasp\w*",
        r"\bbr[ea]+th\w*\s+(?:is\s+|feels\s+)?(?:hard|difficult|tight|funny|weird|heavy|strange)\b",
        r"\bchoking\b",
        r"\btight\w*\s+(?:in\s+)?(?:my\s+)?(?:chest|throat)\b",
        r"\b(?:chest|throat)\s+(?:feels?\s+|is\s+|going\s+)?(?:\w+\s+)?(?:tight|closing)",
        r"\bchest\s+(?:feels?\s+|is\s+)?(?:\w+\s+)?(?:heavy|pressure)",
        r"\bvoice\b[^.?!,]{0,20}\b(?:hoarse|weird|funny|strange|croaky|different)\b",
        negation_inside=False,
    ),
    *_rules(
        "allergic",
        rf"\b{FACE_OPENINGS}\b[^.?!,;]{{0,25}}\b(?:{SWELL}|tight\w*|clos\w*|shut|thick|fat|huge|"
        r"massive|big|numb)",
        rf"\b{SWELL}[^.?!,;]{{0,12}}\b{FACE_OPENINGS}\b",
        r"\bhives\b",
        r"\bwelts?\b",
        r"\brash\w*",
        r"\ballerg\w*",
        r"\banaphyla\w*",
        r"\bepipen\b",
        r"\b(?:allergic|bad|skin|severe|having a|having an|had a|a)\s+reactions?\b",
        r"\breactions?\s+to\s+(?:the|this|that|my|it|something)\b",
        r"\breact(?:ing|ed)\s+to\b",
        r"\bitch\w*\s+(?:all over|everywhere)\b",
    ),
    # Eyes puff up after a facial session; "a bit puffy under my eyes" is not a reaction.
    *_rules(
        "allergic",
        rf"\b(?<!under )(?<!around )(?<!below )(?<!round )(?<!under my )(?<!around my )"
        rf"(?<!below my )(?<!round my ){_EYES}\b[^.?!,;]{{0,25}}\b(?:{SWELL}|clos\w*|shut|huge)",
        rf"\b{SWELL}[^.?!,;]{{0,12}}\b(?<!under )(?<!around )(?<!below )(?<!under my )"
        rf"(?<!around my )(?<!below my ){_EYES}\b",
        unless=rf"\b{SOFTENER}\s+(?:\w+\s+)?(?:{SWELL}|eyes|eyelids)|"
        r"\b(?:keep|kept|keeping)\s+(?:my\s+)?eyes\b",
    ),
    *_rules(
        "bleeding",
        rf"\b(?:bleed\w*|bled|blood\w*)\b[^.?!]{{0,40}}?\b{_STOPS}",
        rf"\b{_STOPS}\s+(?:the\s+|it\s+|it from\s+|from\s+)?(?:bleed\w*|blood)",
        r"\b(?:keeps?|kept|still|heavy|heavily|lots of|a lot of|loads of|so much|constant\w*|"
        r"pouring|gushing|dripping|streaming)\b[^.?!]{0,15}\b(?:bleed\w*|blood)\b",
        r"\b(?:bleed\w*|bled)\b[^.?!]{0,15}\b(?:a lot|heavily|loads|constantly|everywhere|"
        r"for (?:hours|ages|an hour|over an hour|\w+ hours?)|since)\b",
        r"\bblood\b[^.?!]{0,20}\b(?:coming|pouring|dripping|running|gushing|seeping|leaking|"
        r"everywhere|all over|soak\w*)",
        r"\b(?:soaked|soaking|covered)\b[^.?!]{0,20}\bblood",
        unless=_DURING,
        negation_inside=False,
    ),
    *_rules(
        "bleeding",
        r"\bbleed(?:ing|in|s)\b",
        unless=rf"\b(?:pinpoint|pin point|pin prick|tiny|little|slight\w*|bit|spots? of|few spots|"
        rf"speck\w*|minor|minimal|a tad|dots?)\b|{_DURING}",
    ),
    *_rules(
        "infection",
        r"\bpu+s+\b",
        r"\booz\w*",
        r"\bweep\w*",
        r"\bdischarg\w*",
        r"\b(?:leak\w*|seep\w*)\b[^.?!,]{0,20}\b(?:fluid|liquid|stuff|goo|pus|yellow\w*|clear)",
        r"\b(?:stuff|fluid|liquid|gunk|goo|something)\s+(?:is\s+)?(?:coming|leaking|seeping|draining|"
        r"dripping)\s+(?:out|from)",
        r"\b(?:coming|leaking|seeping|draining)\s+(?:out\s+)?(?:of|from)\s+(?:the|my|her|his)\s+"
        r"(?:\w+\s+)?(?:holes|dots|pores|spots?|skin|face|cheeks?|chin|forehead)\b",
        r"\b(?:its|it is|face|skin|cheeks?|area|spots?|holes?|chin)\s+(?:is\s+|are\s+|keeps\s+)?"
        r"leaking\b",
        r"\b(?:im|i am|shes|she is|hes|he is|feel(?:ing)?|been)\s+(?:\w+\s+)?(?:burning|boiling)"
        r" up\b",
        rf"\b{_COLOUR}\b(?:\s+\w+){{0,3}}?\s+{_FLUID}\b",
        rf"\b{_FLUID}\b(?:\s+\w+){{0,3}}?\s+{_COLOUR}\b",
        r"\b(?:cloudy|milky|white)\s+(?:fluid|liquid|discharge|stuff|ooze|gunk|goo)",
        r"\bglands?\b[^.?!]{0,25}\b(?:swell\w*|swollen|up|sore|lumpy|hard)\b",
        r"\bswollen\s+glands?\b",
        r"\b(?:abscess\w*|boils?|cellulitis|sepsis|septic|impetigo)\b",
        r"\b(?:smell\w*|odou?r\w*)\b[^.?!,]{0,25}\b(?:bad|funny|off|weird|horrible|gross|rank|"
        r"awful|unpleasant|foul|strange|nasty|rotten|eggy)\b",
        r"\b(?:bad|funny|weird|horrible|gross|awful|unpleasant|foul|strange|nasty|rotten)\s+"
        r"(?:smell|odou?r)",
        r"\bstinks?\b",
        r"\b(?:and|it|its|area|face|skin|cheek|spot|hole|holes)\s+(?:\w+\s+)?smells\s*(?:$|,|\.)",
        r"\bf(?:e+|ea)v[eao]*r\w*",  # fever, feaver, fevr, feverish
        r"\bfebrile\b",
        r"\b(?:high|a|running|got|have|had|has|raised|with|spiking|spiked|mild|slight|low|bit of a|"
        r"raging|roaring|proper|bad)"
        r"\s+(?:(?:a|high|slight|mild|low|bit of a|raging|roaring|proper|bad)\s+)*"
        r"temp(?!orar|t|er\b|le)[a-z]*\b"
        r"(?!\s+(?:sensitive|controlled|control|check|gauge|of the (?:water|room|shower)))",
        r"\btemp\w*\b[^.?!]{0,20}\b(?:3[89]|4[0-2]|10[0-5])(?:[.,]\d+)?\b",
        r"\btemp(?:erature)?s?\s+(?:is\s+|was\s+|has been\s+|keeps\s+)?"
        r"(?:really\s+|very\s+|quite\s+)?(?:high|up|raised|through the roof|spiking|going up)\b",
        r"\b(?:3[89]|4[01])(?:[.,]\d)?\s*(?:c|°c|°|degrees|deg)\b",
        r"\b(?:10[0-4])(?:[.,]\d)?\s*(?:f|°f|degrees f)\b",
        r"\bchill(?:s|y)\b",
        r"\bshiv+er\w*",
        r"\bshak(?:ing|y)\b",
        r"\brigou?rs\b",
        r"\bhot and cold\b",
        r"\b(?:cold|night)\s+sweats?\b",
        r"\bflu\s*(?:like|ish|y)\b",
        r"\bfeel\w*\s+(?:really\s+|very\s+|so\s+|quite\s+|a bit\s+|pretty\s+)?(?:unwell|ill|sick|"
        r"poorly|rough|faint|dizzy|rubbish|terrible|awful|lightheaded|light headed|woozy)\b"
        r"(?!\s+(?:about|that|of|with nerves|for))",
        r"\bach(?:e|es|y|ey|ing)\s+all over\b",
        # Red lines running from the treated skin: a sign of spreading infection.
        r"\b(?:red|reddish|redish|reddy|pink|pinkish|purple|purplish)\s+(?:\w+\s+)?"
        r"(?:lines?|streaks?|tracks?|trails?)\b",
        r"\binfe[ck]+t?\w*|\binfe[ck]ted\b",
    ),
    # Streaks on the skin, but not a streaky tan or make-up.
    *_rules(
        "infection",
        r"\bstreak\w*",
        unless=r"\b(?:tan|tanning|make ?up|foundation|hair|highlights?|mascara|window|mirror)\b",
    ),
    # A mark turning yellow or green is pus, a bruise doing so is healing.
    *_rules(
        "infection",
        rf"\b(?:gone|turned|going|turning)\s+(?:\w+\s+)?{_COLOUR}\b",
        unless=r"\bbruis\w*",
    ),
    # Holding a negative word of their own: "wet and sticky and won't dry".
    *_rules(
        "infection",
        r"\b(?:wet|sticky|weepy|moist)\b[^.?!]{0,25}\b(?:wont|doesnt|not|never)\s+(?:\w+\s+)?dry",
        negation_inside=False,
    ),
    *_rules(
        "blisters",
        r"\bbl?il?st[ae]?r\w*",
        r"\b(?:fluid|water|liquid|pus)\s*filled\b",
        r"\bbubbl\w*\b[^.?!,]{0,20}\b(?:fluid|water|liquid|pus)\b",
        r"\b(?:fluid|water|liquid)\b[^.?!,]{0,15}\bbubbl\w*",
        r"\bbubbled\s+up\b|\bbubbling\s+up\b",
    ),
    # Pinpoint crusting follows many sessions; crusts or scabs all over, or not said to be tiny,
    # escalate.
    *_rules(
        "blisters",
        r"\bcrust\w*",
        r"\bscab\w*",
        unless=r"^(?!.*\b(?:all over|everywhere|covered|loads|lots|patch\w*)\b).*\b(?:pinpoint|"
        r"pin point|tiny|micro|little|small|fine|minor|few)\s+(?:\w+\s+)?(?:scab|crust)",
    ),
    *_rules(
        "spots",
        rf"\b{_COUNT}\b(?:\s+\w+){{0,3}}?\s+(?:{SPOTS}|{SPOT})\b",
        rf"\b{_MANY}\b[^.?!;]{{0,30}}\b{SPOTS}\b",
        rf"\b{SPOTS}\b[^.?!;]{{0,30}}\b{_MANY}\b",
        rf"\b{_SORE}\s+(?:\w+\s+)?{SPOTS}\b",
        r"\b(?:broke|break\w*|broken)\s+out\b",
        r"\bbreak ?outs?\b",
        r"\blump\w*\b[^.?!;]{0,30}\b(?:hard|firm|growing|grow\w*|bigger|larger|painful|sore|"
        r"tender|red|hot|swollen|pus)\b",
        r"\b(?:hard|firm|growing|painful|sore|tender|hot)\b[^.?!;,]{0,20}\blump\w*",
        rf"\b{SPOT}\b[^.?!;]{{0,25}}\b(?:throb\w*|hot|growing|getting bigger)\b",
        rf"\b(?:throbbing|hot|hard)\s+(?:\w+\s+)?{SPOT}\b",
        unless=r"\b(?:dark|sun|age|brown|pigment\w*|black|old|flat|liver)\s+spots?\b|"
        r"\b(?:as a|when i was a|since i was a)\s+(?:teen\w*|kid|child)|\bscars?\b|"
        r"\bblackheads?\b|\bspots? of blood\b",
    ),
]

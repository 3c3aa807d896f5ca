"""The words the red-flag rules share, as regular-expression pieces over normalized text.

Kept in code rather than in content/: they are grammar (spellings, word forms, the shape of a
phrase) that the tests pin down case by case, and a careless edit here could silently stop a
red flag from being seen. What a clinician decides (which day, which score) is in
content/redflags.yaml.
"""

from __future__ import annotations

SWELL = (
    r"(?:swell\w*|swol+[eo]n|swolen|swole|sweling|puff\w*|bloat\w*|blown up|blew up|"
    r"balloon\w*)"
)
FACE_OPENINGS = r"(?:lips?|tongues?|throats?|mouths?)"
PAIN = (
    r"(?:pain\w*|sore\w*|hurt\w*|ache|aches|aching|achy|achey|throb\w*|tender\w*|sting\w*|"
    r"stung|burn\w*)"
)
REDNESS = (
    r"(?:red|redness|reddish|reddy|redder|pink\w*|flushed|inflamed|inflammation|irritat\w*|"
    r"blotchy|angry|angrier|raw|rash\w*)"
)
HEAT = r"(?:hot|hotter|warm|warmer|heat|burning up|on fire)"
THROB = r"(?:throb\w*|pulsing|pulsating|pounding)"
SPOTS = (
    r"(?:spots|zits|pimples|whiteheads|white heads|pustules|bumps|lumps|breakouts?|blemishes|"
    r"boils|cysts|nodules)"
)
SPOT = r"(?:spot|zit|pimple|whitehead|white head|pustule|bump|lump|blemish|boil|cyst|nodule)"
# "a bit warm", "slightly puffy", "hot-ish", "kinda red": mild, expected early on.
SOFTENER = (
    r"(?:a bit|bit|a little|little|slightly|slight|mild|mildly|a tad|tad|somewhat|kinda|"
    r"kind of|sort of|a touch|barely|hardly|faintly|a wee bit|wee bit|lightly|not too|"
    r"not very|not that|some|a little bit|ever so slightly|abit)"
)
# Nouns after "hot"/"warm" that make them about something other than the skin.
NOT_SKIN_HEAT = (
    r"(?:water|shower|showers|bath|baths|tub|yoga|weather|compress|towel|flannel|cloth|drinks?|"
    r"tea|coffee|days?|room|climate|sun|pack|springs?|sauna|steam|air|country|holiday|stone|"
    r"wax|food|meal|chocolate|iron|straighteners|summer|temperatures?|flush\w*)"
)
# The skin, or something on it, as the subject of a change ("it's getting worse").
SKIN_SUBJECT = (
    r"(?:it|its|this|that|everything|things|area|areas|skin|face|cheeks?|chin|forehead|nose|"
    r"neck|jaw|jawline|patch\w*|spots?|bumps?|lumps?|marks?|side|rash|mine)"
)
# An earlier time to compare the skin with: "worse than day 2", "more than first day".
_EARLIER = (
    r"(?:(?:the |on )?(?:first|1st) day|(?:on )?day \w+|yesterday|before|last night|this morning|"
    r"earlier|it was|they were|at first|the day before|(?:on )?(?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)|last week)"
)
THAN_EARLIER = rf"than {_EARLIER}"
_BODY = r"(?:neck|ears?|eyes?|jaw\w*|chin|cheeks?|forehead|nose|chest|face|lips?|scalp|hairline)"
# A symptom getting worse: said directly, by a comparative, or by spreading.
WORSE = (
    r"(?:worse|worsening|worsened|spreading|spread|spreads|creeping|creeps|travell?ing|"
    r"(?:moving|moved|travell?ed|crept|extended|reached|reaching|spread)\s+(?:up|down|onto|into|"
    r"to|towards|across|over)\s+(?:my|her|his|the)|(?:gone|going|got)\s+(?:up|down|onto|into|"
    rf"towards|across|over)\s+(?:my|her|his|the)\s+{_BODY}|(?:now\s+)?covers?\s+(?:my|her|his|"
    r"the)\s+(?:whole|entire)|extending|expanding|growing|grown|grows|bigger|larger|"
    r"increas\w*|more and more|doubled|redder|puffier|sorer|angrier|hotter|"
    r"from (?:pink|light red|a bit red|red|pinkish) to (?:(?:bright|deep|dark|angry|really|"
    r"very)\s+)?(?:red|purple|crimson)|"
    r"more (?:red|swollen|puffy|painful|sore|inflamed|tender|angry|hot|raw|irritated|itchy|big|"
    r"large|bad|worse)|"
    r"(?:come|came|coming|comes) back|returned|flared(?: up)?|flaring(?: up)?|flare up|"
    rf"more than {_EARLIER})"
)
# "spreading the serum" is not a symptom spreading.
NOT_SPREADING_AFTER = r"(?!\s+(?:the|some|my|a|serum|cream|product|moisturi\w+|it on|on|out)\b)"
# What was better before it got worse again ("it had calmed down, now it's hot again").
IMPROVED = (
    r"(?:calmed(?: down)?|settled|settling|went down|gone down|got better|getting better|"
    r"improved|improving|was fine|were fine|was ok|was okay|cleared(?: up)?|faded|"
    r"disappeared|healing (?:well|nicely|fine)|looked fine|was good|was better|died down|"
    r"(?:seemed|looked|was|were)\s+(?:to be\s+)?(?:healing|settling|improving|calming|fading|"
    r"getting better|going down)|"
    r"was going down|was settling|(?:had|has|was|were)\s+(?:\w+\s+)?(?:gone|settled|calmed|"
    r"cleared|faded|improved|better|fine|healed|going down)|(?:seemed|looked|felt|got|went)\s+"
    r"(?:\w+\s+)?(?:better|fine|ok|okay|good|calmer|normal))"
)
AGAIN = r"(?:again|back|returned|flared(?: up)?|flaring|(?:come|came|coming) back)"

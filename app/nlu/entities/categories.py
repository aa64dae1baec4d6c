"""``project_ref`` from PF360 category words ("the flooring one" → ``flooring``).

Source: the ``project_ref`` entity of ``shared/contract/intents.md`` (a
category/type word is a valid reference).

  - canonical words (``CATEGORIES``): flooring, windows, doors, deck, kitchen
    cabinets, countertops, roofing, siding, fence, gutters, bathroom, carpet, garage
    door, patio, painting;
  - variants and typos map to these: "floors", "hardwood", "laminate", "LVP" →
    flooring; "window replacement" → windows; "cabinets", "kitchen" → kitchen
    cabinets; "decking" → deck; one-edit typos of the main words ("windos") …;
  - "time window"/"arrival window", "2nd floor", "next door", "paint color" are not
    projects;
  - a mention after "not"/"instead of" loses to another one ("not the deck, the
    windows" → windows); otherwise the first mention wins.

Shape: ``find_category(cur) -> str | None`` over the working copy of the normalised
text (``"".join(chars)``, with notes, ids, dates and times already blanked); the
value is one of ``CATEGORIES``.
"""

from __future__ import annotations

import re

from .text import edits1

__all__ = ["CATEGORIES", "find_category"]

_F = re.IGNORECASE

#: Canonical PF360 category words.
CATEGORIES: tuple[str, ...] = (
    "flooring",
    "windows",
    "doors",
    "deck",
    "kitchen cabinets",
    "countertops",
    "roofing",
    "siding",
    "fence",
    "gutters",
    "bathroom",
    "carpet",
    "garage door",
    "patio",
    "painting",
)

_CATEGORY_VARIANTS: dict[str, str] = {}


def _cat(canonical: str, *variants: str) -> None:
    for v in variants:
        _CATEGORY_VARIANTS[v] = canonical


_cat(
    "garage door",
    "garage door",
    "garage doors",
    "garage-door",
    "garagedoor",
    "garage dooor",
    "garage dor",
    "garage",
    "overhead door",
)
_cat(
    "kitchen cabinets",
    "kitchen cabinets",
    "kitchen cabinet",
    "kitchen cabinetry",
    "cabinets",
    "cabinet",
    "cabinetry",
    "cabnets",
    "cabinates",
    "cabinents",
    "cabinetes",
    "cabinet's",
    "cabnet",
    "cabinits",
    "cabinettes",
    "kitchen",
    "kitchen remodel",
    "kitchen job",
    "kitchen project",
    "kitchen cupboards",
    "cupboards",
)
_cat(
    "countertops",
    "countertops",
    "countertop",
    "counter tops",
    "counter top",
    "counter-tops",
    "counter-top",
    "counters",
    "countertps",
    "kitchen counters",
    "kitchen countertops",
    "granite",
    "quartz",
    "quartz counters",
    "granite counters",
)
_cat(
    "flooring",
    "flooring",
    "floors",
    "floor",
    "floring",
    "flooing",
    "flooirng",
    "florring",
    "floorin",
    "flooring's",
    "hardwood",
    "hardwoods",
    "hardwood floors",
    "laminate",
    "laminate floors",
    "vinyl plank",
    "vinyl floors",
    "vinyl flooring",
    "lvp",
    "lvt",
    "tile floor",
    "tile floors",
    "new floors",
    "floor install",
    "flooring install",
)
_cat(
    "windows",
    "windows",
    "window",
    "window replacement",
    "window replacements",
    "window install",
    "window installation",
    "windoes",
    "windos",
    "windws",
    "windwos",
    "widnows",
    "winodws",
    "windowes",
    "wndows",
    "windw",
)
_cat("doors", "doors", "door", "front door", "back door", "patio door", "sliding door", "entry door", "interior doors", "storm door", "dors", "doorsl")
_cat("deck", "deck", "decks", "decking", "deck repair", "deck job", "dek", "deck's")
_cat("roofing", "roofing", "roof", "roofs", "shingles", "reroof", "re-roof", "rofing", "roofng", "new roof")
_cat("siding", "siding", "vinyl siding", "sidings")
_cat("fence", "fence", "fencing", "fences", "fense", "privacy fence")
_cat("gutters", "gutters", "gutter", "gutter guards", "guttering", "guters", "gutterz", "downspouts")
_cat(
    "bathroom",
    "bathroom",
    "bathrooms",
    "bath",
    "bath remodel",
    "bathroom remodel",
    "bathrm",
    "bathrom",
    "bathroon",
    "shower",
    "shower remodel",
    "tub",
    "bathtub",
    "vanity",
    "master bath",
)
_cat("carpet", "carpet", "carpets", "carpeting", "carpit", "carpett", "rug")
_cat("patio", "patio", "patios", "pavers", "patio pavers", "paver patio")
_cat("painting", "painting", "paint job", "paint", "painters", "painter", "interior painting", "exterior painting", "paintng", "repaint", "paintjob")

_FUZZY_CATS = {
    "flooring": "flooring",
    "windows": "windows",
    "cabinets": "kitchen cabinets",
    "cabinet": "kitchen cabinets",
    "countertops": "countertops",
    "countertop": "countertops",
    "bathroom": "bathroom",
    "kitchen": "kitchen cabinets",
    "roofing": "roofing",
    "gutters": "gutters",
    "carpeting": "carpet",
    "painting": "painting",
    "decking": "deck",
    "fencing": "fence",
}
_FUZZY_EXCLUDE = {
    "printing",
    "panting",
    "pointing",
    "planting",
    "painting",
    "butters",
    "cutters",
    "putters",
    "gutter",
    "widows",
    "winnows",
    "kitchens",
    "hooking",
    "roofing",
    "flooding",
    "fencing",
    "decking",
    "fending",
    "fencinf",
    "booking",
    "looking",
    "cooking",
    "bathroom",
    "carpeting",
    "cabinet",
    "carpenting",
}
for _w, _c in _FUZZY_CATS.items():
    for _v in edits1(_w):
        if len(_v) >= 6 and _v not in _FUZZY_EXCLUDE and _v not in _CATEGORY_VARIANTS:
            _CATEGORY_VARIANTS.setdefault(_v, _c)

_CAT_MULTI = sorted((k for k in _CATEGORY_VARIANTS if " " in k or "-" in k or "'" in k), key=len, reverse=True)
_CAT_MULTI_RE = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(k) for k in _CAT_MULTI) + r")(?![\w])", _F)
_WORD_RE = re.compile(r"[a-z0-9']+", _F)
_CAT_NOT_PROJECT = re.compile(
    r"(?:(?:time|arrival|service|appointment|delivery|booking|install|installation|visit|2[- ]?hour|two[- ]?hour|4[- ]?hour|four[- ]?hour|hour|\d+\s*hr)\s+windows?\b"
    r"|\bwindows?\s+of\s+time\b|\bwindows?\s+(?:for|of)\s+(?:the\s+)?(?:arrival|appointment|visit)\b"
    r"|\b(?:\d+(?:st|nd|rd|th)|first|second|third|ground|main|top|upper|lower|basement|bottom|upstairs|downstairs)\s+floor\b"
    r"|\bfloor\s+plan\b"
    r"|\b(?:at|by|through|thru|behind|near|answer|knock(?:ing)?(?:\s+on)?|ring|use)\s+(?:the\s+)?(?:front\s+|back\s+|side\s+)?door(?:bell)?\b"
    r"|\bdoor\s*(?:bell|code|step|mat|way)\b|\bnext\s+door\b|\bdoorbell\b|\bout\s+(?:the|of\s+the)\s+door\b"
    r"|\bpaint\s+(?:colou?r|color|chip|swatch)s?\b|\bshower\s+(?:first|quickly|real quick)\b|\bon\s+deck\b)",
    _F,
)
_NEG_BEFORE_REF = re.compile(r"(?:\bnot|\bno|\binstead\s+of|\bnot\s+(?:the|my)|\brather\s+than|\bbut\s+not|\bexcept)\s+(?:the\s+|my\s+|that\s+|for\s+(?:the|my)\s+)?$", _F)

def find_category(cur: str) -> str | None:
    blocked = [(m.start(), m.end()) for m in _CAT_NOT_PROJECT.finditer(cur)]
    mentions: list[tuple[int, int, str]] = []
    taken = [False] * (len(cur) + 1)
    for m in _CAT_MULTI_RE.finditer(cur):
        if any(a <= m.start() < b for a, b in blocked):
            continue
        mentions.append((m.start(), m.end(), _CATEGORY_VARIANTS[m.group().lower()]))
        for i in range(m.start(), m.end()):
            taken[i] = True
    for m in _WORD_RE.finditer(cur):
        if taken[m.start()]:
            continue
        tok = m.group().lower()
        c = _CATEGORY_VARIANTS.get(tok)
        if c is None and tok.endswith("'s"):
            c = _CATEGORY_VARIANTS.get(tok[:-2])
        if c is None:
            continue
        if any(a <= m.start() < b for a, b in blocked):
            continue
        mentions.append((m.start(), m.end(), c))
    if not mentions:
        return None
    mentions.sort()
    good = [mm for mm in mentions if not _NEG_BEFORE_REF.search(cur[max(0, mm[0] - 25) : mm[0]])]
    return (good or mentions)[0][2]

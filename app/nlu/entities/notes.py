"""``note_text``: the content of a note request, without the request words.

Source: the ``note_text`` entity of ``shared/contract/intents.md`` ("add a note: gate
code 4412" → "gate code 4412").

  - "tell the crew to park in the back" → "park in the back"; "let the installer know
    the dog is friendly" → "the dog is friendly"; "please note that …", "note: …",
    "put in the notes that …", "add 'X' as a note".
  - The customer's wording and case are kept; surrounding quotes, trailing
    punctuation and a trailing "thanks"/"please" are stripped. Dates, times and
    categories inside the note belong to the note and are not extracted separately
    (the pipeline blanks the note span before looking for them).
  - A request without content ("I want to add a note", "can I add a note to my
    flooring project?") or a question about notes ("did you tell the crew …?")
    gives no note.

Shape: ``find_note(s) -> (note, start, end) | None`` over the normalised text ``s``;
``s[start:end] == note``. Misspelt trigger words ("nte", "tel the crew") are read
through a corrected view of ``s`` whose positions map back to ``s``.
"""

from __future__ import annotations

import re

from .text import edits1

__all__ = ["find_note"]

_F = re.IGNORECASE

_RECIPIENT = (
    r"(?:(?:the|my|your|our|ur|da|teh|whoever(?:'s| is)?)\s+)?(?:install(?:ation)?\s+|repair\s+|flooring\s+|window\s+)?"
    r"(?:crew(?:\s+members?)?|installers?|installation team|install team|tech(?:nician)?s?|team|guys|workers|"
    r"contractors?|people|folks|driver|fellas?|the guy|guy|man|person|workmen|foreman|"
    r"crew lead|lead|someone coming|whoever comes out|whoever comes by|whoever shows up|whoever comes|whoever is coming|whoever's coming)"
    r"(?:\s+(?:who(?:'s| is| are)|that(?:'s| is| are))\s+(?:coming|doing (?:it|the \w+)|coming out|scheduled))?"
)
_NOTE_WORD = r"(?:notes?|comments?|memo|reminder|message|msg)"
_NOTE_TRIGGERS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _F)
    for p in (
        # add a note to the deck project: gate code 4412 / leave a quick note for the crew saying …
        rf"\b(?:add|put|leave|write|drop|attach|include|make|create|post|log|stick|pop|place|enter|type|save|send)"
        rf"\s+(?:in\s+|down\s+|up\s+)?(?:a|an|this|the|one|my|another|following|some)?\s*"
        rf"(?:quick|short|little|small|new|brief|special|additional|extra)?\s*{_NOTE_WORD}\b(?:\s+in\b(?=\s+that\b))?",
        # please note that … / note: … / jot down that …
        r"(?:^|[.!?,;:]\s*|\b(?:please|pls|plz|kindly|can you|could you|would you|can u|could u|just|hi|hey|hello|ok|okay|so|also|and|btw)\s+)"
        r"(?:make\s+(?:a\s+)?note\s+of\s+(?:this|that)?|note|jot down|write down|notate)\s*(?::(?!\d)|-|that\b)",
        r"^\s*(?:note|notes|memo|comment|fyi|nb|n\.b\.)\s*(?:for\s+" + _RECIPIENT + r"\s*)?(?::(?!\d)|[\-,])",
        r"\bfyi\b(?:\s+for\s+" + _RECIPIENT + r")?\s*(?::(?!\d)|[,-])?",
        # add to the notes that … / put in the notes: …
        r"\b(?:add|put|write|include|mention|stick|pop|save|enter)\s+(?:it\s+|this\s+)?(?:in|to|on|into|onto)\s+"
        r"(?:the|my|our|your)\s+(?:project\s+|job\s+|order\s+)?notes?\b",
        r"\bupdate\s+(?:the|my)\s+(?:project\s+)?notes?\b(?:\s+(?:to say|with|saying))?",
        # tell the crew to … / let the installer know … / ask the tech to …
        rf"\b(?:tell|remind|ask|inform|warn|advise|notify|instruct|alert|request)\s+{_RECIPIENT}\b"
        r"(?:\s+(?:on|for)\s+(?:my|the)\s+\w+(?:\s+\w+)?\s+(?:project|job|install|installation|repair|order))?"
        r"(?:\s+(?:that|to|about))?",
        rf"\blet\s+(?:{_RECIPIENT}|them|him|her|everyone)\s+know\b(?:\s+(?:that|about))?",
        r"\b(?:tell|ask|remind|warn|inform|notify)\s+(?:them|him|her|everyone|everybody)\b(?:\s+(?:to|that|about))?",
        rf"\binstructions?\s+(?:for|to)\s+{_RECIPIENT}\s*(?::(?!\d)|,|\s-\s?)",
        r"\bmake\s+sure\s+(?:they|he|she|everyone|everybody)\s+(?:knows?|is\s+aware|are\s+aware)\b(?:\s+(?:that|about))?",
        r"\b(?:put|write|jot)\s+down\s+that\b",
        r"\b(?:note|notes|memo|comment|message|reminder|nb)\s*"
        rf"(?:(?:for|to)\s+{_RECIPIENT}|(?:on|for|to|about|regarding|re)\s+[^:\n]{{1,40}}?)?\s*(?::(?!\d)|\s-\s?)",
        rf"(?:^|[.!?,:;]\s*|\b(?:hi|hey|hello|ok|okay|so|and|also)\s+)(?:for|to|attn|attention)\s*:?\s+{_RECIPIENT}\s*(?::(?!\d)|\s-\s?|,)",
        r"\b(?:please|pls|plz|kindly)\s+note\s+(?!that\b|down\b|of\b)(?=\w)",
        rf"\bpass\s+(?:it\s+|this\s+|that\s+|the word\s+)?(?:along\b(?:\s+to\s+{_RECIPIENT})?|on\s+to\s+{_RECIPIENT}|on\s+(?=that\b))(?:\s+that)?",
        rf"\bpass\s+(?:this|it|that|the\s+following)\s+(?:along\s+|on\s+)?to\s+{_RECIPIENT}\s*(?::(?!\d)|,|\s-\s?)?",
        r"\badd\s+(?:this\s+)?to\s+(?:my|the|our|project|order|job|#|ord)[^:\n]{0,40}:",
        rf"\bmake\s+sure\s+{_RECIPIENT}\s+(?:knows?|is aware|are aware|sees?)\b(?:\s+(?:that|about))?",
        rf"\b(?:want|need|would\s+like|'d\s+like|like)\s+{_RECIPIENT}\s+to\s+(?:know|be aware)\b(?:\s+(?:that|about))?",
        rf"\b{_RECIPIENT}\s+(?:should|needs?\s+to|must|has\s+to|have\s+to|ought\s+to)\s+(?:know|be aware)\b(?:\s+(?:that|about|of))?",
        r"\b(?:please|pls|plz|can you|could you|just)\s+write\s+(?:down\s+)?that\b",
        rf"\b(?:just\s+so|so\s+that)\s+{_RECIPIENT}\s+knows?\b\s*,?",
        rf"\bheads\s+up\s+(?:for|to)\s+{_RECIPIENT}\s*(?::(?!\d)|[,-])?",
    )
)
_NOTE_QUOTED = re.compile(
    r"\b(?:add|put|leave|write|include|save|enter)\s+(?P<q>[\"'])(?P<n>[^\"]{1,300}?)(?P=q)\s*(?:as\s+a\s+note|to\s+(?:the|my)\s+(?:project\s+)?notes|in\s+(?:the|my)\s+notes)",
    _F,
)
_NOTE_AS = re.compile(
    r"\b(?:add|put|write|include|save|enter)\s+(?P<n>.{3,300}?)\s+(?:as\s+a\s+note|to\s+(?:the|my)\s+(?:project\s+)?notes|"
    r"in\s+(?:the|my)\s+(?:project\s+)?notes|on\s+(?:the|my)\s+notes)\b",
    _F,
)
_NOTE_NEG_BEFORE = re.compile(
    r"(?:\b(?:did|have|has|had|were|was|do|does)\s+(?:you|u|yu|ya|y'?all|they|i|we|someone|anyone|somebody|the\s+\w+)\s*(?:already\s+|ever\s+|guys\s+)?$"
    r"|\bwhat\s+(?:did|do)\s+(?:you|u|i|we)\s+$|\basked\s+(?:the|a|my|your|someone|somebody|him|her|them)\s+(?:\w+\s+)?to\s+$|\b(?:in|from|of|read|show|see|check|any|new)\s+(?:the\s+|my\s+|any\s+)?$)",
    _F,
)
_NOTE_SKIP = re.compile(
    r"\s*(?:"
    r"(?:to|on|for|in)\s+(?:my\s+|the\s+)?(?:project\s+|order\s+|job\s+)?(?:number\s+)?#?\s?(?:ORD[\w-]*|\d{5,8})\b"
    r"|(?:to|on|in|for|onto|under|about|into)\s+(?:my|the|our|this|that|your|ur)?\s*(?:[\w#'-]+\s+){0,3}"
    r"(?:project|job|order|account|file|installation|install|repair|appointment|visit|work order|record|one)s?\b"
    r"|(?:for|to|with)\s+" + _RECIPIENT + r"\b"
    r"|(?:to|on)\s+(?:it|that|this|there|them|him|her)\b"
    r"|(?:please|pls|plz|for me|real quick|quickly)\b"
    r")",
    _F,
)
_NOTE_SEP = re.compile(
    r"^\s*(?:(?::(?!\d)|[\-,])+\s*|of\s+(?:this|the\s+following)\s*:?\s*|(?:that\s+says|that\s+reads|which\s+says|saying|says|to\s+say|reading|stating|that|"
    r"as\s+follows|about|the\s+following|this)\b(?!')\s*[:,\-]?\s*)",
    _F,
)
_NOTE_TAIL = re.compile(
    r"(?:[\s,;.!-]+(?:thanks(?:\s+(?:so|very)\s+much)?|thank\s+(?:you|u)(?:\s+(?:so|very)\s+much)?|thx|ty|tysm|"
    r"thanx|thankx|thankss|thans|thannks|thankks|thaanks|thaank\s+you|thankyou|tks|thnx|thnks|thanks+|"
    r"please|pls|plz|pease|plese|pleae|plse|pleas|cheers|appreciate\s+it|much\s+appreciated|if\s+possible|when\s+you\s+get\s+a\s+chance|if\s+that'?s\s+(?:ok|okay|alright|fine|possible)|if\s+you\s+can|when\s+you\s+(?:get|have)\s+a\s+(?:sec|second|minute|moment)|please\s+and\s+thank\s+(?:you|u)|thanks\s+in\s+advance|asap)[\s!.]*)+$",
    _F,
)
_NOTE_TRAIL_PROJECT = re.compile(
    r"\s+(?:on|to|for|in|under)\s+(?:my|the|our)\s+(?:[\w-]+\s+){0,2}?(?:project|job|order|file|install|installation)s?\s*[.!?]*\s*$",
    _F,
)


_NOTE_EMPTY = {"to", "project", "job", "order", "account", "please", "pls", "plz", "plse", "thanks", "thank you", "thx", "ty", "and", "asap", "ok", "okay", "now", "here", "for me", "this", "that", "it", "these", "those", "something", "a note", "one", "some", "more", "another", "stuff", "things", "a comment", "note", "notes"}


_NOTE_CANON = ("note", "notes", "tell", "know", "knows", "thanks", "thank", "crew", "installer", "installers", "technician", "comment", "leave", "remind", "saying", "please", "inform", "message", "add", "them", "project", "that", "along")
_NOTE_FIX_EXCLUDE = {
    "not", "none", "nose", "vote", "node", "nope", "tote", "nite", "nate", "noted", "nut", "net", "nod", "no", "ote",
    "told", "tall", "fell", "bell", "sell", "yell", "well", "cell", "dell", "teal", "toll", "tells", "till", "tel", "tall",
    "now", "knew", "snow", "known", "knot", "knob", "kno", "know", "knows", "ow",
    "brew", "crow", "grew", "drew", "screw", "chew", "cred", "craw", "crews", "cree",
    "leaves", "lease", "leaver", "leaved", "heave", "weave", "leafe", "lave",
    "staying", "paying", "swaying", "sayings", "slaying", "spaying", "sating",
    "pleased", "plead", "pleas", "lease", "places", "plase",
    "informs", "uniform",
    "messages", "massage",
    "remind", "reminds", "rewind", "remand",
    "ad", "and", "odd", "aid", "had", "mad", "bad", "sad", "dad", "pad", "lad", "fad", "gad", "rad", "tad", "wad", "ada", "adds", "ado", "aad", "dd", "ab",
    "comments", "cement", "commend", "comet", "knots", "snows", "knob", "known", "thank", "thanks", "shank", "thane", "than", "thinks", "thins",
    "installed", "instill",
    "then", "they", "theme", "thee", "hem", "the", "thew", "thea", "ther", "tem", "ohm", "them",
    "projects", "protect", "prefect",
    "than", "thai", "what", "chat", "thy", "thus", "thin", "thou", "hat", "tat", "tha", "thats", "thaw", "thar",
    "along", "alone", "among", "long", "lang",
}
_NOTE_FIX: dict[str, str] = {}
for _w in _NOTE_CANON:
    for _v in edits1(_w):
        if len(_v) >= 3 and _v not in _NOTE_FIX_EXCLUDE and _v not in _NOTE_CANON:
            _NOTE_FIX.setdefault(_v, _w)
_NOTE_FIX.update({"abt": "about", "tat": "that", "taht": "that", "thta": "that", "mke": "make", "maek": "make", "mkae": "make", "amke": "make", "mak": "make", "wrire": "write", "wriet": "write", "wirte": "write", "wrte": "write", "wrtie": "write", "upate": "update", "updte": "update", "upadte": "update", "upsate": "update", "updat": "update", "quikc": "quick", "qiuck": "quick", "quck": "quick", "qucik": "quick", "qick": "quick", "donw": "down", "dwon": "down", "teh": "the", "da": "the", "tht": "that", "thme": "them", "tehm": "them", "yu": "you", "nte": "note", "ntoe": "note", "nots": "notes", "tel": "tell", "kno": "know", "crw": "crew", "crue": "crew", "pls": "please", "plz": "please", "msg": "message", "instaler": "installer", "instalers": "installers", "techician": "technician"})
_NOTE_TOKEN = re.compile(r"[A-Za-z]+")


_NOTE_FRONT = re.compile(
    r"^\s*(?:(?:hi|hey|hello|ok|okay|so)\W+)?(?P<n>[^:]{3,200}?)\s*(?:[-,.;:]+|\s)\s*(?:(?:please|pls|plz|can\s+you|could\s+you|would\s+you|just)\s+)?"
    r"(?:add|put|save|write|jot|note)\s+(?:that|this|it)\s+(?:down\b|as\s+a\s+note|to\s+(?:the|my)\s+(?:project\s+)?notes|in\s+(?:the|my)\s+(?:project\s+)?notes|"
    r"on\s+(?:the|my)\s+(?:project|file|account|job|order)|for\s+(?:the\s+)?(?:crew|installers?|techs?|technicians?))"
    r"[\s.!?,]*(?:(?:please|pls|plz|thanks|thank\s+you|thx|ty)[\s.!?]*)?$",
    _F,
)


def _note_view(s: str) -> tuple[str, list[int]]:
    """``s`` with misspelt note trigger words fixed, and a map to ``s`` positions."""
    out: list[str] = []
    idx: list[int] = []
    pos = 0
    changed = False
    for m in _NOTE_TOKEN.finditer(s):
        rep = _NOTE_FIX.get(m.group().lower())
        if rep is None:
            continue
        changed = True
        out.append(s[pos : m.start()])
        idx.extend(range(pos, m.start()))
        out.append(rep)
        n = len(m.group())
        idx.extend(m.start() + min(j, n - 1) for j in range(len(rep)))
        pos = m.end()
    if not changed:
        return s, list(range(len(s) + 1))
    out.append(s[pos:])
    idx.extend(range(pos, len(s) + 1))
    return "".join(out), idx


_NOTE_TARGET = re.compile(
    r"\s*(?:(?:to|on|for|in|onto|under|into)\s+(?:my|the|our|this|that|your|ur|project|order|job|ord|#|\d)|about|regarding|re)\b[^:\n?.!]{0,60}?(?="
    r"\s*(?::(?!\d)|\s-\s|\s-|,|\bsaying\b|\bthat\s+says\b|\bthat\s+reads\b|\bthat\b(?!')|\bsays\b|\breading\b|\bstating\b|\bwhich\s+says\b))",
    _F,
)
_NOTE_NOT_CONTENT = re.compile(
    r"^(?:a|an|the|my|this|some|that)?\s*(?:quick\s+|short\s+)?(?:message|note|msg|comment|reminder|memo|instructions?)s?\b(?:\s+(?:to|for|on)\b.*)?$",
    _F,
)


def find_note(s: str) -> tuple[str, int, int] | None:
    """(note, start, end) of the note content in ``s``, or None."""
    v, idx = _note_view(s)
    m = _NOTE_QUOTED.search(v)
    if m:
        return _clean_note(s, idx[m.start("n")], idx[m.end("n")])
    mf = _NOTE_FRONT.match(v)
    if mf:
        return _clean_note(s, idx[mf.start("n")], idx[mf.end("n")])
    best: re.Match[str] | None = None
    for pat in _NOTE_TRIGGERS:
        for m in pat.finditer(v):
            if _NOTE_NEG_BEFORE.search(v[max(0, m.start() - 40) : m.start()]):
                continue
            if best is None or m.start() < best.start():
                best = m
            break
    if best is None:
        m = _NOTE_AS.search(v)
        if m and not _NOTE_NEG_BEFORE.search(v[max(0, m.start() - 40) : m.start()]):
            return _clean_note(s, idx[m.start("n")], idx[m.end("n")])
        return None
    pos = best.end()
    mt = _NOTE_TARGET.match(v, pos)
    if mt:
        pos = mt.end()
    else:
        for _ in range(6):
            m2 = _NOTE_SKIP.match(v, pos)
            if not m2 or m2.end() == pos:
                break
            pos = m2.end()
    m3 = _NOTE_SEP.match(v[pos:])
    if m3:
        pos += m3.end()
    if _NOTE_ONLY_TARGET.match(v, pos):
        return None
    # "add a note to call before coming": a leading "to" before a verb
    m4 = re.match(r"\s*to\s+(?=\w)", v[pos:], _F)
    if m4:
        pos += m4.end()
    return _clean_note(s, idx[min(pos, len(idx) - 1)], len(s))


_NOTE_ONLY_TARGET = re.compile(
    r"\s*(?:to|on|for|in|onto|under)\s+(?:my|the|our|this|that|your|ur|project|order|job|ord|#|\d)[^.:;!?\n]{0,50}?"
    r"(?:\s+(?:please|pls|plz|when you get a chance|if possible|asap|for me|real quick))?[\s.?!]*(?:$|\b(?:please|pls|thanks|thx|ty|asap|appreciate it)\b[\s.!?]*$)",
    _F,
)
_NOTE_TRAIL_JUNK = re.compile(r"\s*[:;]-?[)(DPp]\s*$|[\s.!?,;:\-\"'*~_]+$|[^\w)%#$\"'.!?]+$")


_NOTE_SENTENCE_END = re.compile(r"[.?!]+\s+(?=(?:and\s+)?(?:can|could|would|will|do|did|is|are|when|what)\s+(?:you|u|ya|yu|the|my|it|i)\b)", _F)


def _clean_note(s: str, start: int, end: int) -> tuple[str, int, int] | None:
    seg = s[start:end]
    cut = _NOTE_SENTENCE_END.search(seg)
    if cut and cut.start() > 0:
        seg = seg[: cut.start()]
    # leading whitespace/punctuation/quotes
    lead = len(seg) - len(seg.lstrip(" \"':,-.?!;"))
    start += lead
    seg = seg[lead:]
    for _ in range(4):
        before = seg
        m = _NOTE_TAIL.search(seg)
        if m and m.start() > 0:
            seg = seg[: m.start()]
        m = _NOTE_TRAIL_PROJECT.search(seg)
        if m and m.start() > 0:
            seg = seg[: m.start()]
        seg = _NOTE_TRAIL_JUNK.sub("", seg)
        if seg == before:
            break
    # a misspelt "please" at the very end
    mw = re.search(r"[\s,;.!-]+([A-Za-z]+)(?:\s+(?:you|u|ya))?[\s.!]*$", seg)
    if mw and mw.start() > 0 and _NOTE_FIX.get(mw.group(1).lower()) in ("please", "thanks", "thank"):
        seg = seg[: mw.start()].rstrip(" .!?,;:-")
    # an unbalanced leading quote
    if seg.startswith(("'", '"')) and seg.count(seg[0]) % 2 == 1:
        seg = seg[1:]
        start += 1
    seg = seg.strip()
    if _NOTE_TAIL.fullmatch(" " + seg):
        return None
    if len(seg) < 2 or not re.search(r"[^\W_]", seg) or seg.lower() in _NOTE_EMPTY or _NOTE_NOT_CONTENT.match(seg):
        return None
    return seg, start, start + len(seg)



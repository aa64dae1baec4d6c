"""Time recognition: clock times, bare hours after a cue, ranges and day periods.

Source: the time rules of ``shared/contract/intents.md``: "10am" → ``10:00``,
"2:30 pm" → ``14:30``, "noon" → ``12:00``, "morning" → ``08:00-12:00``,
"afternoon" → ``12:00-17:00``; a range is allowed as ``HH:MM-HH:MM``.

  - "10am", "2:30 pm", "10 a.m.", "14:00", "noon"/"midday" (12:00), "10 o'clock".
  - a bare hour after a cue ("at 8", "around 3", "by 5", "after 2", "@ 10") is read in
    business hours: 7–11 → morning, 12 → noon, 1–6 → afternoon (13:00–18:00).
  - ranges "between 10 and 2", "from 1 to 3pm", "8am-12pm", "10-12pm"; "move it from
    10am to 2pm" gives the new time (14:00).
  - periods: "morning" → 08:00-12:00, "afternoon" → 12:00-17:00, "evening" →
    17:00-20:00 (not in greetings such as "good morning").
  - an explicit clock time wins over a period ("Friday morning at 10" → 10:00).

Shape: ``find_times(chars, original) -> list[(start, end, value, priority)]`` where
``value`` is ``"HH:MM"`` or ``"HH:MM-HH:MM"`` and a lower ``priority`` wins (0 range,
1 clock time, 2 cued bare hour, 3 period). ``chars`` is the working copy of the
normalised text with earlier entities already blanked (see ``text.blank``); each
time span found is blanked too. ``original`` is the normalised text itself.
"""

from __future__ import annotations

import re

from .text import blank, edits1
from .vocab import MONTHS, NUM_WORDS, WEEKDAY_WORDS

__all__ = ["find_times"]

_F = re.IGNORECASE

_AMPM = r"(?:a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])"


def _t_one(p: str) -> str:
    return (
        rf"(?:(?P<{p}h>\d{{1,2}})(?:[:.](?P<{p}m>[0-5]\d))?\s*(?P<{p}ap>{_AMPM})?|(?P<{p}noon>noon|midday))"
    )


_TIME_RANGE = re.compile(
    r"(?P<cue>\b(?:between|from|btw|btwn)\s+)?"
    + _t_one("a")
    + r"\s*(?P<sep>-|to|and|till|til|until|thru|through)\s*"
    + _t_one("b")
    + r"(?!\s*(?:days?|weeks?|hours?|hrs?|mins?|minutes?|months?|years?|people|%|/|st\b|nd\b|rd\b|th\b))",
    _F,
)
_TIME_AMPM = re.compile(rf"(?<![\d:/.])(?P<h>\d{{1,2}})(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>{_AMPM})", _F)
_TIME_COLON = re.compile(r"(?<![\d:/.])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])")
_TIME_OCLOCK = re.compile(
    r"\b(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(?:o\s*'?\s*clock|oclock|o'clok|o clock)", _F
)
_TIME_CUE = re.compile(
    r"(?:\b(?:at|around|about|abt|by|after|before|til|till|until|approx|approximately|arnd|round|for|between)|@)\s*"
    r"(?:(?:like|about|around|maybe|approx)\s+)?(?:the\s+)?"
    r"(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:[:.](?P<m>[0-5]\d))?"
    r"(?:\s*(?:ish|-ish))?\b",
    _F,
)
_TIME_CUE_AFTER = re.compile(
    r"\s*(?:$|[.,!?;:)\-]|on\b|tomorrow|tmrw|tmr|today|tonight|in\s+the\b|please|pls|plz|if\b|works?\b|would\b|is\b|that\b|ok\b|okay\b|or\b|and\b|"
    r"sharp|ish|next\b|this\b|for\b|to\b|then\b|instead\b|so\b|should\b|will\b|could\b|can\b|good\b|fine\b|great\b|perfect\b|the\s+\d|\d|thank|thx|ty\b|"
    r"\W|(?P<w>[a-z]+))",
    _F,
)
_TIME_SLOTREF = re.compile(r"\bthe\s+(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?:slot|one|spot|appointment|opening|time)\b", _F)
_TIME_NOON = re.compile(r"\b(?:12\s*)?(?:noon|midday|mid-day|noontime|12\s*noon)\b", _F)
_TIME_PERIOD = re.compile(
    r"\b(?P<p>mornings?|morn|mornin|am\s+slot|in\s+the\s+am|afternoons?|aftn|arvo|in\s+the\s+pm|pm\s+slot|evenings?|after\s+work|tonight)\b",
    _F,
)
_GREETING_PERIOD = re.compile(
    r"^\W*(?:(?:hi|hey|hello|and|a|very|ok)\W+)?(?:good|gud|gd|g[a-z]{1,4}|[a-z]ood)\s+[a-z]{5,10}\b"
    r"|\b(?:good|gud|gd)\s*(?:mornin[g']?|afternoon|evening|morning|eve)\b|^\W*mornin[g']?\b(?=\W*$|\s*[,!.]|\s+(?:all|everyone|folks|team|there)\b)",
    _F,
)
_PERIOD_FUZZY: dict[str, str] = {}
for _w, _val in (("morning", "08:00-12:00"), ("mornings", "08:00-12:00"), ("afternoon", "12:00-17:00"), ("afternoons", "12:00-17:00"), ("evening", "17:00-20:00"), ("evenings", "17:00-20:00")):
    for _v in edits1(_w):
        if len(_v) >= 6 and _v not in ("mooring", "morning", "evenings", "evening", "afternoon", "afternoons", "mornings", "warning", "burning", "turning", "even", "evenly"):
            _PERIOD_FUZZY.setdefault(_v, _val)
_PERIOD_TOKEN = re.compile(r"[a-z]{6,11}", _F)


_MOVE_WORDS = re.compile(r"\b(?:move|moved|moving|push|pushed|change|changed|switch|bump|shift|reschedul\w*)\b", _F)


def _biz_hour(h: int) -> int:
    if 1 <= h <= 6:
        return h + 12
    return h


def _hm(h: int, m: int) -> str | None:
    if 0 <= h <= 23 and 0 <= m <= 59:
        return f"{h:02d}:{m:02d}"
    return None


def _apply_ampm(h: int, ap: str | None) -> int | None:
    if ap is None:
        return h
    ap = ap.lower().replace(".", "").replace(" ", "")
    if not 1 <= h <= 12:
        return None
    if ap.startswith("p"):
        return h if h == 12 else h + 12
    return 0 if h == 12 else h


def _word_hour(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    return NUM_WORDS.get(tok.lower())


def find_times(chars: list[str], original: str = "") -> list[tuple[int, int, str, int]]:
    """Time candidates (start, end, value, priority); lower priority number wins."""
    found: list[tuple[int, int, str, int]] = []
    cur = "".join(chars)

    def take(start: int, end: int, value: str | None, prio: int) -> None:
        if value is None:
            return
        found.append((start, end, value, prio))
        blank(chars, start, end)

    for m in _TIME_RANGE.finditer(cur):
        def part(p: str) -> tuple[int | None, int, str | None, bool]:
            if m[f"{p}noon"]:
                return 12, 0, None, True
            return int(m[f"{p}h"]), int(m[f"{p}m"] or 0), m[f"{p}ap"], bool(m[f"{p}m"])

        ha, ma, apa, ca = part("a")
        hb, mb, apb, cb = part("b")
        has_cue = bool(m["cue"])
        if not (has_cue or apa or apb or ca or cb or m["anoon"] or m["bnoon"] or m["sep"] == "-"):
            continue
        if ha is None or hb is None or ha > 23 or hb > 23:
            continue
        if apb and not apa and not m["anoon"]:
            hb2 = _apply_ampm(hb, apb)
            if hb2 is None:
                continue
            cand_pm = _apply_ampm(ha, apb)
            ha2 = cand_pm if cand_pm is not None and cand_pm <= hb2 and apb.lower().startswith("p") and ha != 12 else _biz_hour(ha) if ha <= 12 else ha
            if ha2 > hb2:
                ha2 = ha
        elif apa and not apb and not m["bnoon"]:
            ha2 = _apply_ampm(ha, apa)
            hb2 = _biz_hour(hb) if hb <= 12 else hb
            if ha2 is not None and hb2 <= ha2 and hb <= 12:
                hb2 = hb + 12 if hb + 12 <= 23 else hb
        else:
            ha2 = _apply_ampm(ha, apa) if apa else (_biz_hour(ha) if ha <= 12 and not m["anoon"] else ha)
            hb2 = _apply_ampm(hb, apb) if apb else (_biz_hour(hb) if hb <= 12 and not m["bnoon"] else hb)
        if ha2 is None or hb2 is None:
            continue
        a, b = _hm(ha2, ma), _hm(hb2, mb)
        prev = cur[max(0, m.start() - 3) : m.start()]
        prev_orig = (original or cur)[max(0, m.start() - 3) : m.start()]
        right_after_entity = prev.strip() == "" and prev_orig.strip() != ""
        if a and b and (m["cue"] or "").strip().lower() == "from" and _MOVE_WORDS.search(original or cur) and not right_after_entity:
            take(m.start(), m.end(), b, 1)  # "move it from 10am to 2pm": the new time
        elif a and b and a < b:
            take(m.start(), m.end(), f"{a}-{b}", 0)
    cur = "".join(chars)
    for m in _TIME_AMPM.finditer(cur):
        h = _apply_ampm(int(m["h"]), m["ap"])
        if h is not None:
            take(m.start(), m.end(), _hm(h, int(m["m"] or 0)), 1)
    cur = "".join(chars)
    for m in _TIME_COLON.finditer(cur):
        h = int(m["h"])
        take(m.start(), m.end(), _hm(_biz_hour(h) if h <= 12 else h, int(m["m"])), 1)
    cur = "".join(chars)
    for m in _TIME_OCLOCK.finditer(cur):
        h = _word_hour(m["h"])
        if h is not None and 1 <= h <= 12:
            take(m.start(), m.end(), _hm(_biz_hour(h), 0), 1)
    cur = "".join(chars)
    for m in _TIME_NOON.finditer(cur):
        take(m.start(), m.end(), "12:00", 1)
    cur = "".join(chars)
    for m in _TIME_SLOTREF.finditer(cur):
        h = int(m["h"])
        if 1 <= h <= 12:
            take(m.start(), m.end(), _hm(_biz_hour(h), int(m["m"] or 0)), 1)
    cur = "".join(chars)
    for m in _TIME_CUE.finditer(cur):
        h = _word_hour(m["h"])
        if h is None or not 1 <= h <= 12:
            continue
        if not m["h"].isdigit() and re.match(r"\s*for\b", cur[m.start() : m.start() + 5], _F):
            continue
        a = _TIME_CUE_AFTER.match(original or cur, m.end())
        if a is None:
            continue
        w = a["w"]
        cue_text = cur[m.start() : m.start("h")].strip().lower()
        strong = cue_text.startswith("@") or bool(re.match(r"at\s+(?:like|around|about|approx)", cue_text))
        blanked_entity = w is not None and cur[a.start("w")] == " "
        if w is not None and not strong and not blanked_entity and w.lower() not in MONTHS and w.lower() not in WEEKDAY_WORDS:
            continue
        take(m.start("h"), m.end(), _hm(_biz_hour(h), int(m["m"] or 0)), 2)
    cur = "".join(chars)
    greet = [(g.start(), g.end()) for g in _GREETING_PERIOD.finditer(original or cur)]
    for m in _TIME_PERIOD.finditer(cur):
        if any(a <= m.start() < b for a, b in greet):
            continue
        p = m["p"].lower()
        if p.startswith(("morn", "am", "in the am")):
            val = "08:00-12:00"
        elif p.startswith(("afternoon", "aftn", "arvo", "in the pm", "pm")):
            val = "12:00-17:00"
        elif p == "tonight":
            continue
        else:
            val = "17:00-20:00"
        take(m.start(), m.end(), val, 3)
    cur = "".join(chars)
    for m in _PERIOD_TOKEN.finditer(cur):
        val = _PERIOD_FUZZY.get(m.group().lower())
        if val is None or any(a <= m.start() < b for a, b in greet):
            continue
        if not re.search(r"\w", (original or cur)[: m.start()]) and re.match(r"\W*$|\s*[,!]|\s+(?:all|everyone|folks|team|there)\b", cur[m.end() :]):
            continue  # "Mornin :)" is a greeting
        take(m.start(), m.end(), val, 3)
    return found

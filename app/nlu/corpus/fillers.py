"""Slot fillers for the corpus templates, each with its normalised entity value.

The values are computed here, independently of ``app.nlu.entities``, from the rules of
``shared/contract/intents.md`` so that the corpus also tests the extractor.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_ABBR = {
    0: ("Mon", "mon"),
    1: ("Tues", "tue", "Tue", "tues"),
    2: ("Wed", "weds", "Weds"),
    3: ("Thurs", "thu", "Thur", "thurs"),
    4: ("Fri", "fri"),
    5: ("Sat", "sat"),
    6: ("Sun", "sun"),
}
WEEKDAY_TYPOS = {
    1: ("tuesdy", "teusday", "tuseday"),
    2: ("wednesdy", "wensday", "wendsday", "wednsday"),
    3: ("thursdy", "thrusday", "thurday"),
    4: ("firday", "fridy", "friady"),
    5: ("saturdy", "satuday", "saterday"),
    0: ("mondy", "monady"),
    6: ("sundy",),
}
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def _bare_weekday(today: date, wd: int) -> date:
    delta = (wd - today.weekday()) % 7 or 7
    return today + timedelta(days=delta)


def _next_weekday(today: date, wd: int) -> date:
    return today + timedelta(days=7 - today.weekday() + wd)


def date_filler(rng: random.Random, today: date) -> tuple[str, str]:
    """(surface, ISO date) for a date expression; the surface carries its own
    preposition when it has one ("on Friday", "tomorrow", "Dec 3")."""
    kind = rng.choices(
        ["rel", "wd", "next", "md", "num", "dom", "wd_dom"],
        weights=[3, 6, 3, 4, 2, 2, 1],
    )[0]
    if kind == "rel":
        r = rng.random()
        if r < 0.15:
            return rng.choice(["today", "later today", "today"]), today.isoformat()
        if r < 0.85:
            word = rng.choice(["tomorrow", "tomorrow", "tomorrow", "tmrw", "tmr", "tomorow", "tommorow", "2morrow"])
            return word, (today + timedelta(days=1)).isoformat()
        return rng.choice(["the day after tomorrow", "day after tomorrow"]), (today + timedelta(days=2)).isoformat()
    wd = rng.choices(range(7), weights=[5, 5, 5, 5, 5, 3, 1])[0]
    if kind == "wd":
        r = rng.random()
        if r < 0.55:
            name = WEEKDAY_NAMES[wd]
        elif r < 0.8:
            name = WEEKDAY_NAMES[wd].lower()
        elif r < 0.92:
            name = rng.choice(WEEKDAY_ABBR[wd])
        else:
            name = rng.choice(WEEKDAY_TYPOS[wd])
        short = name.lower() in {"mon", "wed", "sat", "sun", "tue", "thu", "fri"}
        prefix = rng.choice(["on ", "on ", "this ", "this coming ", "for "] if short else ["", "", "on ", "on ", "this ", "this coming "])
        return prefix + name, _bare_weekday(today, wd).isoformat()
    if kind == "next":
        name = WEEKDAY_NAMES[wd] if rng.random() < 0.6 else WEEKDAY_NAMES[wd].lower()
        form = rng.choice(["next {d}", "next {d}", "{d} next week", "next week {d}", "{d} of next week", "next week on {d}"])
        return form.format(d=name), _next_weekday(today, wd).isoformat()
    target = today + timedelta(days=rng.randint(0, 60))
    if kind in ("dom", "wd_dom"):
        # a bare day of month means its next occurrence: keep the target within it
        target = today + timedelta(days=rng.randint(0, 27))
    if kind == "md":
        mname = rng.choice([MONTH_NAMES[target.month - 1], MONTH_ABBR[target.month - 1], MONTH_NAMES[target.month - 1].lower(), MONTH_ABBR[target.month - 1].lower()])
        form = rng.choice(["{m} {d}", "{m} {o}", "{m} {d}", "the {o} of {m}", "{m}. {d}", "on {m} {o}", "on {m} {d}"])
        if "." in form and len(mname) > 4:
            form = "{m} {d}"
        return form.format(m=mname, d=target.day, o=ordinal(target.day)), target.isoformat()
    if kind == "num":
        form = rng.choice(["{mo}/{d}", "{mo}/{d}", "on {mo}/{d}", "{mo}/{d}/{y}", "{mo:02d}/{d:02d}"])
        return form.format(mo=target.month, d=target.day, y=target.year), target.isoformat()
    if kind == "dom":
        form = rng.choice(["the {o}", "on the {o}", "the {o}", "for the {o}"])
        return form.format(o=ordinal(target.day)), target.isoformat()
    # weekday + day of month, consistent
    name = WEEKDAY_NAMES[target.weekday()]
    form = rng.choice(["{w} the {o}", "{w}, {m} {d}", "{w} {m} {o}"])
    return form.format(w=name, o=ordinal(target.day), m=MONTH_NAMES[target.month - 1], d=target.day), target.isoformat()


def time_filler(rng: random.Random) -> tuple[str, str]:
    """(surface, HH:MM or HH:MM-HH:MM)."""
    kind = rng.choices(["ampm", "bare", "colon", "noon", "period", "range", "oclock"], weights=[6, 3, 2, 1, 4, 1, 1])[0]
    if kind == "ampm":
        h = rng.choice([8, 9, 10, 11, 12, 1, 2, 3, 4])
        m = rng.choice([0, 0, 0, 0, 30, 15])
        ap = "am" if 7 <= h <= 11 else "pm"
        h24 = h if ap == "am" or h == 12 else h + 12
        mm = f":{m:02d}" if m or rng.random() < 0.2 else ""
        apf = rng.choice([ap, ap, ap.upper(), f" {ap}", f" {ap.upper()}", f" {ap[0]}.m."])
        prefix = rng.choice(["at ", "at ", "at ", "", "around ", "for "])
        return f"{prefix}{h}{mm}{apf}", f"{h24:02d}:{m:02d}"
    if kind == "bare":
        h = rng.choice([8, 9, 10, 11, 1, 2, 3, 4])
        h24 = h if h >= 7 else h + 12
        prefix = rng.choice(["at ", "at ", "around ", "@ ", "at like "])
        return f"{prefix}{h}", f"{h24:02d}:00"
    if kind == "colon":
        h = rng.choice([8, 9, 10, 11, 1, 2, 3])
        m = rng.choice([0, 30])
        h24 = h if h >= 7 else h + 12
        return f"at {h}:{m:02d}", f"{h24:02d}:{m:02d}"
    if kind == "noon":
        return rng.choice(["at noon", "noon", "around noon", "at 12 noon", "midday"]), "12:00"
    if kind == "oclock":
        h = rng.choice([8, 9, 10, 11, 1, 2, 3])
        h24 = h if h >= 7 else h + 12
        return rng.choice([f"at {h} o'clock", f"{h} oclock", f"at {h} o clock"]), f"{h24:02d}:00"
    if kind == "range":
        a, b, val = rng.choice(
            [
                (8, 10, "08:00-10:00"),
                (10, 12, "10:00-12:00"),
                (1, 3, "13:00-15:00"),
                (9, 11, "09:00-11:00"),
                (12, 2, "12:00-14:00"),
                (2, 4, "14:00-16:00"),
            ]
        )
        form = rng.choice(["between {a} and {b}", "from {a} to {b}", "between {a}-{b}", "{a}-{b}"])
        if b < 7 and a >= 7 and rng.random() < 0.5:
            form += "pm"
        elif b < 7 and a < 7:
            form += rng.choice(["pm", " pm", ""])
        return form.format(a=a, b=b), val
    r = rng.random()
    if r < 0.45:
        return rng.choice(["in the morning", "morning", "in the morning", "first thing in the morning", "early morning", "mornings"]), "08:00-12:00"
    if r < 0.9:
        return rng.choice(["in the afternoon", "afternoon", "in the afternoon", "early afternoon", "late afternoon", "after lunch in the afternoon"]), "12:00-17:00"
    return rng.choice(["in the evening", "evening", "early evening"]), "17:00-20:00"


def time_np_filler(rng: random.Random) -> tuple[str, str]:
    """A clock time usable as a noun modifier: "the {tnp} slot" ("10am", "2:30 pm")."""
    h = rng.choice([8, 9, 10, 11, 12, 1, 2, 3, 4])
    h24 = h if h >= 7 else h + 12
    r = rng.random()
    if r < 0.6:
        m = rng.choice([0, 0, 0, 30])
        ap = "am" if 7 <= h <= 11 else "pm"
        mm = f":{m:02d}" if m or rng.random() < 0.3 else ""
        return f"{h}{mm}{rng.choice([ap, ' ' + ap, ap.upper()])}", f"{h24:02d}:{m:02d}"
    if r < 0.8:
        return rng.choice([f"{h} o'clock", f"{h}:00", f"{h} oclock"]), f"{h24:02d}:00"
    if r < 0.9:
        return "noon", "12:00"
    return f"{h}:30", f"{h24:02d}:30"


def datetime_filler(rng: random.Random, today: date) -> tuple[str, dict[str, str]]:
    ds, dv = date_filler(rng, today)
    r = rng.random()
    if r < 0.2 and not ds.startswith(("on ", "the ", "for ", "this ")) and " " not in ds.strip():
        p, pv = rng.choice([("morning", "08:00-12:00"), ("afternoon", "12:00-17:00"), ("evening", "17:00-20:00")])
        return f"{ds} {p}", {"date": dv, "time": pv}
    ts, tv = time_filler(rng)
    if r < 0.75:
        return f"{ds} {ts}", {"date": dv, "time": tv}
    if ts.startswith(("in the ", "morning", "afternoon", "evening", "mornings", "early", "late", "first", "after lunch")):
        return f"{ds} {ts}", {"date": dv, "time": tv}
    return f"{ts} {ds}", {"date": dv, "time": tv}


# --------------------------------------------------------------------------- projects

CATEGORY_SURFACES: dict[str, tuple[str, ...]] = {
    "flooring": ("flooring", "flooring", "floors", "floor", "new floors", "hardwood floors", "laminate", "vinyl plank", "floor install", "LVP"),
    "windows": ("windows", "windows", "window", "window replacement", "window install", "new windows", "replacement windows"),
    "doors": ("doors", "door", "front door", "patio door", "entry door", "new doors", "interior doors"),
    "deck": ("deck", "deck", "deck repair", "decking", "new deck"),
    "kitchen cabinets": ("kitchen cabinets", "cabinets", "cabinet", "kitchen", "cabinet install", "kitchen cabinet"),
    "countertops": ("countertops", "countertop", "counters", "quartz countertops", "granite counters", "counter tops"),
    "roofing": ("roof", "roofing", "new roof", "roof replacement", "roof repair"),
    "siding": ("siding", "vinyl siding", "siding repair"),
    "fence": ("fence", "fence", "fencing", "privacy fence", "fence repair"),
    "gutters": ("gutters", "gutter", "gutter guards", "gutter install"),
    "bathroom": ("bathroom", "bathroom remodel", "bath remodel", "bathroom", "shower remodel", "master bath"),
    "carpet": ("carpet", "carpet", "carpeting", "new carpet", "carpet install"),
    "garage door": ("garage door", "garage door", "garage door repair", "new garage door"),
    "patio": ("patio", "patio", "paver patio", "patio job"),
    "painting": ("painting", "paint job", "interior painting", "exterior painting", "painting job"),
}
CATEGORY_WEIGHTS = {
    "flooring": 6,
    "windows": 6,
    "deck": 5,
    "kitchen cabinets": 5,
    "doors": 3,
    "countertops": 3,
    "roofing": 3,
    "siding": 2,
    "fence": 2,
    "gutters": 2,
    "bathroom": 3,
    "carpet": 3,
    "garage door": 2,
    "patio": 2,
    "painting": 2,
}
CAT_TYPOS = {
    "flooring": ("floring", "flooirng", "flooring"),
    "windows": ("windos", "windoes", "widnows"),
    "kitchen cabinets": ("cabnets", "cabinates", "kitchen cabinets"),
    "bathroom": ("bathrom", "bathroom"),
    "countertops": ("countertps", "counter tops"),
}

ORDINALS = (
    ("the first one", "#1"),
    ("the second one", "#2"),
    ("the third one", "#3"),
    ("first one", "#1"),
    ("second one", "#2"),
    ("the 2nd one", "#2"),
    ("the 1st one", "#1"),
    ("the 3rd one", "#3"),
    ("#1", "#1"),
    ("#2", "#2"),
    ("#3", "#3"),
    ("number 1", "#1"),
    ("number 2", "#2"),
    ("number 3", "#3"),
    ("option 2", "#2"),
    ("the fourth one", "#4"),
    ("the first project", "#1"),
    ("the second project", "#2"),
    ("the 2nd project", "#2"),
    ("the third project", "#3"),
    ("the first one on the list", "#1"),
    ("the second one on the list", "#2"),
)


def cat_word(rng: random.Random) -> tuple[str, str]:
    cats = list(CATEGORY_WEIGHTS)
    cat = rng.choices(cats, weights=[CATEGORY_WEIGHTS[c] for c in cats])[0]
    if cat in CAT_TYPOS and rng.random() < 0.12:
        return rng.choice(CAT_TYPOS[cat]), cat
    return rng.choice(CATEGORY_SURFACES[cat]), cat


def project_id(rng: random.Random) -> str:
    return str(rng.choice([90001, 90002, 90003, 90004]) if rng.random() < 0.4 else rng.randint(10000, 99999999) if rng.random() < 0.1 else rng.randint(90000, 99999))


def order_no(rng: random.Random) -> tuple[str, str]:
    n = rng.choice([1001, 1002, 1003, 1017, 2044, 1234, 5120])
    letter = rng.choice("ABCD")
    val = f"ORD-{n}-{letter}"
    surface = rng.choice([val, val, val.lower(), f"ORD-{n}-{letter.lower()}", f"ord {n}-{letter}"])
    return surface, val


def project_phrase(rng: random.Random) -> tuple[str, str]:
    """A noun phrase naming a project ("my deck repair", "project 90003", …)."""
    r = rng.random()
    if r < 0.62:
        w, cat = cat_word(rng)
        form = rng.choice(
            [
                "my {w} project",
                "the {w} project",
                "my {w} job",
                "the {w} job",
                "my {w}",
                "the {w}",
                "my {w} install",
                "the {w} installation",
                "my {w} order",
                "the {w} one",
                "our {w} project",
                "the {w} work",
            ]
        )
        if w.endswith(("install", "repair", "remodel", "replacement")) and ("install" in form or "job" in form):
            form = rng.choice(["my {w}", "the {w}", "the {w} job"])
        return form.format(w=w), cat
    if r < 0.82:
        pid = project_id(rng)
        form = rng.choice(["project {p}", "project {p}", "project #{p}", "job {p}", "project number {p}", "{p}", "#{p}", "job #{p}"])
        return form.format(p=pid), pid
    s, v = order_no(rng)
    form = rng.choice(["order {o}", "{o}", "order number {o}", "order #{o}", "my order {o}"])
    return form.format(o=s), v


def ordinal_phrase(rng: random.Random) -> tuple[str, str]:
    return rng.choice(ORDINALS)


# --------------------------------------------------------------------------- notes

NOTE_DECLARATIVE = (
    "the gate code is 4412",
    "gate code 4412",
    "Gate code is #2580",
    "the dog will be in the backyard",
    "we have a dog, he's friendly",
    "there's a baby sleeping upstairs so please knock softly",
    "the key is under the mat",
    "the lockbox code is 1970",
    "my husband will be home, his name is Mike",
    "I work from home so any time is fine",
    "the driveway is steep and icy in the morning",
    "our street has no parking on the left side",
    "the garage code is 8812",
    "the front steps are loose",
    "we have two cats that should stay inside",
    "I'm allergic to strong smells",
    "the old flooring has asbestos tiles underneath",
    "the HOA requires trucks to park on the street",
    "there is a side gate on the left of the house",
    "the basement floor is uneven",
    "I'd like the old windows hauled away",
    "the color we picked is Gray Oak",
    "my cell is 555-201-8899",
    "Mom is hard of hearing, please ring twice",
    "the house is the blue one at the end of the cul-de-sac",
    "we will be out of town until the 5th",
    "the power is off in the kitchen",
    "the neighbor's driveway must not be blocked",
    "the subfloor was replaced last year",
    "we need the work done before the holidays",
    "the doorbell doesn't work",
    "the water shutoff is in the basement",
    "there's a wasp nest near the deck",
    "I prefer text messages over calls",
    "the trim should match the hallway",
    "my daughter Emily can let them in",
    "the wifi password is on the fridge",
    "the bathroom upstairs is off limits",
    "Building C, unit 204",
    "Apartment 3B, buzz 32",
    "there's a step down into the living room",
    "the furniture has already been moved",
    "we already removed the old carpet",
    "the alarm code is 2468",
    "they should expect a lot of stairs",
    "I'll be home after 3pm",
    "nobody is home on Mondays",
)
NOTE_IMPERATIVE = (
    "park in the back",
    "park on the street",
    "use the side door",
    "call me 30 minutes before arriving",
    "call before coming",
    "text me when they're on the way",
    "knock instead of ringing the bell",
    "bring extra tiles",
    "take the old carpet with them",
    "wear shoe covers inside",
    "keep the gate closed so the dog stays in",
    "not block the driveway",
    "ring the bell twice",
    "come through the garage",
    "check in with the front desk first",
    "avoid the flower beds",
    "haul away the old windows",
    "be careful with the hardwood in the hallway",
    "leave the trim pieces in the garage",
    "call my wife at 555-310-2277 if I don't answer",
    "bring the paperwork for me to sign",
    "close the windows when they leave",
    "use the driveway on the left",
    "clean up the sawdust",
    "be quiet, my baby naps until 2",
    "go around to the back gate",
    "let themselves in with the lockbox",
    "save the leftover boxes for me",
    "double check the measurements for the pantry",
    "not let the cat out",
)


def note_filler(rng: random.Random, kind: str) -> str:
    if kind == "imp":
        return rng.choice(NOTE_IMPERATIVE)
    if kind == "decl":
        return rng.choice(NOTE_DECLARATIVE)
    return rng.choice(NOTE_DECLARATIVE + NOTE_IMPERATIVE[:10])

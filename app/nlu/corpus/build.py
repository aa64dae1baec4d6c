"""Generate the labelled NLU corpus (``train.jsonl`` + held-out ``test.jsonl``).

Deterministic (seeded). Every base utterance — a hand-written template from
``phrases.py`` or a generated out-of-scope topic — belongs wholly to the training
or to the test split (chosen by a hash of the template), so the test split
measures phrasings the model has never seen. Each base is expanded with slot
fillers (``fillers.py``) and realistic noise: greetings or background before the
request, politeness and emoji after it, texting abbreviations, typos, dropped
punctuation/apostrophes, lower/upper case.

Rows have the evaluation format ``{"text", "intent", "entities"}``; relative dates
are resolved against ``CORPUS_TODAY`` (stored in ``meta.json``).

Run: ``uv run python -m app.nlu.corpus.build`` (``scripts/train_nlu.py`` does it too).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.nlu.corpus import fillers as F
from app.nlu.corpus.phrases import LONG_MESSAGES, PHRASES
from app.nlu.corpus.phrases_extra import EXTRA, LONG_EXTRA, LONG_MORE, MORE
from app.nlu.types import INTENTS

CORPUS_DIR = Path(__file__).resolve().parent
TRAIN_PATH = CORPUS_DIR / "train.jsonl"
TEST_PATH = CORPUS_DIR / "test.jsonl"
META_PATH = CORPUS_DIR / "meta.json"

#: Relative dates in the corpus resolve against this day (a Wednesday in December,
#: so "Jan 5" rolls over to the next year).
CORPUS_TODAY = date(2026, 12, 16)
SEED = 20261123
TEST_SHARE = 0.15

_PLACEHOLDER = re.compile(r"\{(\w+)\}")

# --------------------------------------------------------------------------- noise

GREETING_PREFIXES = (
    "hi",
    "hi,",
    "hello,",
    "hey",
    "hey there,",
    "hi there!",
    "good morning,",
    "good afternoon!",
    "good evening,",
    "hello!",
    "hey!",
    "hiya,",
    "Hi, this is Jane.",
    "Hello, my name is Carlos.",
    "hey it's Mike again,",
    "morning!",
    "hi hi,",
    "yo",
)
FILLER_PREFIXES = (
    "so",
    "ok so",
    "um",
    "umm,",
    "quick question:",
    "quick question,",
    "sorry to bother you, but",
    "hey quick one -",
    "hello, I was wondering,",
    "I was wondering,",
    "question -",
    "just wondering,",
    "ok,",
    "alright,",
    "also,",
    "one more thing,",
    "and",
    "actually,",
    "hmm",
    "well,",
    "excuse me,",
    "I have a question.",
    "can you help me?",
    "not sure if this is the right place but",
    "I hope you can help.",
)
BACKGROUND_PREFIXES = (
    "We just moved into the house last month and",
    "My husband usually handles this but",
    "I got an email from you guys and",
    "I've been waiting a while now,",
    "I'm at work right now so I'll keep it short:",
    "Sorry if this is a dumb question,",
    "I talked to someone at the store last week and they said to use this chat.",
    "My wife asked me to follow up.",
    "I tried calling but nobody answered.",
    "This is for my mom's house.",
    "I'm the homeowner, my name is on the account.",
    "We're renting the place out soon, so",
    "Long story short,",
    "I'm pretty busy these days, so",
    "I've never done this before, so bear with me.",
    "Following up on my order,",
    "Just got home and saw your text.",
    "Hi, I'm messaging on behalf of my father.",
)
SUFFIXES = (
    "thanks",
    "thank you!",
    "pls",
    "please",
    "asap",
    "?",
    "!!",
    "thx",
    "\U0001f64f",
    "\U0001f60a",
    ":)",
    "if possible",
    "when you get a chance",
    "if that's ok",
    "thanks in advance",
    "ty",
    "please and thank you",
    "appreciate it",
    "...",
    "??",
)
NOTE_SAFE_SUFFIXES = ("thanks", "thank you!", "pls", "please", "thx", "ty", "!", ".", "\U0001f64f")
SHORT_SUFFIXES = ("!", ".", "!!", "", "", " \U0001f44d", " :)", "...")

ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "please": ("pls", "plz", "pleas", "plse"),
    "you": ("u", "ya", "yu"),
    "your": ("ur", "you're", "yr"),
    "you're": ("ur", "your", "youre"),
    "are": ("r",),
    "appointment": ("appt", "appt.", "apt", "appointmnt", "apointment", "appoinment", "appointement"),
    "appointments": ("appts", "apts"),
    "thanks": ("thx", "thnx", "thanx", "tks"),
    "thank you": ("ty", "thank u", "thankyou"),
    "okay": ("ok", "k", "kk"),
    "ok": ("k", "okay", "okk"),
    "because": ("bc", "cuz", "cause"),
    "with": ("w/", "wit"),
    "what": ("wat", "wht", "whta"),
    "what's": ("whats", "wats", "what is"),
    "about": ("abt", "bout"),
    "tonight": ("tonite", "2nite"),
    "know": ("kno",),
    "don't": ("dont", "do not", "dnt"),
    "I'm": ("im", "Im", "i am"),
    "can't": ("cant", "cannot"),
    "schedule": ("sched", "schedual", "shedule", "scedule", "schdule"),
    "reschedule": ("resched", "re-schedule", "reschedual", "reshedule", "rescedule", "rescheduel"),
    "cancel": ("cancle", "cancell", "cansel", "cxl"),
    "available": ("avail", "availible", "avaliable", "availabe"),
    "availability": ("avail", "availibility", "avalability"),
    "installation": ("install", "instalation", "installaton"),
    "install": ("instal", "istall"),
    "installer": ("instaler", "installr"),
    "technician": ("tech", "techician", "technican"),
    "something": ("smth", "somethin"),
    "someone": ("some one", "somebody", "sum1"),
    "tomorrow": ("tmrw", "tmr", "tomorow"),
    "going to": ("gonna",),
    "want to": ("wanna",),
    "got to": ("gotta",),
    "would": ("wud", "would"),
    "could": ("cud", "could"),
    "the": ("da", "teh", "the"),
    "is": ("iz",),
    "are you": ("r u", "are u"),
    "why": ("y",),
    "really": ("rly",),
    "people": ("ppl",),
    "message": ("msg",),
    "before": ("b4",),
    "see you": ("cya", "see ya"),
    "probably": ("prob", "prolly"),
    "need": ("ned", "nee"),
    "project": ("proj", "projet", "prject", "porject"),
    "projects": ("projs", "projets", "prjects"),
    "time": ("tme",),
    "times": ("tmes", "timez"),
    "slots": ("slts",),
    "hours": ("hrs",),
    "minutes": ("mins",),
    "tell": ("tel",),
    "crew": ("crw", "crue"),
    "note": ("nte", "noe"),
    "notes": ("nots", "ntoes"),
    "details": ("deets", "detials"),
    "information": ("info",),
    "order": ("ordr",),
    "orders": ("ordrs",),
}
_ABBR_RE = re.compile(r"(?<![\w{'])(" + "|".join(sorted((re.escape(k) for k in ABBREVIATIONS), key=len, reverse=True)) + r")(?![\w}'])", re.IGNORECASE)
KEYBOARD_NEIGHBOURS = {
    "a": "qsz",
    "b": "vgn",
    "c": "xvd",
    "d": "sfe",
    "e": "wrd",
    "f": "dgr",
    "g": "fht",
    "h": "gjy",
    "i": "uok",
    "j": "hku",
    "k": "jli",
    "l": "kop",
    "m": "nj",
    "n": "bmh",
    "o": "ipl",
    "p": "ol",
    "q": "wa",
    "r": "etf",
    "s": "adw",
    "t": "ryg",
    "u": "yij",
    "v": "cbf",
    "w": "qes",
    "x": "zc",
    "y": "tuh",
    "z": "xa",
}
CHITCHAT = {"confirm", "deny", "greeting", "thanks", "goodbye", "help"}


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.3:
        return word[:i] + word[i + 1 :]
    if op < 0.55:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op < 0.75:
        return word[:i] + word[i] + word[i:]
    c = word[i].lower()
    if c in KEYBOARD_NEIGHBOURS:
        return word[:i] + rng.choice(KEYBOARD_NEIGHBOURS[c]) + word[i + 1 :]
    return word


def _noise_template(t: str, intent: str, rng: random.Random, *, has_note: bool) -> str:
    """Noise applied to the template, before slots are filled (fillers stay intact)."""
    chit = intent in CHITCHAT
    # prefixes
    if not chit and intent != "greeting":
        r = rng.random()
        if r < 0.14:
            t = f"{rng.choice(GREETING_PREFIXES)} {t}"
        elif r < 0.22:
            t = f"{rng.choice(FILLER_PREFIXES)} {t}"
        elif r < 0.28:
            t = f"{rng.choice(BACKGROUND_PREFIXES)} {t[:1].lower() + t[1:]}"
        elif r < 0.31:
            t = f"{rng.choice(GREETING_PREFIXES)} {rng.choice(FILLER_PREFIXES)} {t}"
    elif intent in ("confirm", "deny", "thanks", "goodbye") and rng.random() < 0.08:
        t = f"{rng.choice(['ok', 'oh', 'hmm', 'well', 'um', 'ah'])} {t}"
    # suffixes
    r = rng.random()
    if chit:
        if r < 0.3:
            t = t.rstrip(".!?") + rng.choice(SHORT_SUFFIXES)
    elif r < 0.25:
        end = t.rstrip()
        if has_note and re.search(r"\{note\w*\}\W*$", end):
            suf = rng.choice(NOTE_SAFE_SUFFIXES)
        else:
            suf = rng.choice(SUFFIXES)
        sep = "" if suf in ("?", "!!", "...", "??", "!", ".") else rng.choice([" ", ", ", ". "])
        t = end + sep + suf
    # abbreviations
    if rng.random() < 0.3:
        def sub(m: re.Match[str]) -> str:
            if rng.random() < 0.6:
                return rng.choice(ABBREVIATIONS[m.group(1).lower()]) if m.group(1).lower() in ABBREVIATIONS else m.group(1)
            return m.group(1)

        t = _ABBR_RE.sub(sub, t)
    # typos
    if rng.random() < 0.22:
        words = t.split(" ")
        idx = [i for i, w in enumerate(words) if "{" not in w and w.isalpha() and len(w) >= 4]
        for i in rng.sample(idx, min(len(idx), rng.choice([1, 1, 2]))):
            words[i] = _typo(words[i], rng)
        t = " ".join(words)
    # punctuation
    if rng.random() < 0.35:
        t = t.rstrip(" .!?")
        if rng.random() < 0.3 and not chit:
            t = t + rng.choice(["?", "??", "!", "."])
    if rng.random() < 0.25:
        t = t.replace("'", "")
    if rng.random() < 0.2:
        t = re.sub(r",(?![^{]*\})", "", t)
    return t


def _case(text: str, ents: dict[str, str], rng: random.Random) -> tuple[str, dict[str, str]]:
    r = rng.random()
    if r < 0.33:
        text = text.lower()
        if "note_text" in ents:
            ents["note_text"] = ents["note_text"].lower()
    elif r < 0.36:
        text = text.upper()
        if "note_text" in ents:
            ents["note_text"] = ents["note_text"].upper()
    elif r < 0.7 and text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text, ents


# --------------------------------------------------------------------------- filling


def _fill(template: str, rng: random.Random, today: date) -> tuple[str, dict[str, str]]:
    ents: dict[str, str] = {}
    dates: dict[str, str] = {}
    used_surfaces: set[str] = set()

    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in ("date", "date2"):
            for _ in range(10):
                s, v = F.date_filler(rng, today)
                if v not in dates.values() and s not in used_surfaces:
                    break
            used_surfaces.add(s)
            dates[name] = v
            return s
        if name == "time":
            s, v = F.time_filler(rng)
            ents["time"] = v
            return s
        if name == "tnp":
            s, v = F.time_np_filler(rng)
            ents["time"] = v
            return s
        if name == "dt":
            s, d = F.datetime_filler(rng, today)
            dates["date"] = d["date"]
            ents["time"] = d["time"]
            return s
        if name == "proj":
            s, v = F.project_phrase(rng)
            ents["project_ref"] = v
            return s
        if name == "cat":
            s, v = F.cat_word(rng)
            ents["project_ref"] = v
            return s
        if name == "ord":
            s, v = F.ordinal_phrase(rng)
            ents["project_ref"] = v
            return s
        if name == "pnum":
            v = F.project_id(rng)
            ents["project_ref"] = v
            return v
        if name == "ordno":
            s, v = F.order_no(rng)
            ents["project_ref"] = v
            return s
        if name in ("note", "note_imp", "note_decl"):
            kind = {"note": "any", "note_imp": "imp", "note_decl": "decl"}[name]
            v = F.note_filler(rng, kind)
            ents["note_text"] = v
            return v
        raise KeyError(name)

    text = _PLACEHOLDER.sub(repl, template)
    if "date2" in dates:
        ents["date"] = dates["date2"]
    elif "date" in dates:
        ents["date"] = dates["date"]
    text = re.sub(r"\s+", " ", text).strip()
    return text, ents


@dataclass
class Base:
    intent: str
    template: str
    group: str  # split key

    @property
    def has_slots(self) -> bool:
        return "{" in self.template


def _lines(block: str) -> list[str]:
    return [ln.strip() for ln in block.strip().splitlines() if ln.strip() and not ln.strip().startswith("#")]


def _bases() -> list[Base]:
    out: list[Base] = []
    for intent in INTENTS:
        for t in _lines(PHRASES.get(intent, "")) + _lines(EXTRA.get(intent, "")) + _lines(MORE.get(intent, "")):
            out.append(Base(intent, t, f"{intent}|{t.lower()}"))
        for t in _lines(LONG_MESSAGES.get(intent, "")) + _lines(LONG_EXTRA.get(intent, "")) + _lines(LONG_MORE.get(intent, "")):
            out.append(Base(intent, t, f"{intent}|long|{t.lower()}"))
    out.extend(_oos_bases())
    return out


# --------------------------------------------------------------------------- generated out_of_scope

_OOS_SLOTS: dict[str, tuple[str, ...]] = {
    "country": ("France", "Japan", "Brazil", "Canada", "Kenya", "Norway", "Peru", "Vietnam", "Egypt", "Australia", "Mexico", "Italy"),
    "food": ("lasagna", "banana bread", "fried rice", "a turkey", "sourdough", "chili", "pancakes", "tacos", "pad thai", "meatballs", "guacamole", "risotto"),
    "thing": ("cats", "the ocean", "my grandma", "coffee", "the moon", "pirates", "autumn", "robots", "a lonely tree", "football", "dinosaurs", "space"),
    "form": ("poem", "haiku", "short story", "song", "rap", "limerick", "essay", "speech", "joke"),
    "team": ("Cowboys", "Lakers", "Yankees", "Patriots", "Warriors", "Red Sox", "Eagles", "Celtics", "Chiefs", "Dodgers"),
    "city": ("Denver", "Miami", "Chicago", "Seattle", "Austin", "Boston", "Atlanta", "Phoenix", "Nashville", "Portland"),
    "lang": ("Spanish", "French", "German", "Japanese", "Italian", "Chinese", "Korean", "Portuguese"),
    "phrase": ("good morning", "where is the bathroom", "I love you", "thank you very much", "how much does it cost", "see you tomorrow"),
    "media": ("movie", "book", "TV show", "podcast", "video game", "album", "documentary"),
    "appliance": ("dishwasher", "fridge", "washing machine", "microwave", "water heater", "furnace", "printer", "car", "phone", "laptop", "TV"),
    "item": ("a lawn mower", "a new phone", "running shoes", "a mattress", "a used car", "a laptop", "a grill", "a vacuum", "a couch", "a TV"),
    "person": ("Abraham Lincoln", "Beyonce", "Elon Musk", "Albert Einstein", "Shakespeare", "Michael Jordan", "Oprah", "Napoleon"),
    "service": ("dentist", "doctor", "vet", "hair salon", "oil change", "massage", "tax preparer", "car wash", "DMV", "nail salon"),
    "sub": ("Netflix subscription", "Spotify", "gym membership", "newspaper delivery", "Amazon Prime", "cable", "car insurance", "phone plan"),
    "product": ("hardwood flooring", "replacement windows", "a new roof", "kitchen cabinets", "granite countertops", "a fence", "carpet", "a deck", "vinyl siding", "gutters"),
    "unit": ("miles to kilometers", "cups to ounces", "pounds to kilograms", "feet to meters", "Fahrenheit to Celsius", "gallons to liters"),
    "biz": ("Walmart's", "Costco's", "Target's", "the bank's", "the library's", "Starbucks'", "the post office's", "the pharmacy's", "the DMV's"),
    "plant": ("tomatoes", "roses", "basil", "a lemon tree", "tulips", "strawberries", "succulents", "peppers"),
    "pet": ("dog", "cat", "parrot", "hamster", "goldfish", "rabbit", "puppy", "kitten"),
    "skill": ("guitar", "French", "to code", "chess", "to swim", "photography", "to knit", "calculus"),
    "gadget": ("laptop", "phone", "tablet", "smart watch", "camera", "TV", "headphones", "router"),
    "unit2": ("inches", "ounces", "minutes", "grams", "feet", "teaspoons"),
    "unit3": ("mile", "pound", "day", "kilogram", "yard", "cup"),
    "event": ("World Cup", "Oscars", "Grammys", "Kentucky Derby", "Masters", "NBA finals", "Super Bowl", "World Series"),
    "cuisine": ("Thai", "Mexican", "Italian", "Indian", "sushi", "Greek", "Ethiopian", "BBQ"),
    "buyverb": ("order", "buy", "purchase", "get a price on", "add"),
    "acctverb": ("update", "change", "reset", "edit", "fix"),
    "acct": ("email address", "phone number", "password", "username", "billing address", "payment method", "login", "credit card on file"),
    "company": ("licensed and insured", "bonded", "BBB accredited", "family owned", "a local company", "hiring", "union", "veteran owned"),
    "when": ("time", "day", "year", "month", "date"),
    "holiday": ("Easter", "Thanksgiving", "Labor Day", "daylight saving time", "Mother's Day", "the Fourth of July", "Halloween", "Hanukkah"),
    "ride": ("cab", "taxi", "Uber", "Lyft", "ride", "limo"),
    "topic": ("photosynthesis", "algebra", "the civil war", "black holes", "inflation", "the stock market", "climate change", "machine learning", "DNA", "gravity"),
}
_OOS_TEMPLATES = (
    "what's the capital of {country}",
    "how many people live in {country}",
    "what language do they speak in {country}",
    "how do I make {food}",
    "give me a recipe for {food}",
    "what goes well with {food}",
    "write a {form} about {thing}",
    "can you write me a {form} about {thing}",
    "tell me a joke about {thing}",
    "did the {team} win last night",
    "when do the {team} play next",
    "who's the quarterback for the {team}",
    "what's the weather in {city}",
    "is it going to rain in {city} this weekend",
    "find me a cheap flight to {city}",
    "best restaurants in {city}?",
    "translate '{phrase}' into {lang}",
    "how do you say {phrase} in {lang}",
    "recommend a good {media}",
    "what {media} should I check out this weekend",
    "my {appliance} is broken, how do I fix it",
    "why is my {appliance} making a weird noise",
    "where can I buy {item}",
    "what's the best place to get {item}",
    "who was {person}",
    "tell me about {person}",
    "make me an appointment at the {service}",
    "book me in at the {service} next week",
    "can you call the {service} for me",
    "cancel my {sub}",
    "how do I cancel my {sub}",
    "how much does {product} cost",
    "what's the price for {product}",
    "can I get a quote on {product}",
    "do you guys sell {product}",
    "convert {unit}",
    "what's {n1} plus {n2}",
    "what is {n1} times {n2}",
    "what's {n1} divided by {n2}",
    "what are {biz} hours",
    "what time does {biz} close",
    "is {biz} open on sunday",
    "what time is it in {city}",
    "how do I get to {city} from here",
    "who is the mayor of {city}",
    "how do I grow {plant}",
    "when should I plant {plant}",
    "my {pet} won't eat, what should I do",
    "what's a good name for a {pet}",
    "how do I learn {skill}",
    "teach me {skill}",
    "what's the best {gadget} to buy",
    "my {gadget} keeps crashing",
    "how many {unit2} are in a {unit3}",
    "who won the {event}",
    "when is the {event} this year",
    "what's the history of {country}",
    "what currency does {country} use",
    "is it safe to travel to {country}",
    "recommend a {cuisine} restaurant",
    "what's a good {cuisine} recipe",
    "explain {topic} to me",
    "what is {topic}",
    "help me with my {topic} homework",
    "I'd like to {buyverb} {product}",
    "can I {buyverb} {product} from you",
    "{acctverb} my {acct}",
    "how do I {acctverb} my {acct}",
    "are you guys {company}",
    "is your company {company}",
    "what {when} is it",
    "when is {holiday} this year",
    "call me a {ride}",
    "get me a {ride} to the airport",
)


def _oos_bases() -> list[Base]:
    return [Base("out_of_scope", t, f"oosgen|{t}") for t in _OOS_TEMPLATES]


def _fill_oos(template: str, rng: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in ("n1", "n2"):
            return str(rng.randint(2, 999))
        return rng.choice(_OOS_SLOTS[name])

    return _PLACEHOLDER.sub(repl, template)


# --------------------------------------------------------------------------- build


def _is_test(group: str) -> bool:
    h = int(hashlib.sha256(group.encode()).hexdigest()[:8], 16)
    return (h % 10_000) / 10_000 < TEST_SHARE


def _variants(base: Base) -> int:
    if base.group.startswith("oosgen|"):
        return 12
    if base.intent in CHITCHAT:
        return 5
    if base.has_slots:
        return 9
    return 5


def _literal_entities(template: str, today: date) -> dict[str, str]:
    from app.nlu.entities import extract_entities

    blanked = _PLACEHOLDER.sub(" ", template)
    return extract_entities(blanked, today=today)


def build(today: date = CORPUS_TODAY, seed: int = SEED) -> tuple[list[dict], list[dict]]:
    """(train rows, test rows), deterministic for ``today`` and ``seed``."""
    rng = random.Random(seed)
    train: list[dict] = []
    test: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for base in _bases():
        lit = {} if base.group.startswith("oosgen|") else _literal_entities(base.template, today)
        target = test if _is_test(base.group) else train
        n = _variants(base)
        for k in range(n):
            if base.group.startswith("oosgen|"):
                t = _noise_template(base.template, base.intent, rng, has_note=False) if k else base.template
                text = _fill_oos(t, rng)
                ents: dict[str, str] = {}
            else:
                t = base.template if k == 0 else _noise_template(base.template, base.intent, rng, has_note="{note" in base.template)
                text, ents = _fill(t, rng, today)
                for key, val in lit.items():
                    ents.setdefault(key, val)
                if base.intent == "out_of_scope":
                    ents.pop("project_ref", None)  # product talk, not a reference to the customer's project
            if k:
                text, ents = _case(text, ents, rng)
            key = (text.lower(), base.intent)
            if key in seen or not text.strip():
                continue
            seen.add(key)
            target.append({"text": text, "intent": base.intent, "entities": dict(sorted(ents.items()))})
    return train, test


def vocabulary() -> dict[str, int]:
    """Word frequencies of the clean (noise-free) templates and fillers: the
    dictionary the classifier's spelling correction maps unknown words onto."""
    words: Counter[str] = Counter()
    texts: list[str] = []
    for d in (PHRASES, EXTRA, MORE, LONG_MESSAGES, LONG_EXTRA, LONG_MORE):
        for block in d.values():
            texts.extend(_lines(block))
    texts.extend(_OOS_TEMPLATES)
    for vals in _OOS_SLOTS.values():
        texts.extend(vals)
    for vals in F.CATEGORY_SURFACES.values():
        texts.extend(vals)
    texts.extend(F.NOTE_DECLARATIVE + F.NOTE_IMPERATIVE + F.MONTH_NAMES + F.WEEKDAY_NAMES)
    for t in texts:
        for w in re.findall(r"[a-z][a-z']+", _PLACEHOLDER.sub(" ", t).lower()):
            words[w] += 1
    return dict(words)


def corpus_hash(rows: list[dict]) -> str:
    h = hashlib.sha256()
    for r in rows:
        h.update(json.dumps(r, sort_keys=True, ensure_ascii=False).encode())
        h.update(b"\n")
    return h.hexdigest()[:16]


def write(train: list[dict], test: list[dict], today: date = CORPUS_TODAY) -> dict:
    for path, rows in ((TRAIN_PATH, train), (TEST_PATH, test)):
        with path.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    meta = {
        "today": today.isoformat(),
        "seed": SEED,
        "test_share": TEST_SHARE,
        "train_rows": len(train),
        "test_rows": len(test),
        "train_hash": corpus_hash(train),
        "test_hash": corpus_hash(test),
        "train_per_intent": dict(sorted(Counter(r["intent"] for r in train).items())),
        "test_per_intent": dict(sorted(Counter(r["intent"] for r in test).items())),
    }
    META_PATH.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def load_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> int:
    train, test = build()
    meta = write(train, test)
    print(json.dumps({k: v for k, v in meta.items() if not k.endswith("per_intent")}, indent=2))
    print("train per intent:", meta["train_per_intent"])
    print("test per intent:", meta["test_per_intent"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The embedded intent classifier: TF-IDF features + a calibrated linear model.

- ``LocalIntentClassifier.classify(text, today=..., context=...)`` first resolves short
  context-dependent answers ("yes", "the second one", "Friday", "10am") from the
  :class:`~app.nlu.types.DialogueContext` (``source="context"``), then asks the model.
- The model reads the message with its entities replaced by placeholder tokens
  (``datex``, ``timex``, ``projectid``, ``ordernum``, ``ordinalref``, ``notetext``), so
  "book me for Dec 3 at 10am" and "book me for tomorrow at 2" look alike to it.
- Confidence is calibrated by temperature scaling fitted on out-of-fold decision
  scores (``sklearn.calibration.CalibratedClassifierCV(method="temperature")``).
- The trained model is an artifact in ``app/nlu/model/`` built by
  ``uv run python scripts/train_nlu.py``; when it is missing or stale (other corpus
  hash or scikit-learn version) ``LocalIntentClassifier.load()`` trains in memory
  from the committed corpus instead. Nothing is ever downloaded.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import threading
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from app.nlu.entities import Extraction, extract
from app.nlu.types import INTENTS, DialogueContext, NluResult

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
MODEL_DIR = PACKAGE_DIR / "model"
MODEL_PATH = MODEL_DIR / "intent_model.joblib"
META_PATH = MODEL_DIR / "intent_model.json"
CORPUS_TRAIN = PACKAGE_DIR / "corpus" / "train.jsonl"

#: Bumped when preprocessing or model code changes in a way that invalidates artifacts.
MODEL_FORMAT = 1

# --------------------------------------------------------------------------- preprocessing

_ABBREV = {
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "plse": "please",
    "pleas": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "tks": "thanks",
    "ty": "thank you",
    "tysm": "thank you so much",
    "appt": "appointment",
    "appts": "appointments",
    "apt": "appointment",
    "apts": "appointments",
    "resched": "reschedule",
    "sched": "schedule",
    "avail": "available",
    "info": "information",
    "k": "ok",
    "kk": "ok",
    "okk": "ok",
    "okay": "ok",
    "im": "i am",
    "i'm": "i am",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "w/": "with",
    "b4": "before",
    "cuz": "because",
    "bc": "because",
    "abt": "about",
    "wat": "what",
    "wht": "what",
    "whats": "what's",
    "thats": "that's",
    "idk": "i don't know",
    "nvm": "never mind",
    "nevermind": "never mind",
    "yea": "yeah",
    "ya'll": "you all",
    "y'all": "you all",
    "cxl": "cancel",
    "msg": "message",
    "tech": "technician",
    "techs": "technicians",
    "teh": "the",
    "da": "the",
    "proj": "project",
    "deets": "details",
    "hrs": "hours",
}
_TOKEN_RE = re.compile(r"[a-z0-9']+|[^\sa-z0-9']", re.IGNORECASE)
_REPEAT_RE = re.compile(r"(.)\1{2,}")
_SPACES_RE = re.compile(r"\s+")
_PLACEHOLDERS = {"datex", "timex", "projectid", "ordernum", "ordinalref", "notetext"}

#: Concept tokens appended to the model text: synonyms of the words that decide an
#: intent, so an unseen synonym still points the right way. (Domain knowledge, not data.)
_CONCEPTS: tuple[tuple[str, str], ...] = (
    ("zzcancel", r"\b(?:cancel\w*|call(?:ing)? off|scrap|nix|unschedule|unbook|void|terminate|delete|remove (?:my|the|me)|take (?:me|it|the appointment) off|get rid of|"
     r"don't (?:need|want|send|come)|do not (?:need|want|send|come)|no longer (?:need|want)|not (?:need|needed) anymore|don't need (?:the|anyone|anybody|a)|"
     r"we're not doing|not going ahead|kill the)\b"),
    ("zzmove", r"\b(?:reschedul\w*|re-schedul\w*|rebook\w*|re-book|postpone\w*|push(?:ed|ing)? (?:it|my|the|back|out|to)|bump\w*|move\w* (?:it|my|the|me|to)|shift\w*|"
     r"change (?:my|the|it|to)|switch (?:my|to|the|days?)|swap|rearrange|different (?:day|date|time)|another (?:day|date|time)|new (?:date|time|day)|"
     r"can't make it|cannot make it|won't be (?:home|around|there|available)|something came up|never showed|didn't show|no show|no-show|nobody (?:came|showed)|"
     r"no one (?:came|showed)|didn't come|did not come|never came|never come|stood (?:me|us) up|earlier|later|instead)\b"),
    ("zzbook", r"\b(?:book\w*|schedul\w*|set up|setup|make an? (?:appointment|appt)|reserve|sign me up|put (?:me|us) (?:down|in|on)|pencil|fit (?:me|us) in|"
     r"lock (?:me|it|us) in|get (?:me|us|it) (?:on|booked|scheduled)|send (?:someone|the crew|a tech|the installer|somebody)|come (?:out|over|by)|i'll take|i will take)\b"),
    ("zzavail", r"\b(?:availab\w*|avail|openings?|open dates?|soonest|earliest|next available|first available|how soon|when can|when could|when would|"
     r"free days?|lead time|booked up|how far out|what days|which days|what dates|which dates|dates)\b"),
    ("zztimes", r"\b(?:times|time slots?|slots?|what time (?:can|could|do you have|are)|which times|what hours are (?:free|open)|time options|arrival windows?)\b"),
    ("zzstatus", r"\b(?:when is my|when's my|when are (?:you|they|the)|is my (?:appointment|install\w*|visit|booking)|still on|still coming|still happening|"
     r"still scheduled|confirmed|still set|am i (?:booked|scheduled|on the schedule)|do i have an? (?:appointment|booking|visit)|eta|arrival time|"
     r"what time (?:is|are|will|should)|when will|go through|went through|been (?:scheduled|booked|set|confirmed)|confirm my (?:appointment|appt|time|booking))\b"),
    ("zzdetails", r"\b(?:status|address|installer'?s? name|technician|who is|who's|store|purchas\w*|bought|buy|sold|sale|complet\w*|finished|done|details?|"
     r"information|order number|project number|project id|how long|service time|materials?|progress|update|on hold|assigned|ready to (?:schedule|book|install)|"
     r"ready for (?:install\w*|scheduling)|tell me (?:more )?about|what's happening|what is happening|what's going on)\b"),
    ("zzhours", r"\b(?:hours|open|close[sd]?|closing|opening|weekends?|holidays?|business hours|office hours|working hours|what time do you|how late|how early|"
     r"until what time|till what time|what time does (?:the|your) (?:office|crew|shop)|work (?:on )?(?:weekends|saturdays|sundays))\b"),
    ("zzaddnote", r"\b(?:add (?:a|this|the)? ?notes?|leave (?:a|the) note|make a note|note (?:that|for|to)|notetext|tell (?:the|them|him|her|my|whoever)|let (?:the|them|him|her) \w* ?know|"
     r"remind (?:the|them)|inform|pass (?:it |this )?(?:along|on)|make sure (?:the|they)|fyi|heads up|instructions for)\b"),
    ("zznotes", r"\b(?:notes|comment\w*|messages?|what did (?:the|my) \w+ (?:write|say|note)|my note|the note|wrote|written|noted)\b"),
    ("zznoteq", r"\b(?:did|has|have|was|were|is)\s+(?:you|u|someone|anyone|anybody|somebody|the \w+|my \w+|it)\s+(?:\w+\s+)?(?:leave|left|add|added|write|wrote|get|got|see|saw|save|saved|go through|gone through|comment\w*)\b"),
    ("zzyes", r"^(?:\W*(?:yes|yeah|yep|yup|ya|yea|sure|ok|alright|perfect|great|good|fine|correct|right|exactly|absolutely|definitely|confirm\w*|agreed?|"
     r"proceed|go ahead|do it|sounds (?:good|great|perfect|right)|that works|works|book it|lock it in|of course|for sure|affirmative|approved|deal|"
     r"please do|i agree|good to go|make it happen|book that|that's the one|that's it|that is it|let's do (?:it|that))\b)"),
    ("zzno", r"^(?:\W*(?:no|nope|nah|not|don't|do not|never ?mind|stop|wait|wrong|negative|incorrect|leave it|keep it|hold off|forget it|scratch that|none|neither)\b)"),
    ("zzgreet", r"^\W*(?:hi|hello|hey|howdy|hiya|heya|greetings|good (?:morning|afternoon|evening|day)|morning|yo|sup)\b"),
    ("zzthanks", r"\b(?:thanks?|thank you|thankyou|appreciate\w*|grateful|much obliged|cheers)\b"),
    ("zzbye", r"\b(?:bye|goodbye|farewell|see (?:you|ya)|talk (?:later|soon)|later|good night|have a (?:good|great|nice) (?:day|one|night|evening|weekend)|"
     r"that's (?:all|it|everything)|that is all|all set|all done|i'm done|i am done|finished|nothing else|signing off|logging off|take care|cya|ttyl|"
     r"covers it|that'll do|that will do|done here|we're done|we are done|nothing further|no further|no more questions|night|goodnight|gotta (?:go|run))\b"),
    ("zzhelp", r"\b(?:help|what can you|how does (?:this|it) work|how do i use|options|menu|confused|lost|stuck|understand|capabilit\w*|what are you|who are you|bot|robot|automated|instructions|guide)\b"),
    ("zzhuman", r"\b(?:human|person|people|agent|representative|rep|someone|somebody|manager|supervisor|operator|customer service|support|call me|phone|"
     r"callback|call back|ring me|speak (?:to|with)|talk (?:to|with)|escalate|real)\b"),
    ("zzproj", r"\b(?:projects?|jobs?|orders?|installs?|installations?|account)\b"),
    ("zzmine", r"\b(?:my|mine|our|i have|do i have|on my account|under my name)\b"),
    ("zzwhich", r"\b(?:the \w+ one|that one|this one|the one|one for|one with)\b"),
)
_CONCEPT_RES = tuple((tok, re.compile(pat)) for tok, pat in _CONCEPTS)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Speller:
    """Maps a word unknown to the corpus vocabulary onto a known word at edit
    distance 1 (deletion, insertion, substitution, transposition), the most
    frequent one; short, numeric and placeholder tokens are left alone."""

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = {w: c for w, c in vocab.items() if len(w) >= 2}
        index: dict[str, list[str]] = {}
        for w in self.vocab:
            if len(w) < 3:
                continue
            for k in _deletes(w) | {w}:
                index.setdefault(k, []).append(w)
        self.index = index
        self._cache: dict[str, str] = {}

    def correct(self, tok: str) -> str:
        if len(tok) < 4 or tok in self.vocab or not tok.isalpha() or tok in _PLACEHOLDERS:
            return tok
        hit = self._cache.get(tok)
        if hit is not None:
            return hit
        best, best_c = tok, 0
        for k in _deletes(tok) | {tok}:
            for w in self.index.get(k, ()):
                if _dist1(tok, w):
                    c = self.vocab[w]
                    if c > best_c or (c == best_c and w < best):
                        best, best_c = w, c
        if len(self._cache) < 50_000:
            self._cache[tok] = best
        return best


def _dist1(a: str, b: str) -> bool:
    """True when a and b differ by one edit (Damerau)."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1 or a == b:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def model_text(ex: Extraction, speller: Speller | None = None) -> str:
    """The text the model sees: entities masked, lower-cased, abbreviations expanded,
    misspellings corrected against the corpus vocabulary, concept tokens appended."""
    t = ex.masked().lower().replace("\u2019", "'")
    t = _REPEAT_RE.sub(r"\1\1", t)
    toks = _TOKEN_RE.findall(t)
    out: list[str] = []
    for tok in toks:
        tok = _ABBREV.get(tok, tok)
        if speller is not None:
            tok = _ABBREV.get(speller.correct(tok), speller.correct(tok))
        out.append(tok)
    base = _SPACES_RE.sub(" ", " ".join(out)).strip()
    base = base.replace(" ' ", "'").replace(" '", "'")
    concepts = [tok for tok, rx in _CONCEPT_RES if rx.search(base)]
    if concepts:
        return base + " " + " ".join(concepts)
    return base


# --------------------------------------------------------------------------- model


def _features():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    return FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(
                    analyzer="word",
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    min_df=1,
                    token_pattern=r"(?u)\b\w[\w']*\b|[?!]",
                    dtype=np.float32,
                ),
            ),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 5),
                    sublinear_tf=True,
                    min_df=2,
                    max_features=120_000,
                    dtype=np.float32,
                ),
            ),
        ]
    )


MODEL_KINDS = ("svc_temp", "lr_temp", "lr", "svc_sigmoid")
DEFAULT_KIND = "svc_temp"


def build_estimator(kind: str = DEFAULT_KIND, *, seed: int = 0):
    """A fresh (unfitted) scikit-learn pipeline of the given kind."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    if kind == "svc_temp":
        clf = CalibratedClassifierCV(
            LinearSVC(C=1.0, class_weight="balanced", random_state=seed), method="temperature", cv=3, ensemble=False
        )
    elif kind == "svc_sigmoid":
        clf = CalibratedClassifierCV(LinearSVC(C=1.0, class_weight="balanced", random_state=seed), method="sigmoid", cv=3)
    elif kind == "lr_temp":
        clf = CalibratedClassifierCV(
            LogisticRegression(C=20.0, class_weight="balanced", max_iter=3000), method="temperature", cv=3, ensemble=False
        )
    elif kind == "lr":
        clf = LogisticRegression(C=20.0, class_weight="balanced", max_iter=3000)
    else:
        raise ValueError(f"unknown model kind {kind!r}")
    return Pipeline([("features", _features()), ("clf", clf)])


def code_hash() -> str:
    """Hash of the code that turns a message into model input (extraction, masking,
    spelling, concepts): an artifact built with other code is stale. Covers every
    ``.py`` file of the ``entities`` package (sorted, each with its name) and this
    module."""
    h = hashlib.sha256()
    files = sorted((PACKAGE_DIR / "entities").glob("*.py")) + [PACKAGE_DIR / "classifier.py"]
    for path in files:
        data = path.read_bytes()
        h.update(f"{path.relative_to(PACKAGE_DIR).as_posix()}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:16]


def corpus_file_hash(path: Path = CORPUS_TRAIN) -> str:
    h = hashlib.sha256()
    h.update(f"format={MODEL_FORMAT}\n".encode())
    try:
        h.update(path.read_bytes())
    except OSError:
        return "no-corpus-file"
    return h.hexdigest()[:16]


def load_corpus_rows(path: Path = CORPUS_TRAIN) -> list[dict]:
    """Training rows: the committed corpus, regenerated (deterministically) when the
    file is missing; written back when the package directory is writable."""
    if not path.exists():
        from app.nlu.corpus import build as corpus_build

        train, test = corpus_build.build()
        try:
            corpus_build.write(train, test)
        except OSError:
            return train
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def make_speller() -> Speller:
    from app.nlu.corpus.build import vocabulary

    return Speller(vocabulary())


def rows_to_xy(rows: list[dict], today: date, speller: Speller | None = None) -> tuple[list[str], list[str]]:
    xs = [model_text(extract(r["text"], today=today), speller) for r in rows]
    ys = [r["intent"] for r in rows]
    return xs, ys


@dataclass
class IntentModel:
    """What the artifact stores: the fitted pipeline and the speller's vocabulary."""

    pipeline: Any
    vocab: dict[str, int]
    kind: str = DEFAULT_KIND

    def __post_init__(self) -> None:
        self.speller = Speller(self.vocab)

    def __getstate__(self) -> dict:
        return {"pipeline": self.pipeline, "vocab": self.vocab, "kind": self.kind}

    def __setstate__(self, state: dict) -> None:
        self.pipeline = state["pipeline"]
        self.vocab = state["vocab"]
        self.kind = state.get("kind", DEFAULT_KIND)
        self.speller = Speller(self.vocab)

    @property
    def classes_(self):
        return self.pipeline.classes_


def train_model(rows: list[dict], *, kind: str = DEFAULT_KIND, today: date | None = None) -> IntentModel:
    """Fit a model on corpus rows (entities masked with the corpus' own today)."""
    from app.nlu.corpus.build import CORPUS_TODAY, vocabulary

    vocab = vocabulary()
    speller = Speller(vocab)
    xs, ys = rows_to_xy(rows, today or CORPUS_TODAY, speller)
    est = build_estimator(kind)
    est.fit(xs, ys)
    return IntentModel(est, vocab, kind)


class _FastPath:
    """The fitted pipeline's arithmetic without scikit-learn's per-call overhead:
    TF-IDF (sublinear tf, l2 norm) of each vectorizer, the linear scores of the
    estimator and the temperature softmax. Built from, and checked against, the
    pipeline at load time; not used when it does not reproduce ``predict_proba``."""

    def __init__(self, pipeline: Any) -> None:
        from sklearn.calibration import CalibratedClassifierCV

        union = pipeline.named_steps["features"]
        clf = pipeline.named_steps["clf"]
        self.parts: list[tuple[Any, dict[str, int], np.ndarray, bool, int]] = []
        offset = 0
        for _name, vec in union.transformer_list:
            if vec.norm != "l2" or not vec.use_idf:
                raise ValueError("unsupported vectorizer")
            self.parts.append((vec.build_analyzer(), vec.vocabulary_, np.asarray(vec.idf_, dtype=np.float64), bool(vec.sublinear_tf), offset))
            offset += len(vec.vocabulary_)
        if isinstance(clf, CalibratedClassifierCV):
            if clf.method != "temperature" or len(clf.calibrated_classifiers_) != 1:
                raise ValueError("unsupported calibration")
            cc = clf.calibrated_classifiers_[0]
            est = cc.estimator
            self.beta = float(cc.calibrators[0].beta_)
        else:
            est = clf
            self.beta = 1.0
            if not hasattr(est, "predict_proba") or getattr(est, "multi_class", "auto") not in ("auto", "multinomial"):
                raise ValueError("unsupported estimator")
        coef = np.asarray(est.coef_, dtype=np.float64)
        if coef.shape[0] != len(clf.classes_):
            raise ValueError("binary models are not supported")
        self.coef_t = np.ascontiguousarray(coef.T)  # (n_features, n_classes)
        self.intercept = np.asarray(est.intercept_, dtype=np.float64)

    def predict_proba(self, text: str) -> np.ndarray:
        idx: list[int] = []
        vals: list[float] = []
        for analyzer, vocab, idf, sublinear, offset in self.parts:
            counts: dict[int, int] = {}
            for term in analyzer(text):
                j = vocab.get(term)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            js = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            if sublinear:
                tf = 1.0 + np.log(tf)
            w = tf * idf[js]
            norm = float(np.sqrt(np.dot(w, w)))
            if norm > 0:
                w /= norm
            idx.extend((js + offset).tolist())
            vals.extend(w.tolist())
        scores = self.intercept.copy()
        if idx:
            scores += np.asarray(vals) @ self.coef_t[np.asarray(idx)]
        z = self.beta * scores
        z -= z.max()
        e = np.exp(z)
        return e / e.sum()


def _make_fast_path(pipeline: Any) -> _FastPath | None:
    """A checked fast path, or None (then the pipeline itself is used)."""
    try:
        fast = _FastPath(pipeline)
        probes = ["book me for datex at timex", "yes", "what are your hours", "add a note that notetext zzaddnote", "", "asdf qwerty"]
        ref = pipeline.predict_proba(probes)
        for text, row in zip(probes, ref):
            if not np.allclose(fast.predict_proba(text), row, atol=1e-4):
                log.warning("intent model: fast path disagrees with the pipeline; using the pipeline")
                return None
        return fast
    except Exception as exc:  # any unexpected model layout: use the pipeline
        log.info("intent model: no fast path (%s)", exc)
        return None


# --------------------------------------------------------------------------- context rules

_YES_RE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|alright|great|perfect|cool|sure|yes|yeah|yep|yup|ya|yea|yess+|y|k|kk|absolutely|definitely|of course|"
    r"correct|right|exactly|affirmative|please do|do it|go ahead|go for it|sounds (?:good|great|perfect)|that works|works(?: for me)?|"
    r"that(?:'s| is) (?:fine|good|great|perfect|right|correct)|fine|confirm(?:ed)?|book it|lock it in|let'?s do it|"
    r"yes please|please|sure thing|you got it|that'?ll work|good|mhm|uh huh|\U0001f44d|ok do it|proceed)[\s,.!]*)+"
    r"(?:(?:please|thanks|thank you|thx)[\s.!]*)?$",
    re.IGNORECASE,
)
_NO_RE = re.compile(
    r"^\W*(?:(?:no|nope|nah|na|n|no thanks|no thank you|not really|never ?mind|nvm|leave it|don'?t|do not|stop|wait|hold on|hold off|"
    r"cancel that|forget it|scratch that|negative|not now|not yet|no way|don'?t do (?:it|that)|leave it as is|keep it)[\s,.!]*)+$",
    re.IGNORECASE,
)
_LAST_RE = re.compile(r"\b(?:the\s+)?(?:last|final|bottom)\s+(?:one|project|job|order|option)\b|^\W*(?:the\s+)?last\W*$", re.IGNORECASE)
_BARE_NUMBER_RE = re.compile(r"^\W*(?:#|no\.?\s*|number\s*|option\s*)?(\d{1,2})\W*$", re.IGNORECASE)
_BARE_ORD_SUFFIX_RE = re.compile(r"^\W*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)(?:\s+(?:one|project|job|option))?\W*$", re.IGNORECASE)
_SHORT_MAX_WORDS = 9
_PERIOD_ANSWER_RE = re.compile(
    r"^\W*(?:(?:in\s+)?the\s+|an?\s+|(?:ok|okay|um+|hmm+)\W+)?(morning|afternoon|evening)s?(?:\s+(?:please|pls|is\s+(?:good|better|best|fine)|works|would\s+be\s+(?:good|great|best)))?\W*$",
    re.IGNORECASE,
)
_PERIODS = {"morn": "08:00-12:00", "afte": "12:00-17:00", "even": "17:00-20:00"}


@dataclass
class _Scored:
    intent: str
    probs: np.ndarray


class LocalIntentClassifier:
    """The embedded classifier (see the module docstring)."""

    def __init__(self, model: IntentModel, *, meta: dict | None = None) -> None:
        self.model = model
        self._est = model.pipeline
        self.meta = meta or {}
        self.classes: tuple[str, ...] = tuple(str(c) for c in model.classes_)
        self._lock = threading.Lock()
        self._fast = _make_fast_path(model.pipeline)

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, *, allow_train: bool = True) -> LocalIntentClassifier:
        """The stored artifact when it matches the corpus and scikit-learn, else a model
        trained in memory from the corpus (deterministic, a few seconds)."""
        import sklearn

        reason = "no artifact"
        if MODEL_PATH.exists() and META_PATH.exists():
            try:
                meta = json.loads(META_PATH.read_text(encoding="utf-8"))
                if meta.get("sklearn_version") != sklearn.__version__:
                    reason = f"artifact built with scikit-learn {meta.get('sklearn_version')}"
                elif meta.get("corpus_hash") != corpus_file_hash():
                    reason = "artifact built from another corpus"
                elif meta.get("code_hash") != code_hash():
                    reason = "artifact built by other preprocessing code"
                elif meta.get("format") != MODEL_FORMAT:
                    reason = "artifact of another format"
                else:
                    import joblib

                    est = joblib.load(MODEL_PATH)
                    return cls(est, meta=meta)
            except Exception as exc:  # a broken artifact must not stop the service
                reason = f"artifact unreadable: {exc}"
        if not allow_train:
            raise FileNotFoundError(reason)
        log.warning("intent model: %s; training in memory from the corpus", reason)
        return cls.train_from_corpus()

    @classmethod
    def train_from_corpus(cls, *, kind: str = DEFAULT_KIND) -> LocalIntentClassifier:
        import sklearn

        t0 = time.perf_counter()
        rows = load_corpus_rows()
        est = train_model(rows, kind=kind)
        meta = {
            "format": MODEL_FORMAT,
            "kind": kind,
            "corpus_hash": corpus_file_hash(),
            "code_hash": code_hash(),
            "sklearn_version": sklearn.__version__,
            "train_rows": len(rows),
            "train_seconds": round(time.perf_counter() - t0, 2),
            "source": "memory",
        }
        return cls(est, meta=meta)

    # ------------------------------------------------------------------ classify

    def _scores(self, model_input: str) -> np.ndarray:
        if self._fast is not None:
            return self._fast.predict_proba(model_input)
        with self._lock:  # sklearn objects are not guaranteed thread-safe
            probs = self._est.predict_proba([model_input])[0]
        return np.asarray(probs, dtype=float)

    def _ranking(self, probs: np.ndarray, k: int = 5) -> tuple[tuple[str, float], ...]:
        order = np.argsort(-probs)[: max(3, k)]
        return tuple((self.classes[i], round(float(probs[i]), 4)) for i in order)

    def classify(self, text: str, *, today: date, context: DialogueContext | None = None) -> NluResult:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        ex = extract(text, today=today)
        ents = dict(ex.entities)
        if context is not None:
            res = self._from_context(text, ents, context)
            if res is not None:
                return res
        mt = model_text(ex, self.model.speller)
        if not mt:
            # nothing to read: low confidence, so the clarifier asks what the customer wants
            return self._result("out_of_scope", 0.4, ents, probs=None)
        probs = self._scores(mt)
        best = int(np.argmax(probs))
        intent = self.classes[best]
        conf = float(probs[best])
        if intent == "out_of_scope":
            ents.pop("project_ref", None)  # product talk, not a reference to the customer's project
        return NluResult(intent=intent, confidence=round(conf, 4), ranking=self._ranking(probs), entities=ents, source="model")

    def _result(self, intent: str, conf: float, ents: dict[str, str], probs: np.ndarray | None) -> NluResult:
        if probs is None:
            others = [c for c in ("out_of_scope", "help", "greeting", "confirm") if c != intent]
            rest = (1.0 - conf) / len(others)
            ranking = ((intent, conf),) + tuple((o, round(rest, 4)) for o in others)
        else:
            ranking = self._ranking(probs)
        return NluResult(intent=intent, confidence=round(conf, 4), ranking=ranking, entities=ents, source="model")

    # ------------------------------------------------------------------ context

    def _context_result(self, intent: str, ents: dict[str, str], alternatives: tuple[str, ...]) -> NluResult:
        conf = 0.97
        alts = [a for a in alternatives if a != intent][:3]
        while len(alts) < 2:
            alts.append(next(c for c in ("out_of_scope", "help", "deny") if c not in alts and c != intent))
        rest = round((1 - conf) / len(alts), 4)
        ranking = ((intent, conf),) + tuple((a, rest) for a in alts)
        return NluResult(intent=intent, confidence=conf, ranking=ranking, entities=ents, source="context")

    def _from_context(self, text: str, ents: dict[str, str], ctx: DialogueContext) -> NluResult | None:
        stripped = text.strip()
        words = re.findall(r"[\w']+", stripped)
        if len(words) > _SHORT_MAX_WORDS:
            return None
        lowered = stripped.lower()

        # 1. yes / no while something waits for confirmation
        if ctx.has_pending_action or ctx.expecting == "confirmation":
            if _NO_RE.match(lowered):
                return self._context_result("deny", {}, ("confirm", "cancel_appointment"))
            if _YES_RE.match(lowered) and not (set(ents) & {"date", "time"}):
                return self._context_result("confirm", {}, ("deny", "schedule_appointment"))

        # 2. picking a project from a list
        expecting_project = ctx.expecting == "project" or (ctx.listed_project_count > 0 and ctx.expecting is None)
        if expecting_project:
            ref = ents.get("project_ref")
            if ref is None:
                if _LAST_RE.search(lowered) and ctx.listed_project_count > 0:
                    ref = f"#{ctx.listed_project_count}"
                else:
                    m = _BARE_NUMBER_RE.match(lowered) or _BARE_ORD_SUFFIX_RE.match(lowered)
                    if m:
                        n = int(m.group(1))
                        if 1 <= n <= max(ctx.listed_project_count, 1) or (ctx.listed_project_count == 0 and n <= 20):
                            ref = f"#{n}"
            if ref is not None and "note_text" not in ents:
                # "the 2nd" means the second project here, not a date
                short_ref = len(words) <= 6 and not re.search(
                    r"\b(?:book|schedule|cancel|reschedule|move|notes?|hours?|when|status|details?|address|who)\b", lowered
                )
                if short_ref:
                    out = {"project_ref": ref}
                    return self._context_result("select_project", out, ("project_details", "list_projects"))

        # 3. a bare date / time answering offered dates or slots
        offered = bool(ctx.offered_dates or ctx.offered_slots) or ctx.expecting in ("date", "time")
        if offered and "time" not in ents:
            mp = _PERIOD_ANSWER_RE.match(lowered)
            if mp:
                ents = dict(ents)
                ents["time"] = _PERIODS[mp.group(1)[:4]]
        if offered and (ents.get("date") or ents.get("time")) and "note_text" not in ents:
            if re.search(
                r"\b(?:cancel|reschedule|move|notes?|hours|open|close|status|who|address|weather|instead of)\b|\bwhat\s+(?:are|is)\s+your\b",
                lowered,
            ):
                return None
            has_time = "time" in ents
            if not has_time and ctx.expecting != "time" and not ctx.offered_slots:
                # a day chosen among offered dates -> the times of that day
                return self._context_result("get_time_slots", {k: v for k, v in ents.items() if k in ("date", "project_ref")}, ("schedule_appointment", "get_available_dates"))
            if not has_time and ctx.offered_slots and ctx.expecting != "date":
                # a date while slots were offered: look at that day's times
                return self._context_result("get_time_slots", {k: v for k, v in ents.items() if k in ("date", "project_ref")}, ("schedule_appointment", "get_available_dates"))
            if has_time:
                if re.search(r"\b(?:what|which|any|anything|available|openings?|free)\b.*\?|\?$", lowered) and not re.search(
                    r"\b(?:book|take|schedule|works?|please|pls)\b", lowered
                ):
                    return None  # "is 10am available friday?" is a question for the model
                return self._context_result("schedule_appointment", {k: v for k, v in ents.items() if k in ("date", "time", "project_ref")}, ("get_time_slots", "confirm"))
        return None


@functools.cache
def get_local_classifier() -> LocalIntentClassifier:
    """The process-wide classifier (loaded once)."""
    return LocalIntentClassifier.load()


__all__ = [
    "LocalIntentClassifier",
    "get_local_classifier",
    "model_text",
    "build_estimator",
    "train_model",
    "IntentModel",
    "load_corpus_rows",
    "corpus_file_hash",
    "code_hash",
    "MODEL_PATH",
    "META_PATH",
    "INTENTS",
]

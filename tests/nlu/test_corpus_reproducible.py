"""The training corpus is reproducible: the generator rebuilds exactly the committed files."""

from __future__ import annotations

from pathlib import Path

from app.nlu.corpus import build

CORPUS = Path(build.__file__).parent


def test_the_generator_rebuilds_the_committed_corpus() -> None:
    train, test = build.build()
    assert train == build.load_rows(CORPUS / "train.jsonl")
    assert test == build.load_rows(CORPUS / "test.jsonl")


def test_train_and_test_share_no_message() -> None:
    train = {row["text"].lower() for row in build.load_rows(CORPUS / "train.jsonl")}
    test = {row["text"].lower() for row in build.load_rows(CORPUS / "test.jsonl")}
    assert len(train & test) / len(test) < 0.02  # short replies ("yes", "thanks") may recur

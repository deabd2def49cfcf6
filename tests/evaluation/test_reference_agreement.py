"""The project's scorer gives the figures of the reference scorer, ``../shared/eval/score.py``.

The project is measured elsewhere with the reference, so ``make eval`` must agree with it count
for count. The reports scored here are made up from a sample of the real-news gold files with a
seeded random generator: quotes missed, cut short, run on into the next words, split in two,
reported twice at different places (the gold ``offsets`` break the tie), with speakers that
contain an alias, a ``speakers_not`` name, another speaker's name or nothing, plus spurious
spans of article text, optional texts and quotes without words. Every branch of the rules is
exercised on real annotations, optional fields included, without running the pipeline.
"""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from worker.evaluation.gold import load_story
from worker.evaluation.score import score_report

SAMPLE = range(0, 84, 12)  # polnear0, polnear12, ... : 7 files, 70 articles


@pytest.fixture(scope="module")
def reference(shared: Path) -> ModuleType:
    """``score.py`` imported by path (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("reference_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _speaker(rng: random.Random, gold: dict[str, Any], key: str) -> str | None:
    aliases = gold["speakers"][key]
    others = [a for k, v in gold["speakers"].items() if k != key for a in v]
    nots = gold.get("speakers_not", {}).get(key, [])
    choice = rng.random()
    if choice < 0.1:
        return None
    if aliases and nots and choice < 0.4:
        return f"{nots[0].title()} {aliases[0].title()}"  # contains an alias and a not-name
    if aliases and choice < 0.5:
        return f"{aliases[0].title()}son"  # contains the alias, not as a whole word
    if others and choice < 0.65:
        return rng.choice(others).title()
    return f"Sen. {aliases[0].title()}" if aliases else "Someone Else"


def made_up_report(gold: dict[str, Any], folder: Path, seed: int) -> dict[str, Any]:
    """A report in the shape ``quotelens check --format json`` gives (see the module doc)."""
    rng = random.Random(seed)
    articles = []
    for name, article in gold["articles"].items():
        text = (folder / article["file"]).read_bytes().decode("utf-8-sig")
        offsets = article.get("offsets", {})
        quotes: list[tuple[str, str | None, int | None]] = []
        for gid, (quote, key) in article["quotes"].items():
            words = quote.split()
            start = offsets.get(gid)
            roll = rng.random()
            if roll < 0.1:
                continue
            if roll < 0.2 and len(words) > 3:
                half = len(words) // 2
                quotes.append((" ".join(words[:half]), _speaker(rng, gold, key), start))
                quotes.append((" ".join(words[half:]), _speaker(rng, gold, key), None))
                continue
            if roll < 0.3:
                quote = " ".join(words[: max(1, len(words) // 2)])
            elif roll < 0.4 and start is not None:
                after = text[start + len(quote) : start + len(quote) + 200].split()
                quote = f"{quote} {' '.join(after[: rng.randint(1, 12)])}"
            elif roll < 0.5 and start is not None:
                quotes.append((quote, _speaker(rng, gold, key), start + rng.randint(50, 900)))
            quotes.append((quote, _speaker(rng, gold, key), start))
        spread = text.split()
        for _ in range(rng.randint(0, 3)):
            at = rng.randrange(max(1, len(spread)))
            quotes.append((" ".join(spread[at : at + rng.randint(2, 14)]), "Pat Doe", None))
        quotes.extend((item, None, None) for item in article.get("optional", []))
        if rng.random() < 0.3:
            quotes.append(("—", "Pat Doe", 0))
        rng.shuffle(quotes)
        articles.append(
            {
                "source": name,
                "quotes": [
                    {
                        "id": f"{name}-q{n}",
                        "text": quote,
                        "speaker": speaker,
                        **({"start": start} if start is not None else {}),
                    }
                    for n, (quote, speaker, start) in enumerate(quotes)
                ],
            }
        )
    return {"articles": articles, "comparisons": []}


@pytest.mark.slow  # 7 real-news stories, both scorers, twice (seconds): not in `make check`
def test_counts_and_errors_agree_with_the_reference(
    reference: ModuleType, realnews_folder: Path
) -> None:
    checked = 0
    for number in SAMPLE:
        path = realnews_folder / f"polnear{number}.json"
        gold = json.loads(path.read_text(encoding="utf-8"))
        for seed in (number, number + 1000):
            pred = made_up_report(gold, realnews_folder, seed)
            want = reference.score(gold, pred)
            score = score_report(load_story(path), pred)
            c = score.counts
            got = {
                "gold": c.gold_quotes,
                "found": c.found,
                "speaker_ok": c.speaker_right,
                "pred": c.reported,
                "pred_ok": c.correct,
                "speaker_scored": c.speaker_scored,
                "gold_scored": c.gold_scored,
            }
            assert got == want["counts"], f"{path.name} seed {seed}"
            misses = [m.gold.id for m in score.gold_matches if not m.found]
            wrong = [m.gold.id for m in score.gold_matches if m.speaker_right is False]
            assert misses == want["misses"], f"{path.name} seed {seed}"
            assert wrong == [line.split(": ", 1)[0] for line in want["wrong_speakers"]]
            # With nothing to judge the reference says 0.0 and the project 1.0 (as for P and R):
            # only the ratios of non-empty counts are compared.
            if c.speaker_scored:
                assert c.speaker_accuracy == pytest.approx(want["speaker_accuracy"], abs=5e-4)
            if c.gold_scored:
                assert c.speaker_accuracy_all == pytest.approx(
                    want["speaker_accuracy_all"], abs=5e-4
                )
            checked += c.gold_quotes
    assert checked > 500  # the sample really held quotes

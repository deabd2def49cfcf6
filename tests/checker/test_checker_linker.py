"""Pairs are judged once per distinct pair of texts (and speaker agreement), with the same
result as judging each pair on its own."""

from __future__ import annotations

import pytest

import worker.checker.matching.linker as linker_module
from tests.checker.checker_helpers import ANN, BOB, article, quote
from worker.checker import build_report
from worker.checker.matching.linker import Linker
from worker.checker.matching.wording import LinkRules, classify
from worker.checker.text.normalise import normalise_quote

RULES = LinkRules()

WIRE = "The port will reopen on Monday, but not before the inspection is complete."


def _counting_classify(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]

    def counted(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return classify(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(linker_module, "classify", counted)
    return calls


def test_a_wire_quote_carried_by_many_outlets_is_aligned_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _counting_classify(monkeypatch)
    story = [article(f"outlet{n}", quote(f"outlet{n}-q1", WIRE)) for n in range(6)]
    report = build_report(story)
    assert len(report.comparisons) == 15  # every pair of the six outlets is reported...
    assert calls[0] == 1  # ...from one alignment of the one distinct pair of texts
    assert {(c.wording, c.same_speaker) for c in report.comparisons} == {("identical", True)}


def test_speaker_agreement_is_part_of_the_memo() -> None:
    # A changed figure links only for the same speaker: the memo must not reuse one verdict
    # for the other.
    words = [normalise_quote(t) for t in ("closer to $40 million", "closer to $14 million")] * 2
    linker = Linker(words, [ANN, ANN, BOB, ANN], RULES)
    same = linker.link(0, 1)
    different = linker.link(2, 3)
    assert same is not None and same.match.wording == "variant" and same.same_speaker
    assert different is None


def test_memoised_links_equal_direct_classification() -> None:
    texts = [WIRE, WIRE, "The port will reopen on Monday.", "The port will not reopen on Monday."]
    words = [normalise_quote(text) for text in texts]
    linker = Linker(words, [ANN] * len(texts), RULES)
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            link = linker.link(i, j)
            direct = classify(words[i], words[j], True, RULES)
            assert (link.match if link else None) == direct
            if link is not None:
                assert [op.op for op in linker.diff(link)] == [
                    step.tag
                    for step in direct.alignment.steps  # type: ignore[union-attr]
                ]

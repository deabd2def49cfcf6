"""What the pipeline got wrong on a scored story, one record each: for JSON and for reading.

Kinds: ``pipeline_error``, ``missed`` (a gold quote not found), ``wrong_speaker``, ``spurious``
(a reported quote matching no gold quote), ``pair`` (a gold pair not linked or graded wrongly) and
``false_link`` (a link between reported quotes that stands for no gold pair).
"""

from __future__ import annotations

from typing import Any

from worker.evaluation.gold import GoldStory
from worker.evaluation.score import StoryScore


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_records(score: StoryScore, gold: GoldStory) -> list[dict[str, Any]]:
    """Every miss of one story as structured records (for JSON and for the text listing)."""
    records: list[dict[str, Any]] = []
    if score.pipeline_error:
        records.append({"kind": "pipeline_error", "error": score.pipeline_error.strip()})
    for article in score.articles:
        for match in article.gold:
            quote = match.gold
            if not match.found:
                records.append(
                    {
                        "kind": "missed",
                        "gold": quote.id,
                        "article": quote.article,
                        "text": quote.text,
                        "covered": match.covered,
                        "words": len(quote.words),
                        "nearest": match.best.id if match.best else None,
                        "nearest_text": match.best.text if match.best else None,
                    }
                )
            elif match.speaker_right is False:  # None: the gold speaker is unscored
                records.append(
                    {
                        "kind": "wrong_speaker",
                        "gold": quote.id,
                        "article": quote.article,
                        "text": quote.text,
                        "want": quote.speaker,
                        "aliases": list(gold.speakers[quote.speaker]),
                        "not_name": match.not_name,
                        "source_text": gold.speaker_sources.get(quote.speaker),
                        "reported": match.best.speaker if match.best else None,
                        "reported_quote": match.best.id if match.best else None,
                    }
                )
        for reported in article.reported:
            if reported.counted and not reported.correct:
                records.append(
                    {
                        "kind": "spurious",
                        "reported": reported.quote.id,
                        "article": reported.quote.article,
                        "text": reported.quote.text,
                        "speaker": reported.quote.speaker,
                        "covered": reported.covered,
                        "words": len(reported.quote.words),
                    }
                )
    for pair in score.pairs:
        if pair.fully_right and pair.severity_right is not False:
            continue
        gold_pair = pair.pair
        record: dict[str, Any] = {
            "kind": "pair",
            "a": gold_pair.a,
            "b": gold_pair.b,
            "relation": gold_pair.relation,
            "severity": gold_pair.severity,
            "same_speaker": gold_pair.same_speaker,
            "best_a": pair.best_a,
            "best_b": pair.best_b,
            "problems": [],
        }
        problems: list[str] = record["problems"]
        if pair.best_a is None or pair.best_b is None:
            missing = [
                g for g, b in ((gold_pair.a, pair.best_a), (gold_pair.b, pair.best_b)) if b is None
            ]
            problems.append("not found: " + ", ".join(missing))
        elif pair.comparison is None:
            problems.append(f"not linked ({pair.best_a} ~ {pair.best_b})")
        else:
            c = pair.comparison
            if not pair.wording_right:
                problems.append(f"wording {c.wording} (want {gold_pair.relation})")
            if pair.severity_right is False and pair.wording_right:
                problems.append(f"severity {c.severity} (want {gold_pair.severity})")
            if not pair.same_speaker_right:
                problems.append(f"same_speaker {c.same_speaker} (want {gold_pair.same_speaker})")
        records.append(record)
    for link in score.false_links:
        c = link.comparison
        records.append(
            {
                "kind": "false_link",
                "a": c.a,
                "b": c.b,
                "wording": c.wording,
                "severity": c.severity,
                "gold_a": list(link.gold_a),
                "gold_b": list(link.gold_b),
            }
        )
    return records


def format_error(story: str, record: dict[str, Any]) -> str:
    """One human-readable line (or block) per error record."""
    kind = record["kind"]
    head = f"[{story}]"
    if kind == "pipeline_error":
        return f"{head} pipeline error:\n{record['error']}"
    if kind == "missed":
        nearest = (
            f"; nearest {record['nearest']}: “{_short(record['nearest_text'], 60)}”"
            if record["nearest"]
            else "; nothing near"
        )
        return (
            f"{head} missed {record['gold']} ({record['article']}, "
            f"{record['covered']}/{record['words']} words): “{_short(record['text'])}”"
            f"{nearest}"
        )
    if kind == "wrong_speaker":
        source = f" (source {record['source_text']!r})" if record.get("source_text") else ""
        names = f", names {record['not_name']!r}" if record.get("not_name") else ""
        return (
            f"{head} speaker {record['gold']}: want {record['want']} "
            f"{record['aliases']}{source}, reported {record['reported']!r}{names} on "
            f"{record['reported_quote']}: “{_short(record['text'], 60)}”"
        )
    if kind == "spurious":
        return (
            f"{head} spurious {record['reported']} ({record['speaker']!r}, "
            f"{record['covered']}/{record['words']} words in gold): "
            f"“{_short(record['text'])}”"
        )
    if kind == "pair":
        return (
            f"{head} pair {record['a']}~{record['b']} ({record['relation']}"
            f"{'/' + record['severity'] if record['severity'] else ''}): "
            + "; ".join(record["problems"])
        )
    if kind == "false_link":
        return (
            f"{head} false link {record['a']} ~ {record['b']} ({record['wording']}"
            f"{'/' + record['severity'] if record['severity'] else ''}) standing for "
            f"{'/'.join(record['gold_a'])} ~ {'/'.join(record['gold_b'])}"
        )
    return f"{head} {record}"

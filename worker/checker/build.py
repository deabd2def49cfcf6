"""From extracted articles to a report: the checker's pipeline in one place.

Speakers are unified first because the link rules depend on them (a short excerpt may only link
quotes of the same speaker). Then quotes are normalised, blocked, aligned, clustered and judged.
Within a cluster every pair from different articles is compared, also pairs that were not
candidates themselves (they met through a third quote); a pair that does not pass the link
rules itself (two disjoint pieces of one statement, say) gets no comparison, because there is no
shared wording to compare.
Very large clusters compare only their direct links, so one widely carried statement cannot make
the check quadratic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from worker.checker.blocking import DEFAULT_BLOCKING, BlockingConfig, candidate_pairs
from worker.checker.cluster import Link, cluster_quotes
from worker.checker.normalise import NormalisedQuote, normalise_quote
from worker.checker.report import (
    DiffOp,
    Report,
    ReportArticle,
    ReportCluster,
    ReportComparison,
    ReportQuote,
    ReportSpeaker,
    ReportStats,
)
from worker.checker.speakers import Sighting, SpeakerIndex, unify_speakers
from worker.checker.verdicts import cluster_speaker, cluster_text, cluster_verdict, summarise
from worker.checker.wording import DEFAULT_RULES, LinkRules, classify
from worker.records import Article, ExtractedArticle, Quote

MAX_CLUSTER_ALL_PAIRS = 150


@dataclass(frozen=True, slots=True)
class _Entry:
    """One quote with where it came from and what the checker derived from it."""

    article_index: int
    article: Article
    quote: Quote
    speaker: str | None
    words: NormalisedQuote


def _diff(link: Link, entries: Sequence[_Entry]) -> list[DiffOp]:
    a, b = entries[link.a].words, entries[link.b].words
    ops: list[DiffOp] = []
    for step, kind in zip(link.match.alignment.steps, link.match.kinds, strict=True):
        ops.append(
            DiffOp(
                op=step.tag,
                a=[word.text for word in a.words[step.a_start : step.a_end]],
                b=[word.text for word in b.words[step.b_start : step.b_end]],
                kind=kind,
            )
        )
    return ops


def _link(i: int, j: int, entries: Sequence[_Entry], rules: LinkRules) -> Link | None:
    speaker = entries[i].speaker
    same = speaker is not None and speaker == entries[j].speaker
    match = classify(entries[i].words, entries[j].words, same, rules)
    return None if match is None else Link(i, j, match, same)


def _entries(articles: Sequence[ExtractedArticle]) -> tuple[list[_Entry], SpeakerIndex]:
    quotes = [
        (index, item.article, quote) for index, item in enumerate(articles) for quote in item.quotes
    ]
    speakers = unify_speakers(
        (
            Sighting(quote.speaker, quote.speaker_mention, quote.speaker_type)
            for _, _, quote in quotes
        ),
        [item.article.text for item in articles],
    )
    entries = [
        _Entry(index, article, quote, speakers.resolve(quote.speaker), normalise_quote(quote.text))
        for index, article, quote in quotes
    ]
    return entries, speakers


def build_report(
    articles: Sequence[ExtractedArticle],
    *,
    rules: LinkRules = DEFAULT_RULES,
    blocking: BlockingConfig = DEFAULT_BLOCKING,
) -> Report:
    """Check the quotes of a story's articles against each other."""
    entries, speaker_index = _entries(articles)
    article_of = [entry.article_index for entry in entries]
    candidates = candidate_pairs([entry.words for entry in entries], article_of, blocking)
    aligned = 0
    links: dict[tuple[int, int], Link] = {}
    for i, j in candidates.pairs:
        aligned += 1
        link = _link(i, j, entries, rules)
        if link is not None:
            links[(i, j)] = link
    direct_links = len(links)

    groups = cluster_quotes(len(entries), list(links.values()))
    cluster_ids = {member: f"c{n}" for n, group in enumerate(groups, 1) for member in group}
    report_quotes = {
        entry.quote.id: _report_quote(entry, cluster_ids[index])
        for index, entry in enumerate(entries)
    }

    clusters: list[ReportCluster] = []
    comparisons: list[ReportComparison] = []
    for number, members in enumerate(groups, 1):
        cluster_id = f"c{number}"
        found: list[ReportComparison] = []
        all_pairs = len(members) <= MAX_CLUSTER_ALL_PAIRS
        for offset, i in enumerate(members):
            for j in members[offset + 1 :]:
                if article_of[i] == article_of[j]:
                    continue
                link = links.get((i, j))
                if link is None and all_pairs:
                    aligned += 1
                    link = _link(i, j, entries, rules)
                if link is not None:
                    found.append(_comparison(link, entries, cluster_id))
        member_articles = list(dict.fromkeys(entries[m].article.id for m in members))
        verdict = cluster_verdict(len(member_articles), found, report_quotes)
        clusters.append(
            ReportCluster(
                id=cluster_id,
                speaker=cluster_speaker([entries[m].speaker for m in members]),
                verdict=verdict,
                quotes=[entries[m].quote.id for m in members],
                text=cluster_text([entries[m].quote.text for m in members]),
                articles=member_articles,
                primary=any(entries[m].article.primary for m in members),
            )
        )
        comparisons.extend(found)

    report_articles = [
        ReportArticle(
            id=item.article.id,
            source=item.article.source,
            title=item.article.title,
            url=item.article.url,
            primary=item.article.primary,
            quotes=[report_quotes[quote.id] for quote in item.quotes],
        )
        for item in articles
    ]
    used = {name for entry in entries if (name := entry.speaker) is not None}
    speakers = [
        ReportSpeaker(name=identity.name, aliases=list(identity.aliases), type=identity.type)
        for identity in speaker_index.identities
        if identity.name in used
    ]
    return Report(
        articles=report_articles,
        speakers=speakers,
        clusters=clusters,
        comparisons=comparisons,
        summary=summarise(len(articles), len(entries), clusters),
        stats=ReportStats(
            candidate_pairs=len(candidates.pairs), aligned_pairs=aligned, links=direct_links
        ),
    )


def _report_quote(entry: _Entry, cluster_id: str) -> ReportQuote:
    quote = entry.quote
    return ReportQuote(
        id=quote.id,
        text=quote.text,
        start=quote.start,
        end=quote.end,
        speaker=entry.speaker,
        speaker_mention=quote.speaker_mention,
        cue=quote.cue,
        reported_speaker=quote.speaker,
        speaker_type=quote.speaker_type,
        spans=[tuple(span) for span in quote.spans],
        cluster=cluster_id,
    )


def _comparison(link: Link, entries: Sequence[_Entry], cluster_id: str) -> ReportComparison:
    return ReportComparison(
        a=entries[link.a].quote.id,
        b=entries[link.b].quote.id,
        wording=link.match.wording,
        severity=link.match.severity,
        same_speaker=link.same_speaker,
        diff=_diff(link, entries),
        cluster=cluster_id,
    )

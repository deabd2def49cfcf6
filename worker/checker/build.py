"""From extracted articles to a report: the checker's pipeline in one place.

Speakers are unified first because the link rules depend on them (a short excerpt may only link
quotes of the same speaker). Then quotes are normalised, blocked, aligned, clustered and judged.
Within a small cluster of a small story every pair from different articles is compared, also
pairs that were not candidates themselves (they met through a third quote); a pair that does not
pass the link rules itself (two disjoint pieces of one statement, say) gets no comparison,
because there is no shared wording to compare. A larger cluster, and every cluster of a larger
story, groups identical renderings and compares distinct renderings only
(``matching/renderings.py``), so a statement carried by many outlets keeps the report linear in
the quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from worker.checker.candidates.blocking import BlockingConfig, candidate_pairs
from worker.checker.candidates.prefilter import may_link, word_profiles
from worker.checker.copies import Copies, find_copies
from worker.checker.matching.cluster import cluster_quotes
from worker.checker.matching.linker import Link, Linker
from worker.checker.matching.renderings import lists_every_pair, plan_pairs
from worker.checker.matching.wording import LinkRules
from worker.checker.primary.checks import (
    ClusterFinding,
    QuoteToCheck,
    check_primaries,
    cluster_finding,
    status_counts,
)
from worker.checker.report import (
    DiffOp,
    Report,
    ReportArticle,
    ReportCluster,
    ReportComparison,
    ReportPrimaryCheck,
    ReportQuote,
    ReportSpeaker,
    ReportStats,
    ReportWarning,
)
from worker.checker.speakers.consensus import Attributed, consensus
from worker.checker.speakers.kinds import stand_ins
from worker.checker.speakers.unify import Sighting, SpeakerIndex, unify_speakers
from worker.checker.text.normalise import NormalisedQuote, normalise_quote
from worker.checker.verdicts import (
    cluster_speaker,
    cluster_text,
    cluster_verdict,
    summarise,
    wording_facet,
)
from worker.nlp.language import not_analysed_reason
from worker.nlp.quote_marks import unread_marks_message
from worker.records import Article, ExtractedArticle, PrimarySource, Quote


@dataclass(frozen=True, slots=True)
class _Entry:
    """One quote with where it came from and what the checker derived from it."""

    article_index: int
    article: Article
    quote: Quote
    speaker: str | None
    words: NormalisedQuote


def _entries(
    articles: Sequence[ExtractedArticle], texts: Sequence[str]
) -> tuple[list[_Entry], SpeakerIndex]:
    quotes = [
        (index, item.article, quote) for index, item in enumerate(articles) for quote in item.quotes
    ]
    speakers = unify_speakers(
        (
            Sighting(quote.speaker, quote.speaker_mention, quote.speaker_type)
            for _, _, quote in quotes
        ),
        texts,
    )
    entries = [
        _Entry(index, article, quote, speakers.resolve(quote.speaker), normalise_quote(quote.text))
        for index, article, quote in quotes
    ]
    return entries, speakers


def build_report(
    articles: Sequence[ExtractedArticle],
    *,
    primaries: Sequence[PrimarySource] = (),
    rules: LinkRules = LinkRules(),
    blocking: BlockingConfig = BlockingConfig(),
) -> Report:
    """Check the quotes of a story's articles against each other and against ``primaries``.

    The report lists the articles, then the primary sources (``primary: true``, no quotes).
    A caller that owns its process may pause the garbage collector around it
    (``worker.gc_pause``): the job and the CLI do.
    """
    # Every text, primaries too, tells which person holds which office.
    texts = [*(item.article.text for item in articles), *(source.text for source in primaries)]
    entries, speaker_index = _entries(articles, texts)
    article_of = [entry.article_index for entry in entries]
    words = [entry.words for entry in entries]
    profiles = word_profiles(words, rules)
    speaker_of = [entry.speaker for entry in entries]
    kinds = stand_ins(speaker_of, {item.article.source for item in articles})
    stand_in = [kinds.get(speaker) if speaker else None for speaker in speaker_of]
    linker = Linker(words, speaker_of, rules, [kind is not None for kind in stand_in])

    def keep(i: int, j: int) -> bool:
        return may_link(profiles[i], profiles[j], rules, linker.same_speaker(i, j))

    candidates = candidate_pairs(words, article_of, blocking, keep, speaker_of)
    aligned = 0
    links: dict[tuple[int, int], Link] = {}
    for i, j in candidates.pairs:
        aligned += 1
        link = linker.link(i, j)
        if link is not None:
            links[(i, j)] = link
    direct_links = len(links)

    checks = check_primaries(
        primaries,
        [
            QuoteToCheck(
                entry.quote.id,
                entry.speaker,
                entry.quote.speaker,
                entry.quote.speaker_mention,
                entry.words,
            )
            for entry in entries
        ],
        texts,
        rules,
    )
    findings = _Findings.of(primaries, entries, checks)

    groups = cluster_quotes(len(entries), list(links.values()))
    cluster_ids = {member: f"c{n}" for n, group in enumerate(groups, 1) for member in group}
    report_quotes = {
        entry.quote.id: _report_quote(entry, cluster_ids[index])
        for index, entry in enumerate(entries)
    }

    # Direct links by cluster: a grouped cluster (``matching/renderings.py``) keeps a comparison
    # wherever two of its renderings were linked directly.
    cluster_links: dict[str, list[tuple[int, int]]] = {}
    for i, j in sorted(links):
        if cluster_ids[i] == cluster_ids[j]:
            cluster_links.setdefault(cluster_ids[i], []).append((i, j))
    verified_quotes = {check.quote for check in checks if check.status == "verified"}
    every_pair = lists_every_pair(len(members) for members in groups)

    clusters: list[ReportCluster] = []
    comparisons: list[ReportComparison] = []
    for number, members in enumerate(groups, 1):
        cluster_id = f"c{number}"
        found: list[ReportComparison] = []

        def linked(i: int, j: int) -> bool:
            nonlocal aligned
            if (i, j) in links:
                return True
            aligned += 1
            return linker.link(i, j) is not None

        plan = plan_pairs(
            members,
            text_of=linker.text_id,
            size_of=lambda m: len(entries[m].words),
            verified=lambda m: entries[m].quote.id in verified_quotes,
            direct_links=cluster_links.get(cluster_id, []),
            article_of=lambda m: article_of[m],
            links=linked,
            every_pair=every_pair,
        )
        for i, j in plan.pairs:
            if article_of[i] == article_of[j]:
                continue
            link = links.get((i, j))
            if link is None:
                if plan.reference is None:
                    aligned += 1
                link = linker.link(i, j)
            if link is not None:
                found.append(_comparison(link, entries, cluster_id, linker.diff(link)))
        member_articles = list(dict.fromkeys(entries[m].article.id for m in members))
        multi = len(member_articles) > 1
        wording, severity = wording_facet(found)
        agreement = consensus(
            [
                Attributed(
                    entries[m].quote,
                    entries[m].article.id,
                    entries[m].article.source,
                    entries[m].speaker,
                    stand_in[m],
                )
                for m in members
            ]
        )
        verdict = cluster_verdict(len(member_articles), wording, agreement.facet)
        quote_ids = [entries[m].quote.id for m in members]
        finding = findings.of_cluster(quote_ids)
        speaker = cluster_speaker([entries[m].speaker for m in members])
        clusters.append(
            ReportCluster(
                id=cluster_id,
                speaker=agreement.speaker if agreement.facet == "outlier" else speaker,
                verdict=verdict,
                quotes=quote_ids,
                text=cluster_text([entries[m].quote.text for m in members]),
                articles=member_articles,
                primary=finding is not None and finding.found,
                primary_status=finding.status if finding else None,
                primary_note=finding.note if finding else None,
                wording_facet=wording if multi else None,
                wording_severity=severity if multi else None,
                speaker_facet=agreement.facet if multi else None,
                attribution_outliers=list(agreement.outliers) if multi else [],
                reference=entries[plan.reference].quote.id if plan.reference is not None else None,
                renderings=[[entries[m].quote.id for m in group] for group in plan.renderings],
            )
        )
        comparisons.extend(found)

    copies = find_copies([item.article for item in articles])
    alone = Copies(None, ())
    report_articles = [
        ReportArticle(
            id=item.article.id,
            source=item.article.source,
            title=item.article.title,
            url=item.article.url,
            copy_of=copies.get(item.article.id, alone).copy_of,
            copies=list(copies.get(item.article.id, alone).copies),
            quotes=[report_quotes[q.id] for q in item.quotes],
        )
        for item in articles
    ] + [
        ReportArticle(
            id=source.id,
            source=source.source,
            title=source.title,
            url=source.url,
            primary=True,
            speaker=source.speaker,
        )
        for source in primaries
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
        primary_checks=checks,
        summary=summarise(len(report_articles), len(entries), clusters).model_copy(
            update=status_counts(checks)
        ),
        stats=ReportStats(
            candidate_pairs=len(candidates.pairs), aligned_pairs=aligned, links=direct_links
        ),
        warnings=[w for item in articles if (w := _unread_marks(item)) is not None],
    )


@dataclass(frozen=True, slots=True)
class _Findings:
    """The primary checks by quote, with the names a cluster's note needs."""

    checks: dict[str, ReportPrimaryCheck]
    sources: dict[str, str]
    speakers: dict[str, str | None]

    @classmethod
    def of(
        cls,
        primaries: Sequence[PrimarySource],
        entries: Sequence[_Entry],
        checks: Sequence[ReportPrimaryCheck],
    ) -> _Findings:
        sources = {source.id: source.source for source in primaries}
        sources.update((entry.quote.id, entry.article.source) for entry in entries)
        speakers = {entry.quote.id: entry.speaker for entry in entries}
        return cls({check.quote: check for check in checks}, sources, speakers)

    def of_cluster(self, quote_ids: Sequence[str]) -> ClusterFinding | None:
        if not self.checks:
            return None
        return cluster_finding(quote_ids, self.checks, self.sources, self.speakers)


def _unread_marks(item: ExtractedArticle) -> ReportWarning | None:
    """A warning for an article with quote-like marks but no quote. One left out for its
    language has its own warning."""
    article = item.article
    if item.quotes:
        return None
    message = unread_marks_message(article.text)
    if message is None or not_analysed_reason(article.text) is not None:
        return None
    return ReportWarning(
        code="quote_marks_unread", article_id=article.id, source=article.source, message=message
    )


# What the report shows of an extracted quote unchanged: every field the two records share but
# the speaker (the report's is unified across articles; the extracted one is ``reported_speaker``)
# and the spans (the report leaves out one span that is the whole quote).
_AS_EXTRACTED = tuple(
    name
    for name in ReportQuote.model_fields
    if name in {field.name for field in fields(Quote)} and name not in {"speaker", "spans"}
)


def _report_quote(entry: _Entry, cluster_id: str) -> ReportQuote:
    quote = entry.quote
    whole = len(quote.spans) == 1 and tuple(quote.spans[0]) == (quote.start, quote.end)
    return ReportQuote(
        **{name: getattr(quote, name) for name in _AS_EXTRACTED},
        speaker=entry.speaker,
        reported_speaker=quote.speaker,
        # One span that is the whole quote says nothing beyond start/end (documented: "empty
        # when the quote is one span"); leaving it out saves 5% of a wire story's report.
        spans=[] if whole else [tuple(span) for span in quote.spans],
        cluster=cluster_id,
    )


def _comparison(
    link: Link, entries: Sequence[_Entry], cluster_id: str, diff: list[DiffOp]
) -> ReportComparison:
    return ReportComparison(
        a=entries[link.a].quote.id,
        b=entries[link.b].quote.id,
        wording=link.match.wording,
        severity=link.match.severity,
        same_speaker=link.same_speaker,
        diff=diff,
        cluster=cluster_id,
    )

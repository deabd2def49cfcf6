"""Bench section "extraction": quote extraction throughput against bare ``nlp.pipe``.

The figure that matters is the ratio: ``worker.nlp.extract_articles`` (which runs only the parts
of the model attribution needs, plus its own Python) over ``list(nlp.pipe(texts))`` of the SAME
model with every component enabled, on the same texts in the same run. Both models are loaded
and warmed up before timing; each side runs ``--repeats`` times alternately and the best time is
kept, which filters out noise from other processes better than a mean.
"""

from __future__ import annotations

import gc
from typing import Any

from bench_core import BenchContext, Row, SkipSection, max_rss_mb, register, timed
from bench_corpus import extraction_corpus, word_count


def _full_model(lean: Any) -> Any:
    """The complete pipeline of the model extraction uses (same package, nothing excluded)."""
    import spacy

    return spacy.load(f"{lean.meta['lang']}_{lean.meta['name']}")


@register("extraction", order=10)
def extraction(ctx: BenchContext) -> list[Row]:
    """Extraction words/s vs bare nlp.pipe words/s of the same model (ratio, target >= 1.0)."""
    try:
        from worker.nlp import extract_articles
        from worker.nlp.model import load_model
    except ImportError as exc:
        raise SkipSection(f"worker.nlp not available: {exc}") from exc

    corpus = extraction_corpus(minimum=ctx.args.articles)
    texts = [article.text for article in corpus]
    total_words = sum(word_count(text) for text in texts)
    ctx.log(f"corpus: {len(corpus)} articles, {total_words:,} words")

    lean = load_model()
    full = _full_model(lean)
    same = (lean.meta["name"], lean.meta["version"]) == (full.meta["name"], full.meta["version"])
    if not same:
        raise SkipSection(f"models differ: {lean.meta['name']} vs {full.meta['name']}")
    extract_articles(corpus[:4])  # warm-up: lazy initialisation is not throughput
    list(full.pipe(texts[:4]))

    extract_times: list[float] = []
    bare_times: list[float] = []
    quotes = 0
    for round_ in range(ctx.args.repeats):
        gc.collect()
        with timed() as bare:
            list(full.pipe(texts))
        bare_times.append(bare[0])
        gc.collect()
        with timed() as ours:
            extracted = extract_articles(corpus)
        extract_times.append(ours[0])
        quotes = sum(len(item.quotes) for item in extracted)
        del extracted
        ctx.log(f"round {round_ + 1}: extract {ours[0]:.2f}s, nlp.pipe {bare[0]:.2f}s")

    ours_rate = total_words / min(extract_times)
    bare_rate = total_words / min(bare_times)
    components = f"{'+'.join(lean.pipe_names)} vs {'+'.join(full.pipe_names)}"
    best = f"best of {ctx.args.repeats}"
    return [
        Row("extraction", "corpus articles", len(corpus), "", "gold articles, paragraphs shuffled"),
        Row("extraction", "corpus words", total_words, "words", "whitespace words"),
        Row("extraction", "quotes extracted", quotes, "quotes"),
        Row("extraction", "extract_articles", ours_rate, "words/s", best),
        Row("extraction", "bare nlp.pipe (full)", bare_rate, "words/s", best),
        Row(
            "extraction",
            "ratio extract/bare",
            ours_rate / bare_rate,
            "x",
            f"target >= 1.0; {full.meta['lang']}_{full.meta['name']} {components}",
        ),
        Row("extraction", "peak RSS", max_rss_mb(), "MiB", "ru_maxrss, both models loaded"),
    ]

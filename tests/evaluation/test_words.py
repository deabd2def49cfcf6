"""Tokenising and LCS exactly as FORMAT.md defines them."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from worker.evaluation.words import dense, lcs_alignment, lcs_length, reaches, words


def test_words_drop_apostrophes_and_lowercase() -> None:
    assert words("We’re talking, we're TALKING") == ("were", "talking", "were", "talking")


def test_words_split_on_punctuation_and_keep_digits() -> None:
    assert words("U.N.-led process, 330,000 people (and) al-Assad_x") == (
        "u",
        "n",
        "led",
        "process",
        "330",
        "000",
        "people",
        "and",
        "al",
        "assad",
        "x",
    )


def test_words_keep_non_ascii_letters() -> None:
    assert words("Erdoğan’s «Türkiye»") == ("erdoğans", "türkiye")


def test_lcs_known_values() -> None:
    assert lcs_length(words("a b c d e"), words("a c e")) == 3
    assert lcs_length(words("a b c"), words("c b a")) == 1
    assert lcs_length((), words("a")) == 0
    assert lcs_alignment(words("x a y b"), words("a b")) == [(1, 0), (3, 1)]


@given(
    st.lists(st.sampled_from("abcde"), max_size=12),
    st.lists(st.sampled_from("abcde"), max_size=12),
)
def test_alignment_is_a_common_subsequence_of_lcs_length(a: list[str], b: list[str]) -> None:
    pairs = lcs_alignment(a, b)
    assert len(pairs) == lcs_length(a, b) == lcs_length(b, a)
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(i1 < i2 and j1 < j2 for (i1, j1), (i2, j2) in itertools.pairwise(pairs))


def test_sixty_percent_boundary_is_exact() -> None:
    assert reaches(3, 5)
    assert not reaches(2, 4)
    assert reaches(6, 10)
    assert not reaches(5, 9)  # 55.6 %
    assert not reaches(0, 0)


def test_dense_overlap_counts_words_close_together() -> None:
    quote = words("prices will fall")
    # window of 1.5 x 3 + 2 = 6 words
    assert dense(quote, words("prices will fall")) == (3, 0)
    assert dense(quote, words("x y z w v u prices will surely fall x y z"))[0] == 3
    assert dense(quote, words("prices a b c d e f g will h i j k l fall")) == (1, 0)
    assert dense((), words("a")) == (0, 0)


@given(
    st.lists(st.sampled_from("abcde"), min_size=1, max_size=8),
    st.lists(st.sampled_from("abcdef"), max_size=30),
)
def test_dense_is_the_best_window_lcs(a: list[str], b: list[str]) -> None:
    width = int(1.5 * len(a)) + 2
    windows = [b[i : i + width] for i in range(max(1, len(b) - width + 1))]
    best = max(lcs_length(a, w) for w in windows)
    overlap, at = dense(a, b)
    assert overlap == best == lcs_length(a, b[at : at + width])

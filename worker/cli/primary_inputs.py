"""Reading primary-source files for ``quotelens check --primary`` (and ``submit --primary``).

A primary source is only useful if the checker knows whose words it holds. A transcript says so
in its speaker labels; a statement does not, so its speaker comes from ``--primary-speaker`` or
from the JSON file's ``"speaker"``. A statement with no speaker is refused with a message
rather than checked against nobody, and so is a JSON file that says it is a transcript
(``"kind": "transcript"``) but has no label this reader knows: checked as a statement, every
word in it would be one speaker's. Both messages list the label forms that are read. Files are
read by the same reader as articles (``inputs.read_article``), so every format an article may
have, a primary source may have too.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Collection, Sequence
from pathlib import Path

from worker.cli.inputs import InputError, read_article
from worker.nlp.transcripts import LABEL_FORMS, read_primary, unattributed_statement_message
from worker.records import PrimarySource

KINDS = ("statement", "transcript")


def _json_fields(path: Path) -> tuple[str | None, bool | None, str | None]:
    """``speaker``, ``primary`` and ``kind`` of a JSON primary file (already validated as JSON)."""
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    speaker = data.get("speaker")
    primary = data.get("primary")
    kind = data.get("kind")
    if speaker is not None and not isinstance(speaker, str):
        raise InputError(f'{path}: "speaker" must be a string')
    if primary is not None and not isinstance(primary, bool):
        raise InputError(f'{path}: "primary" must be true or false')
    if kind is not None and kind not in KINDS:
        raise InputError(f'{path}: "kind" must be "statement" or "transcript"')
    return (speaker.strip() or None) if speaker else None, primary, kind


def _unique_id(stem: str, taken: set[str]) -> str:
    candidate, number = stem or "primary", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(candidate)
    return candidate


def read_primary_file(path: Path, source_id: str, speaker: str | None) -> PrimarySource:
    """One primary source; ``speaker`` is the ``--primary-speaker`` for this file, if any."""
    article = read_article(path, source_id)
    given, kind = speaker, None
    if path.suffix.lower() == ".json":
        named, primary, kind = _json_fields(path)
        if primary is False:
            raise InputError(f'{path}: "primary" is false; pass it as an article instead')
        given = named or speaker
    labelled = read_primary(article.text).labelled
    if kind == "transcript" and not labelled:
        raise InputError(
            f"{path}: no speaker labels found in this transcript; a label starts a line, "
            f"in one of these forms: {LABEL_FORMS}"
        )
    if given is None and not labelled:
        raise InputError(
            f"{path}: " + unattributed_statement_message('--primary-speaker, a JSON "speaker"')
        )
    return PrimarySource(
        article.id, article.source, article.text, article.title, article.url, speaker=given
    )


def _speakers_for(paths: Sequence[Path], speakers: Sequence[str]) -> list[str | None]:
    if speakers and not paths:
        raise InputError("--primary-speaker needs a --primary file")
    if not speakers:
        return [None] * len(paths)
    if len(speakers) == 1:
        return [speakers[0]] * len(paths)
    if len(speakers) == len(paths):
        return list(speakers)
    raise InputError(
        f"--primary-speaker given {len(speakers)} times for {len(paths)} --primary files: "
        "give it once (for all) or once per file, in order"
    )


def add_primary_arguments(parser: argparse.ArgumentParser) -> None:
    """``--primary`` and ``--primary-speaker`` as ``read_primaries`` reads them (check, submit)."""
    parser.add_argument(
        "--primary",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="a primary source to check the quotes against (repeatable): a statement or a "
        'transcript with speaker labels (NAME:, Q:/A:), as text or JSON {"source", "text", '
        '"speaker"}',
    )
    parser.add_argument(
        "--primary-speaker",
        action="append",
        default=[],
        metavar="NAME",
        help="whose words a --primary statement is (once for all, or once per --primary)",
    )


def read_primaries(
    paths: Sequence[Path], speakers: Sequence[str], taken: Collection[str]
) -> list[PrimarySource]:
    """Every primary source (ids unique against ``taken``), or an InputError naming each bad one."""
    ids = set(taken)
    sources: list[PrimarySource] = []
    problems: list[str] = []
    for path, speaker in zip(paths, _speakers_for(paths, speakers), strict=True):
        try:
            sources.append(read_primary_file(path, _unique_id(path.stem, ids), speaker))
        except InputError as error:
            problems.append(str(error))
    if problems:
        raise InputError("\n".join(problems))
    return sources

"""Matching the speakers outlets name to the speakers of primary sources."""

from __future__ import annotations

import pytest

from worker.checker.primary.passages import PrimarySpeaker
from worker.checker.speakers.primary_fit import SpeakerMatcher
from worker.checker.speakers.unify import Sighting, acronym_of, organisation_key, unify_speakers

ORTEGA = PrimarySpeaker("Ana Ortega", "Mayor", "person")
HALVORSEN = PrimarySpeaker("Erik Halvorsen", "Port Director", "person")
MAYORS_OFFICE = PrimarySpeaker("Office of the Mayor of Port Talbin")
KVRTA = PrimarySpeaker("Kessling Valley Regional Transit Authority")
TEXTS = ["Mayor Ana Ortega and Gov. Richard Pell toured the harbor."]


def names(matches: tuple[PrimarySpeaker, ...]) -> set[str]:
    return {speaker.name for speaker in matches}


def test_organisation_keys_of_an_office_holder() -> None:
    assert organisation_key("Office of the Mayor of Port Talbin") == ("mayor", "office")
    assert organisation_key("the mayor's office") == ("mayor", "office")
    assert organisation_key("Office of the President of Marovia") == ("president", "office")
    assert organisation_key("Mayor Ana Ortega's office") == organisation_key("Ortega's office")
    assert organisation_key("President Valen’s office") == ("valen", "office")
    # Titles alone, and offices whose holder is not a place's, keep their words.
    assert organisation_key("the vice president's office") == ("vice", "president", "office")
    assert organisation_key("Office of the Secretary of State") == (
        "secretary",
        "of",
        "state",
        "office",
    )
    assert organisation_key("Ministry of Foreign Affairs") == ("foreign", "ministry")


def test_unification_reads_a_titled_persons_office_as_the_role_office() -> None:
    sightings = [
        Sighting("Mayor Ana Ortega's office", None, "organization"),
        Sighting("Office of the Mayor of Port Talbin", None, "organization"),
    ]
    index = unify_speakers(sightings, TEXTS)
    assert len(set(index.canonical.values())) == 1


def test_acronyms() -> None:
    assert acronym_of("Kessling Valley Regional Transit Authority") == "kvrta"
    assert acronym_of("the Department of Transportation") == "dt"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ana Ortega", {"Ana Ortega", "Office of the Mayor of Port Talbin"}),
        ("Ortega", {"Ana Ortega", "Office of the Mayor of Port Talbin"}),
        ("Mayor Ortega", {"Ana Ortega", "Office of the Mayor of Port Talbin"}),
        ("the mayor", {"Ana Ortega", "Office of the Mayor of Port Talbin"}),
        ("the mayor's office", {"Ana Ortega", "Office of the Mayor of Port Talbin"}),
        ("Mayor Ana Ortega's office", {"Ana Ortega", "Office of the Mayor of Port Talbin"}),
        ("Halvorsen", {"Erik Halvorsen"}),
        ("the port director", {"Erik Halvorsen"}),
        ("KVRTA", {"Kessling Valley Regional Transit Authority"}),
        ("the authority", {"Kessling Valley Regional Transit Authority"}),
        ("the transit authority", {"Kessling Valley Regional Transit Authority"}),
        ("Richard Pell", set()),
        ("the governor's office", set()),
        ("the governor", set()),
        ("Marta Quinlan", set()),
    ],
)
def test_names_that_fit_a_primary_speaker(name: str, expected: set[str]) -> None:
    matcher = SpeakerMatcher.build([ORTEGA, HALVORSEN, MAYORS_OFFICE, KVRTA], TEXTS, [name])
    assert names(matcher.match([name])) == expected


def test_a_surname_two_people_share_is_not_guessed() -> None:
    story = ["Ana Ortega", "Ortega", "Daniel Ortega"]
    matcher = SpeakerMatcher.build([ORTEGA], ["Mayor Ana Ortega spoke."], story)
    assert names(matcher.match(["Ana Ortega"])) == {"Ana Ortega"}
    assert matcher.match(["Ortega"]) == ()
    assert matcher.match(["Daniel Ortega"]) == ()


def test_a_namesake_does_not_inherit_the_role_of_the_mayor() -> None:
    story = ["Daniel Ortega"]
    matcher = SpeakerMatcher.build([MAYORS_OFFICE, ORTEGA], ["Mayor Ana Ortega spoke."], story)
    assert matcher.match(["Daniel Ortega"]) == ()


def test_a_role_held_by_two_primary_speakers_fits_neither() -> None:
    north = PrimarySpeaker("Ines Barros", "Mayor", "person")
    south = PrimarySpeaker("Tom Reyes", "Mayor", "person")
    matcher = SpeakerMatcher.build([north, south], [], ["the mayor"])
    assert matcher.match(["the mayor"]) == ()
    assert names(matcher.match(["Barros"])) == {"Ines Barros"}


def test_a_short_organisation_name_another_body_also_ends_is_not_guessed() -> None:
    department = PrimarySpeaker("Department of Transportation")
    story = ["the department", "Department of Health"]
    matcher = SpeakerMatcher.build([department], [], story)
    assert matcher.match(["the department"]) == ()
    assert names(matcher.match(["the Transportation Department"])) == {
        "Department of Transportation"
    }


def test_a_person_label_is_not_matched_by_organisation_rules() -> None:
    matcher = SpeakerMatcher.build([PrimarySpeaker("Lena Voss", None, "person")], [], [])
    assert matcher.match(["Voss Laboratories"]) == ()
    assert names(matcher.match(["Dr. Voss"])) == {"Lena Voss"}


def test_the_last_words_of_a_title_are_the_role() -> None:
    voss = PrimarySpeaker("Dr. Lena Voss", "County Health Officer", "person")
    hale = PrimarySpeaker("Mark Hale", "Schools Superintendent", "person")
    matcher = SpeakerMatcher.build([voss, hale], [], ["health officer", "the superintendent"])
    assert names(matcher.match(["health officer"])) == {"Dr. Lena Voss"}
    assert names(matcher.match(["the superintendent"])) == {"Mark Hale"}
    assert names(matcher.match(["Voss"])) == {"Dr. Lena Voss"}
    assert matcher.match(["the county"]) == ()


def test_a_speaker_labelled_by_role_is_whoever_the_story_gives_that_title() -> None:
    president = PrimarySpeaker("The President", "President", "person")
    texts = ["President Teodor Valen spoke with Prime Minister Irena Kosta."]
    story = ["Teodor Valen", "Valen", "Irena Kosta"]
    matcher = SpeakerMatcher.build([president], texts, story)
    assert names(matcher.match(["Teodor Valen"])) == {"The President"}
    assert names(matcher.match(["the president"])) == {"The President"}
    assert matcher.match(["Irena Kosta"]) == ()

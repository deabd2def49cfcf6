"""Cross-article speaker unification."""

from __future__ import annotations

from worker.checker.speakers.unify import (
    Sighting,
    organisation_key,
    person_key,
    unify_speakers,
)
from worker.lexicon import NAME_TITLES, is_title
from worker.records import SpeakerType


def canon(*names: tuple[str, SpeakerType | None]) -> dict[str, str]:
    return unify_speakers(Sighting(name, None, kind) for name, kind in names).canonical


def test_surname_joins_the_full_name() -> None:
    assert canon(("Donald Trump", "person"), ("Trump", "person")) == {
        "Donald Trump": "Donald Trump",
        "Trump": "Donald Trump",
    }


def test_name_particles_and_middle_initials_do_not_block_a_merge() -> None:
    assert canon(("Bashar al-Assad", "person"), ("Assad", "person"))["Assad"] == "Bashar al-Assad"
    assert canon(("Bashar Assad", "person"), ("Bashar al-Assad", "person"))["Bashar Assad"] == (
        "Bashar Assad"
    )
    assert canon(("Donald J. Trump", "person"), ("Donald Trump", "person"))["Donald Trump"] == (
        "Donald J. Trump"
    )


def test_ambiguous_surname_stays_apart() -> None:
    names = canon(("Ana Ortega", "person"), ("Daniel Ortega", "person"), ("Ortega", "person"))
    assert names == {
        "Ana Ortega": "Ana Ortega",
        "Daniel Ortega": "Daniel Ortega",
        "Ortega": "Ortega",
    }


def test_titles_are_not_part_of_a_name() -> None:
    assert person_key("Mr. Trump") == ("trump",)
    assert person_key("President Vladimir Putin") == ("vladimir", "putin")
    assert canon(("Vladimir Putin", "person"), ("President Putin", "person"))[
        "President Putin"
    ] == ("Vladimir Putin")


def test_extraction_and_the_checker_share_one_title_list() -> None:
    """Every title the checker strips from a name is one extraction reads as a title, and the
    abbreviated titles extraction knows (``Det.``) are stripped too."""
    assert [word for word in NAME_TITLES if not is_title(word)] == []
    assert person_key("Det. Ana Ortega") == person_key("Lady Ana Ortega") == ("ana", "ortega")
    # A role that is also a given name is not a title before a name.
    assert person_key("Dean Baker") == ("dean", "baker")


def test_a_document_noun_goes_but_an_outlet_s_post_stays() -> None:
    assert organisation_key("White House statement") == ("white", "house")
    assert organisation_key("the Justice Department ruling") == ("justice", "department")
    assert organisation_key("Kremlin press service") == ("kremlin",)
    assert organisation_key("Washington Post") == ("washington", "post")


def test_organisations_merge_by_normalised_name() -> None:
    assert organisation_key("the White House statement") == ("white", "house")
    assert organisation_key("White House's") == ("white", "house")
    assert organisation_key("The Kremlin readout") == ("kremlin",)
    assert organisation_key("Mr Valen’s office") == organisation_key("Valen's office")
    assert organisation_key("Office of the President") == ("president", "office")
    assert organisation_key("the presidency") == ("president", "office")
    assert organisation_key("Ministry of Foreign Affairs") == ("foreign", "ministry")
    assert organisation_key("Marovian presidential office") == ("marovia", "president", "office")
    assert organisation_key("Marovia’s presidential office") == ("marovia", "president", "office")
    names = canon(
        ("White House", "organization"),
        ("the White House statement", "organization"),
        ("white house", "organization"),
        ("Kremlin", "organization"),
    )
    assert names == {
        "White House": "White House",
        "the White House statement": "White House",
        "white house": "White House",
        "Kremlin": "Kremlin",
    }


def test_untyped_name_joins_a_known_organisation() -> None:
    assert canon(("Kremlin", "organization"), ("the Kremlin", None))["the Kremlin"] == "Kremlin"


def test_persons_and_organisations_do_not_merge() -> None:
    names = canon(("Jordan", "organization"), ("Michael Jordan", "person"))
    assert names == {"Jordan": "Jordan", "Michael Jordan": "Michael Jordan"}


def test_identities_list_aliases_and_type_in_order_of_appearance() -> None:
    index = unify_speakers(
        [
            Sighting("Donald Trump", "U.S. President Donald Trump", "person"),
            Sighting("White House", "the statement", "organization"),
            Sighting("Trump", "he", "person"),
            Sighting(None, None, None),
            Sighting("Trump", "Mr. Trump", None),
        ]
    )
    assert [(i.name, i.aliases, i.type) for i in index.identities] == [
        (
            "Donald Trump",
            ("Donald Trump", "U.S. President Donald Trump", "Trump", "he", "Mr. Trump"),
            "person",
        ),
        ("White House", ("White House", "the statement"), "organization"),
    ]
    assert index.resolve(None) is None
    assert index.resolve("Unknown Person") == "Unknown Person"


def test_shorter_organisation_name_joins_the_one_it_ends() -> None:
    names = canon(
        ("Dastrenian foreign ministry", "organization"),
        ("Ministry of Foreign Affairs", "organization"),
        ("the ministry", "organization"),
        ("Office of the President", "organization"),
        ("Marovian presidential office", "organization"),
    )
    assert names == {
        "Dastrenian foreign ministry": "Dastrenian foreign ministry",
        "Ministry of Foreign Affairs": "Dastrenian foreign ministry",
        "the ministry": "Dastrenian foreign ministry",
        "Office of the President": "Marovian presidential office",
        "Marovian presidential office": "Marovian presidential office",
    }


def test_two_ministries_leave_a_bare_ministry_alone() -> None:
    names = canon(
        ("foreign ministry", "organization"),
        ("defence ministry", "organization"),
        ("the ministry", "organization"),
    )
    assert names["the ministry"] == "ministry"


def sightings(*names: str) -> list[Sighting]:
    return [Sighting(name, None, "organization") for name in names]


def test_a_persons_office_is_the_office_of_their_unique_role() -> None:
    texts = ["President Teodor Valen spoke to Prime Minister Irena Kosta on Monday."]
    index = unify_speakers(sightings("Valen's office", "Office of the President"), texts)
    assert index.canonical == {
        "Valen's office": "Office of the President",
        "Office of the President": "Office of the President",
    }
    index = unify_speakers(sightings("Kosta's office", "Office of the President"), texts)
    assert index.canonical == {
        "Kosta's office": "Kosta's office",
        "Office of the President": "Office of the President",
    }


def test_with_two_presidents_an_office_is_not_guessed() -> None:
    texts = ["U.S. President Donald Trump called Russian President Vladimir Putin."]
    index = unify_speakers(sightings("Trump's office", "presidential office"), texts)
    assert index.canonical == {
        "Trump's office": "Trump's office",
        "presidential office": "presidential office",
    }


def test_roles_are_read_from_titles() -> None:
    from worker.checker.speakers.unify import roles_in

    assert roles_in(
        ["Prime Minister Irena Kosta met President Valen’s envoy and Mayor Ortega."]
    ) == {
        "kosta": {("prime", "minister")},
        "valen": {("president",)},
        "ortega": {("mayor",)},
    }

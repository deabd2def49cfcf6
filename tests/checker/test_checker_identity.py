"""Name keys, transliteration skeletons, stand-in speakers and the real-word test."""

from __future__ import annotations

from worker.checker.speakers.kinds import stand_in
from worker.checker.speakers.name_match import PersonName, same_person, skeleton
from worker.checker.speakers.unify import Sighting, organisation_key, person_key, unify_speakers
from worker.checker.text.real_words import is_real_word
from worker.checker.text.spelling import word_pair_kind


def test_person_key_drops_an_owner_and_a_title_phrase() -> None:
    assert person_key("Kestria's Rashid al-Qadoumi") == ("rashid", "qadoumi")
    assert person_key("Kestrian Foreign Minister Rashid Qaddoumi") == ("rashid", "qaddoumi")
    assert person_key("Martin Luther King Jr.") == ("martin", "luther", "king")
    assert person_key("Selçuk Aydınoğlu") == ("selcuk", "aydinoglu")


def test_transliteration_skeletons() -> None:
    assert skeleton("Gaddafi") == skeleton("Qaddafi") == skeleton("Kadhafi")
    assert skeleton("Qaddoumi") == skeleton("Kaddumi")
    assert skeleton("Abbass") == skeleton("Abbas")


def test_same_person_needs_compatible_given_names_and_gender() -> None:
    assert same_person(PersonName(("muammar", "gaddafi")), PersonName(("moammar", "qaddafi")))
    assert same_person(PersonName(("donald", "john", "trump")), PersonName(("donald", "trump")))
    assert not same_person(PersonName(("jan", "novak")), PersonName(("jana", "novak")))
    assert not same_person(PersonName(("lee",), "m"), PersonName(("lee",), "f"))
    assert not same_person(PersonName(("kahn",)), PersonName(("kuhn",)))


def test_a_bare_surname_between_two_people_joins_neither() -> None:
    canonical = unify_speakers(
        Sighting(name, None, "person") for name in ("Ann Lee", "Lee", "Bo Lee")
    ).canonical
    assert canonical["Lee"] == "Lee"


def test_institution_keys_ignore_articles_and_press_services() -> None:
    assert organisation_key("a White House readout") == organisation_key("the White House")
    assert organisation_key("the Kremlin press service") == ("kremlin",)


def test_stand_in_speakers() -> None:
    assert stand_in("the readout") == "document"
    assert stand_in("Reuters") == "wire"
    assert stand_in("Meridian Wire", ["meridian-wire"]) == "wire"
    assert stand_in("Ukraine") == "country"
    assert stand_in("Monday") == "date"
    assert stand_in("Oksana Dravic") is None
    assert stand_in("Kremlin") is None


def test_real_words_one_letter_apart_are_not_a_spelling_variant() -> None:
    assert is_real_word("prize") and is_real_word("dessert")
    assert not is_real_word("goverment")
    assert word_pair_kind("price", "prize") is None
    assert word_pair_kind("desert", "dessert") is None
    assert word_pair_kind("government", "goverment") == "spelling"
    assert word_pair_kind("honour", "honor") == "spelling"

"""Zone lookup of places.py uses the territory files for their communes; elsewhere as before."""
import pytest

from actions.eligibility.territories import load_territories
from actions.understanding.places import zone_for_place, zone_in_text
from actions.understanding.text import fold

RM = load_territories()["rennes_metropole"]


@pytest.mark.parametrize("c", RM.communes, ids=[c["name"] for c in RM.communes])
def test_every_commune_of_the_metropole_gets_its_zone(c):
    assert zone_for_place(c["name"]) == c["visale_zone"]


@pytest.mark.parametrize("text,zone", [("je vais habiter à Bruz", "II"), ("un appart à Acigné", "III"),
                                       ("je travaille à Cesson-Sévigné", "II"), ("mon boulot est au Rheu", "III")])
def test_zone_in_text_for_communes_of_the_metropole(text, zone):
    assert zone_in_text(fold(text))[0] == zone


@pytest.mark.parametrize("place,zone", [("Lyon", "II"), ("Paris", "I"), ("35170", "II"), ("35230", None)])
def test_other_places_and_postcodes(place, zone):
    assert zone_for_place(place) == zone

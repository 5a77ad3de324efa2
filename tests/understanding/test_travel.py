"""travel: the distance and travel time of the move, not the daily commute or a clock time."""
import datetime as dt

import pytest

from actions.understanding.reading import read
from actions.understanding.travel import read_distance_time

TODAY = dt.date(2026, 11, 26)


def travel(text, pending=None):
    return read_distance_time(read(text, TODAY, pending), set())


@pytest.mark.parametrize("text,facts", [
    ("à 80 km de chez mes parents", {"previous_home_distance_km": 80}),
    ("à 80 bornes", {"previous_home_distance_km": 80}),
    ("1h15 de train", {"previous_home_travel_minutes": 75}),
    ("une heure et demie de route", {"previous_home_travel_minutes": 90}),
    ("trois quarts d'heure en voiture", {"previous_home_travel_minutes": 45}),
])
def test_the_move(text, facts):
    assert travel(text) == facts


@pytest.mark.parametrize("text", ["40 km par jour", "je commence à 9h", "35h par semaine"])
def test_not_the_move(text):
    assert travel(text) == {}


def test_a_bare_duration_answers_the_pending_travel_question():
    assert travel("2 heures", "previous_home_travel_minutes") == {"previous_home_travel_minutes": 120}

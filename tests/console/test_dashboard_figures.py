"""The dashboard's figures from a database seeded with known conversations (SQLite and
PostgreSQL), public holidays in the opening hours, and the follow-up's delivery rules."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa

from bot import opening_hours
from bot.storage import dashboard, feedback
from bot.tools import migrate
from tests.console import dashboard_seed as seed

POSTGRES = "postgresql://postgres@127.0.0.1:5432/"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def url(request, tmp_path_factory):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('dash') / 'dash.db'}"
        migrate.upgrade(url)
        seed.seed(url)
        yield url
        return
    name = f"assistant_i16_dash_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(POSTGRES + "postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'create database "{name}"'))
    url = POSTGRES + name
    try:
        migrate.upgrade(url)
        seed.seed(url)
        yield url
    finally:
        from bot.storage.db import engine
        engine(url).dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f'drop database if exists "{name}" with (force)'))
        admin.dispose()


@pytest.fixture(scope="module")
def week(url):
    period = dashboard.Period(seed.FIRST_DAY, seed.LAST_DAY, opening_hours.timezone())
    return dashboard.figures(period, "", url)


def test_conversations_per_day_and_channel_count_each_conversation_once_a_day(week):
    expected = seed.expected_per_day()
    got = {}
    for row in week["per_day"]:
        got[(row["day"], "total")] = row["total"]
        for channel, count in zip(week["channels"], row["by_channel"]):
            got[(row["day"], channel)] = count
    assert {k: v for k, v in got.items() if v} == dict(expected)
    assert week["conversations"] == len(seed.WEEK) == 5


def test_the_conversation_started_at_half_past_midnight_in_paris_is_on_the_next_week(week):
    days = {row["day"]: row["total"] for row in week["per_day"]}
    assert days[dt.date(2026, 3, 8)] == 0 and days[dt.date(2026, 3, 7)] == 1


def test_verdicts_are_counted_per_conversation(week):
    verdicts = sum(1 for c in seed.WEEK if c[6])
    assert week["verdicts"]["verdicts"] == verdicts == 3
    assert week["verdicts"]["rate"] == 60.0


def test_aids_eligible_and_to_confirm_by_product(week):
    products = {p["id"]: (p["eligible"], p["to_confirm"]) for p in week["products"]}
    assert products == {"visale": (2, 0), "avance_loca_pass": (1, 0), "mobili_jeune": (1, 1)}


def test_messages_not_understood_rate_and_most_frequent(week):
    n = week["not_understood"]
    assert (n["messages"], n["not_understood"]) == (22, 4)
    assert n["rate"] == round(100 * 4 / 22, 1)
    top = n["top"][0]
    assert top["text"] == "blablabla truc" and top["count"] == 3
    assert set(top["conversations"]) == {"seed-a1", "seed-a2", "seed-a4"}
    assert "hors période" not in [e["text"] for e in n["top"]]


def test_handoff_rate_reasons_and_delays(week):
    h = week["handoffs"]
    assert (h["handoffs"], h["tickets"], h["rate"]) == (3, 3, 60.0)
    assert dict(h["reasons"]) == {"incompréhensions répétées": 1, "demande explicite": 1,
                                  "à confirmer": 1, "difficulté": 1}
    assert week["delays"]["take"] == {"count": 2, "median": 7.0, "p90": 10.0}
    assert week["delays"]["close"] == {"count": 2, "median": 30.0, "p90": 40.0}
    assert dict(week["outcomes"]) == {"Demande transmise": 1, "Rappel prévu": 1}


def test_busy_hours_by_weekday_in_paris_time(week):
    busy = week["busy"]
    assert busy[0][9] == 1 and busy[0][14] == 1   # Monday 09:15 and 14:40
    assert busy[5][23] == 1                         # Saturday 23:30
    assert sum(map(sum, busy)) == 5


def test_feedback_rate_counts_the_latest_answer_of_each_conversation(week):
    yes, no = seed.expected_feedback()
    f = week["feedback"]
    assert (f["yes"], f["no"], f["answers"]) == (yes, no, 3)
    assert f["rate"] == round(100 * yes / (yes + no), 1)
    assert [c["comment"] for c in f["comments"]] == ["Je voulais le montant exact"]


def test_follow_up_answers(week):
    fu = week["follow_ups"]
    assert fu["requested"] == 3
    assert dict(fu["answers"]) == {"fait": 1, "pas_encore": 0, "pas_pu": 1, "besoin_aide": 0}


def test_one_channel_only(url):
    period = dashboard.Period(seed.FIRST_DAY, seed.LAST_DAY, opening_hours.timezone())
    figures = dashboard.figures(period, "socketio", url)
    assert figures["conversations"] == 2 and figures["channels"] == ["socketio"]
    assert figures["feedback"]["no"] == 1 and figures["feedback"]["yes"] == 0


# -- follow-up delivery (clock injected) --------------------------------------------------------
def test_a_follow_up_is_due_only_after_its_delay_and_retried_then_given_up(tmp_path):
    url = f"sqlite:///{tmp_path / 'fu.db'}"
    migrate.upgrade(url)
    asked = dt.datetime(2026, 2, 2, 10, 0)
    row = feedback.schedule_follow_up("conv-x", "socketio", ["Garantie Visale"],
                                      dt.timedelta(days=7), now=asked, url=url)
    assert feedback.due_follow_ups(asked + dt.timedelta(days=6, hours=23), url=url) == []
    later = asked + dt.timedelta(days=7, minutes=1)
    assert [r.id for r in feedback.due_follow_ups(later, url=url)] == [row.id]
    assert feedback.claim(row.id, url) and not feedback.claim(row.id, url)
    assert feedback.mark_sent(row.id, False, later, url) == "scheduled"
    assert feedback.claim(row.id, url)
    assert feedback.mark_sent(row.id, False, later + dt.timedelta(days=8), url) == "undeliverable"
    assert feedback.due_follow_ups(later + dt.timedelta(days=9), url=url) == []


def test_erasure_keeps_feedback_as_anonymous_figures(tmp_path):
    url = f"sqlite:///{tmp_path / 'erase.db'}"
    migrate.upgrade(url)
    when = dt.datetime(2026, 2, 2, 10, 0)
    feedback.record_feedback("conv-y", False, "rest", now=when, url=url)
    feedback.add_comment("conv-y", "Je suis Jean Dupont", url=url)
    feedback.anonymise("conv-y", url=url)
    rows = feedback.feedback_between(when, when + dt.timedelta(hours=1), url=url)
    assert [(r.conversation_id, r.comment, r.helpful) for r in rows] == [(None, None, False)]


# -- public holidays ----------------------------------------------------------------------------
PARIS_10H_14_JULY = dt.datetime(2026, 7, 14, 8, 0, tzinfo=dt.timezone.utc)


def test_no_live_advisor_on_14_july_in_opening_hours():
    assert not opening_hours.parse("lun-ven 09:00-18:00", "FR").is_open(PARIS_10H_14_JULY)
    assert opening_hours.parse("lun-ven 09:00-18:00", "FR").is_open(
        PARIS_10H_14_JULY + dt.timedelta(days=1))


def test_alsace_moselle_closes_on_26_december_and_good_friday_only_where_set():
    boxing_day = dt.datetime(2025, 12, 26, 9, 0, tzinfo=dt.timezone.utc)  # a Friday
    good_friday = dt.datetime(2026, 4, 3, 8, 0, tzinfo=dt.timezone.utc)
    for calendar in ("FR-57", "FR-67", "FR-6AE"):
        hours = opening_hours.parse("lun-ven 09:00-18:00", calendar)
        assert not hours.is_open(boxing_day) and not hours.is_open(good_friday), calendar
    national = opening_hours.parse("lun-ven 09:00-18:00", "FR")
    assert national.is_open(boxing_day) and national.is_open(good_friday)


def test_la_reunion_closes_on_the_abolition_of_slavery_day():
    day = dt.datetime(2024, 12, 20, 9, 0, tzinfo=dt.timezone.utc)  # a Friday, 10:00 in Paris
    assert not opening_hours.parse("lun-ven 09:00-18:00", "FR-974").is_open(day)
    assert opening_hours.parse("lun-ven 09:00-18:00", "FR").is_open(day)


def test_an_unknown_holiday_calendar_is_refused_with_a_french_message():
    with pytest.raises(opening_hours.HoursError, match="inconnu"):
        opening_hours.parse(None, "FR-99")


def test_the_review_filters_on_the_latest_feedback(url):
    from bot.storage import review

    unhelpful = {r.conversation_id for r in review.review(review.ReviewFilters(feedback="non"), url)}
    helpful = {r.conversation_id for r in review.review(review.ReviewFilters(feedback="oui"), url)}
    assert unhelpful == {"seed-a3", "seed-a7"} and helpful == {"seed-a1", "seed-a4"}

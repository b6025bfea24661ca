"""WHO-5 check-ins in the store: saved with their moment, answers, raw and score;
refused unless five answers of 0-5; many at once, all or none."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from journal.store import CheckinRecord, Store, StoreError
from journal.who5 import InvalidCheckin

KEYS = {"id", "uuid", "taken_at", "answers", "raw", "score"}


def test_a_check_in_is_saved_with_its_moment_answers_raw_and_score(store, clock):
    checkin = store.checkins.add("3,4,2,5,3")
    assert checkin.answers == (3, 4, 2, 5, 3)
    assert (checkin.raw, checkin.score) == (17, 68)
    assert checkin.taken_at == clock.now and checkin.taken_at.utcoffset() == timedelta(hours=1)
    assert set(checkin.to_json()) == KEYS
    assert checkin.to_json()["taken_at"] == "2026-11-24T09:30:00+01:00"
    assert store.checkins.get(checkin.id) == checkin
    row = store.conn.execute(
        "select taken_utc, utc_offset, local_date, raw, score from checkins"
    ).fetchone()
    assert row == ("2026-11-24 08:30:00", 60, "2026-11-24", 17, 68)


@pytest.mark.parametrize("answers", ["3,4,2,5", "3,4,2,5,6", (1, 2, 3, 4, -1), "a,b,c,d,e"])
def test_bad_answers_are_refused_and_nothing_is_saved(store, answers):
    with pytest.raises(InvalidCheckin):
        store.checkins.add(answers)
    assert store.checkins.count() == 0


def test_the_table_refuses_a_row_that_is_not_a_check_in(store):
    # Whoever writes (an import, a script), raw is the sum and the score raw x 4.
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute(
            "insert into checkins (uuid, taken_utc, utc_offset, local_date, answer1, answer2, "
            "answer3, answer4, answer5, raw, score) values ('x', '2026-01-01 00:00:00', 0, "
            "'2026-01-01', 1, 1, 1, 1, 1, 5, 0)"
        )


def test_recent_latest_and_all(store, clock):
    first = store.checkins.add((1, 1, 1, 1, 1), at=clock.now - timedelta(days=28))
    second = store.checkins.add((2, 2, 2, 2, 2), at=clock.now - timedelta(days=14))
    third = store.checkins.add((3, 3, 3, 3, 3))
    assert store.checkins.recent(2) == [third, second]
    assert store.checkins.recent(None) == [third, second, first]
    assert store.checkins.latest() == third
    assert store.checkins.all() == [first, second, third]
    assert list(store.checkins) == [first, second, third]
    assert store.checkins.before(third) == second
    assert store.checkins.before(first) is None
    assert store.checkins.count() == 3
    assert store.checkins.between(date(2026, 11, 10), date(2026, 11, 10)) == [second]


def test_an_empty_journal_has_no_latest(store):
    assert store.checkins.latest() is None
    assert store.checkins.recent() == []


def test_add_many_keeps_uuids_moments_and_offsets(store):
    at = datetime(2026, 6, 1, 20, 0, tzinfo=UTC)
    records = [
        CheckinRecord(at=at, offset=120, answers=(5, 4, 3, 2, 1), uuid="u-1"),
        CheckinRecord(
            at=datetime(2026, 6, 15, 8, 0, tzinfo=timezone(timedelta(hours=-4))),
            answers=(0, 0, 0, 0, 1),
        ),
    ]
    assert store.checkins.add_many(records) == 2
    first, second = store.checkins.all()
    assert first.uuid == "u-1"
    assert first.taken_at == at and first.taken_at.utcoffset() == timedelta(hours=2)
    assert first.taken_at.date() == date(2026, 6, 1)
    assert second.taken_at.utcoffset() == timedelta(hours=-4) and second.score == 4
    assert len(second.uuid) == 36


def test_add_many_is_all_or_nothing(store, clock):
    good = CheckinRecord(at=clock.now, answers=(1, 2, 3, 4, 5))
    with pytest.raises(InvalidCheckin):
        store.checkins.add_many([good, CheckinRecord(at=clock.now, answers=(1, 2, 3, 4))])
    store.checkins.add_many([CheckinRecord(at=clock.now, answers=(1, 2, 3, 4, 5), uuid="same")])
    with pytest.raises(StoreError, match="same uuid"):
        store.checkins.add_many(
            [good, CheckinRecord(at=clock.now, answers=(1, 1, 1, 1, 1), uuid="same")]
        )
    assert store.checkins.count() == 1


def test_ids_are_never_given_twice(store, clock):
    first = store.checkins.add((1, 1, 1, 1, 1))
    with store.write() as db:
        db.execute("delete from checkins where id = ?", [first.id])
    store.checkins.add_many([CheckinRecord(at=clock.now, answers=(2, 2, 2, 2, 2))])
    assert store.checkins.latest().id == first.id + 1


def test_a_check_in_survives_reopening(db_path, clock):
    with Store.open(db_path, clock=clock) as store:
        saved = store.checkins.add((4, 4, 4, 4, 4))
    with Store.open(db_path, clock=clock) as store:
        assert store.checkins.latest() == saved


def test_the_reminder_settings(store):
    assert store.settings.checkin_reminder is True
    store.settings.set_checkin_reminder(False)
    assert store.settings.checkin_reminder is False
    assert store.settings.checkin_reminded_on is None
    store.settings.set_checkin_reminded_on(date(2026, 11, 24))
    assert store.settings.checkin_reminded_on == date(2026, 11, 24)
    with store.write() as db:
        db.execute("update settings set value = '\"not a day\"' where key = 'checkin_reminded_on'")
    assert store.settings.checkin_reminded_on is None


def test_a_read_only_journal_refuses_a_check_in(db_path, clock):
    Store.open(db_path, clock=clock).close()
    db_path.chmod(0o400)
    try:
        with Store.open(db_path, clock=clock) as store, pytest.raises(StoreError):
            store.checkins.add((1, 1, 1, 1, 1))
    finally:
        db_path.chmod(0o600)

"""`journal pmr`: bad timings and unknown routines are refused before the app opens."""

from __future__ import annotations

import pytest

from tests.conftest import run_journal


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--tense", "0"], "--tense: tense must be a whole number from 1 to 60 s"),
        (["--tense", "61"], "from 1 to 60 s"),
        (["--settle", "-1"], "--settle: settle must be a whole number from 1 to 600 s"),
        (["--release", "301"], "--release: release must be a whole number from 1 to 300 s"),
        (["--rest", "0"], "from 1 to 600 s"),
        (["--cycles", "6"], "--cycles: cycles must be a whole number from 1 to 5"),
        (["--tense", "abc"], "from 1 to 60 s"),
        (["--tense", "2.5"], "from 1 to 60 s"),
        (["--routine", "nope"], "no routine 'nope'; choose one of: full, standard, short"),
        (["-r", "short", "--cycles", "0"], "from 1 to 5"),
    ],
)
def test_bad_values_exit_2_with_the_allowed_range(tmp_path, args, expected):
    db = tmp_path / "journal.db"
    result = run_journal("--db", str(db), "pmr", *args)
    assert result.returncode == 2
    error = result.stderr.decode()
    assert expected in error
    assert error.count("\n") == 1 and "Traceback" not in error
    assert result.stdout == b""


def test_own_routines_can_be_chosen_by_name(tmp_path):
    from journal.pmr import make_user_routine
    from journal.store import Store

    db = tmp_path / "journal.db"
    with Store.open(db) as store:
        store.routines.save(make_user_routine("evening", base="short", kept=[0]))
    result = run_journal("--db", str(db), "pmr", "--routine", "Evening", "--tense", "999")
    assert result.returncode == 2  # found it, then refused the timing
    assert "from 1 to 60 s" in result.stderr.decode()


def test_demo_does_not_go_with_a_command(tmp_path):
    result = run_journal("--db", str(tmp_path / "j.db"), "--demo", "stats")
    assert result.returncode == 2
    assert "--demo opens the app on sample data" in result.stderr.decode()
    assert not (tmp_path / "j.db").exists()

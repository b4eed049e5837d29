"""Group commit: requests arriving together share a transaction; each caller gets its own
answer after commit; a refused or failing request costs the others nothing."""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from scoring.errors import InvalidInput
from scoring.storage import Database, open_database
from scoring.storage.group_commit import Lane
from scoring.storage.rows import Cursor


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "jurydesk.duckdb")
    database.write(lambda cur: cur.execute("CREATE TABLE saved (k INTEGER, v TEXT, batch INTEGER)"))
    yield database
    database.close()


class Recorder:
    """A batch work function: stores (key, value) rows tagged with a batch number; a value
    'refuse' is refused on its own, a value 'poison' makes the whole statement fail."""

    def __init__(self) -> None:
        self.batches: list[list[tuple[int, str]]] = []
        self.memos: list[dict[Hashable, Any]] = []

    def __call__(
        self, cur: Cursor, requests: Sequence[tuple[int, str]], memo: Mapping[Hashable, Any]
    ) -> tuple[list[str | Exception], dict[Hashable, Any]]:
        self.batches.append(list(requests))
        self.memos.append(dict(memo))
        good = [(k, v) for k, v in requests if v != "refuse"]
        for k, v in good:
            if v == "poison":
                cur.execute("SELECT 1 / 0::INTEGER = 'x'::INTEGER")  # a conversion error
            cur.execute("INSERT INTO saved VALUES (?, ?, ?)", [k, v, len(self.batches)])
        answers: list[str | Exception] = [
            InvalidInput("error.mark_step") if v == "refuse" else f"stored {k}:{v}"
            for k, v in requests
        ]
        return answers, {k: v for k, v in good}


def _lane(db: Database, work: Recorder) -> Lane[tuple[int, str], str]:
    return Lane(db, work, key=lambda request: request[0])


def _together(lane: Lane[tuple[int, str], str], requests: list[tuple[int, str]]) -> list[object]:
    """Run every request in its own thread, all released at once; answers in order."""
    answers: list[object] = [None] * len(requests)
    start = threading.Barrier(len(requests))

    def call(n: int) -> None:
        start.wait()
        try:
            answers[n] = lane.run(requests[n])
        except Exception as error:  # kept and compared below
            answers[n] = error

    threads = [threading.Thread(target=call, args=(n,)) for n in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def _stored(db: Database) -> list[tuple[int, str]]:
    return db.read(lambda cur: cur.execute("SELECT k, v FROM saved ORDER BY k").fetchall())


def test_thirty_callers_share_transactions_and_each_gets_its_answer(db: Database) -> None:
    work = Recorder()
    requests = [(n, f"v{n}") for n in range(30)]
    answers = _together(_lane(db, work), requests)
    assert answers == [f"stored {n}:v{n}" for n in range(30)]
    assert _stored(db) == requests
    assert len(work.batches) < 30
    assert sorted(r for batch in work.batches for r in batch) == requests


def test_a_refused_request_writes_nothing_and_the_others_are_stored(db: Database) -> None:
    answers = _together(_lane(db, Recorder()), [(1, "a"), (2, "refuse"), (3, "c")])
    assert answers[0] == "stored 1:a" and answers[2] == "stored 3:c"
    assert isinstance(answers[1], InvalidInput) and answers[1].key == "error.mark_step"
    assert _stored(db) == [(1, "a"), (3, "c")]


def test_a_failing_batch_is_split_so_only_the_bad_request_fails(db: Database) -> None:
    work = Recorder()
    lane = _lane(db, work)
    answers = _together(lane, [(n, "poison" if n == 4 else f"v{n}") for n in range(8)])
    assert [a for n, a in enumerate(answers) if n != 4] == [
        f"stored {n}:v{n}" for n in range(8) if n != 4
    ]
    assert "Conversion Error" in str(answers[4])
    assert _stored(db) == [(n, f"v{n}") for n in range(8) if n != 4]
    assert lane.run((9, "after")) == "stored 9:after"  # the lane goes on


def test_two_saves_of_one_key_are_written_one_after_the_other(db: Database) -> None:
    work = Recorder()
    lane = _lane(db, work)
    answers = _together(lane, [(1, "first"), (1, "second"), (1, "third")])
    assert sorted(map(str, answers)) == ["stored 1:first", "stored 1:second", "stored 1:third"]
    assert all(len(batch) == 1 for batch in work.batches)
    assert len(work.batches) == 3


def test_the_memo_holds_until_another_write(db: Database) -> None:
    work = Recorder()
    lane = _lane(db, work)
    lane.run((1, "a"))
    lane.run((2, "b"))
    db.write(lambda cur: cur.execute("INSERT INTO saved VALUES (7, 'outside', 0)"))
    lane.run((3, "c"))
    lane.run((4, "d"))
    assert work.memos == [{}, {1: "a"}, {}, {3: "c"}]

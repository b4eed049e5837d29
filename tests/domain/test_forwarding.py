"""The notice's forwarding rule and the pledge's kinds, as pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scoring.domain.blind import same_unit
from scoring.domain.forwarding import check_forwarding, pledge_kind, received_for
from scoring.errors import InvalidInput

NOW = datetime(2023, 5, 20, 15, 0, tzinfo=UTC)


def refusal(**kwargs: object) -> str | None:
    values = {"already": 0, "chosen": 1, "now": NOW, "deadline": None, "deadline_text": "d"}
    try:
        check_forwarding(**{**values, **kwargs})  # type: ignore[arg-type]
    except InvalidInput as refused:
        return refused.key
    return None


@pytest.mark.parametrize(
    ("already", "chosen", "key"),
    [
        (0, 0, "forward.none_chosen"),
        (0, 1, None),
        (0, 2, None),
        (1, 1, None),
        (0, 3, "forward.too_many"),
        (2, 1, "forward.too_many"),
        (1, 2, "forward.too_many"),
    ],
)
def test_one_or_two_works_at_most_two_in_all(already: int, chosen: int, key: str | None) -> None:
    assert refusal(already=already, chosen=chosen) == key


def test_the_deadline_is_checked_first_and_its_minute_still_counts() -> None:
    assert refusal(deadline=NOW) is None
    assert refusal(deadline=NOW - timedelta(seconds=1)) == "forward.after_deadline"
    assert refusal(deadline=NOW - timedelta(seconds=1), chosen=0) == "forward.after_deadline"


def test_pledge_kinds_come_from_the_first_bytes() -> None:
    assert pledge_kind(b"%PDF-1.7\n") == "pdf"
    assert pledge_kind(b"\xff\xd8\xff\xe0\x00\x10JF") == "jpeg"
    assert pledge_kind(b"\x89PNG\r\n\x1a\n") is None
    assert pledge_kind(b"") is None
    assert pledge_kind(b"%PDF") is None  # too short to be one


def test_works_count_for_the_unit_that_registered_them_or_that_they_name() -> None:
    works = [
        ("兰州市市场监督管理局", "兰州市市场监督管理局"),
        ("", "兰州市 市场监督管理局"),  # registered by the office, naming the unit
        ("天水市市场监督管理局", "天水市市场监督管理局"),
        ("天水市市场监督管理局", "兰州市市场监督管理局"),  # not the office's to reassign
    ]
    assert received_for("兰州市市场监督管理局", works) == 2
    assert same_unit("兰州 市", "兰州市") and not same_unit("", "")

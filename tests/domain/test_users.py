"""Login names, password rules and the lockout window (injected times, no sleeps)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scoring.domain.users import (
    Attempt,
    LockoutPolicy,
    check_password,
    locked_until,
    normalise_username,
)
from scoring.enums import LoginResult
from scoring.errors import InvalidInput

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
POLICY = LockoutPolicy()
FAIL = LoginResult.BAD_CREDENTIALS


def failures(*minutes: float) -> list[Attempt]:
    return [Attempt(T0 + timedelta(minutes=m), FAIL) for m in minutes]


def test_username_normalised_to_lower_case() -> None:
    assert normalise_username("  ZhangSan ") == "zhangsan"


@pytest.mark.parametrize("bad", ["", "a", "张三", "has space", "-dash", "x" * 33, "a/b"])
def test_username_invalid_refused(bad: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalise_username(bad)
    assert caught.value.key == "error.username_invalid"


def test_password_of_ten_characters_accepted() -> None:
    check_password("0123456789")


def test_password_of_nine_characters_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_password("012345678")
    assert caught.value.params == {"minimum": 10, "got": 9}


def test_password_of_72_bytes_accepted_73_refused() -> None:
    check_password("密" * 24)  # 72 bytes in UTF-8
    with pytest.raises(InvalidInput) as caught:
        check_password("密" * 24 + "a")
    assert caught.value.key == "error.password_long"
    assert caught.value.params == {"maximum": 72, "got": 73}


def test_password_with_outer_spaces_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_password(" 0123456789")
    assert caught.value.key == "error.password_spaces"


def test_four_failures_do_not_lock() -> None:
    assert locked_until(failures(0, 1, 2, 3), T0 + timedelta(minutes=4), POLICY) is None


def test_fifth_failure_locks_for_fifteen_minutes_from_it() -> None:
    attempts = failures(0, 1, 2, 3, 4)
    assert locked_until(attempts, T0 + timedelta(minutes=4), POLICY) == T0 + timedelta(minutes=19)


def test_lock_expires_exactly_at_its_end() -> None:
    attempts = failures(0, 1, 2, 3, 4)
    end = T0 + timedelta(minutes=19)
    assert locked_until(attempts, end - timedelta(seconds=1), POLICY) == end
    assert locked_until(attempts, end, POLICY) is None


def test_five_failures_spread_over_more_than_fifteen_minutes_do_not_lock() -> None:
    attempts = failures(0, 4, 8, 12, 15.01)
    assert locked_until(attempts, T0 + timedelta(minutes=16), POLICY) is None


def test_five_failures_exactly_fifteen_minutes_apart_lock() -> None:
    attempts = failures(0, 4, 8, 12, 15)
    assert locked_until(attempts, T0 + timedelta(minutes=16), POLICY) == T0 + timedelta(minutes=30)


def test_success_clears_earlier_failures() -> None:
    attempts = [*failures(0, 1, 2, 3), Attempt(T0 + timedelta(minutes=3.5), LoginResult.OK)]
    attempts += failures(4)
    assert locked_until(attempts, T0 + timedelta(minutes=5), POLICY) is None


def test_attempts_while_locked_do_not_extend_the_lock() -> None:
    attempts = failures(0, 1, 2, 3, 4)
    attempts += [Attempt(T0 + timedelta(minutes=m), LoginResult.LOCKED) for m in (10, 18)]
    assert locked_until(attempts, T0 + timedelta(minutes=18), POLICY) == T0 + timedelta(minutes=19)


def test_policy_numbers_are_used() -> None:
    policy = LockoutPolicy(max_failures=2, window=timedelta(minutes=1), duration=timedelta(hours=1))
    attempts = failures(0, 0.5)
    assert locked_until(attempts, T0 + timedelta(minutes=1), policy) == T0 + timedelta(minutes=60.5)

"""bcrypt password hashes: a hash matches its own password only, and a bad hash matches none."""

from __future__ import annotations

from scoring.passwords import dummy_hash, hash_password, password_matches

ROUNDS = 4  # bcrypt's least work factor: the tests check behaviour, not strength


def test_a_hash_matches_its_password_and_no_other() -> None:
    hashed = hash_password("korrekt-pferd-batterie", ROUNDS)
    assert hashed.startswith("$2b$04$")
    assert password_matches("korrekt-pferd-batterie", hashed) is True
    assert password_matches("korrekt-pferd-batteriE", hashed) is False


def test_two_hashes_of_one_password_differ_by_their_salt() -> None:
    assert hash_password("same-password-1", ROUNDS) != hash_password("same-password-1", ROUNDS)


def test_a_malformed_hash_or_an_overlong_password_matches_nothing() -> None:
    hashed = hash_password("korrekt-pferd-batterie", ROUNDS)
    assert password_matches("korrekt-pferd-batterie", "not-a-bcrypt-hash") is False
    assert password_matches("x" * 73, hashed) is False


def test_the_dummy_hash_is_made_once_per_work_factor() -> None:
    assert dummy_hash(ROUNDS) is dummy_hash(ROUNDS)
    assert password_matches("anything-at-all", dummy_hash(ROUNDS)) is False

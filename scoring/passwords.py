"""Password hashes: bcrypt, with a per-hash salt (SPEC §9 Security).

The rules a new password must meet are ``scoring.domain.users.check_password``.
"""

from __future__ import annotations

from functools import cache


def hash_password(password: str, rounds: int) -> str:
    """bcrypt hash of a password that passed ``check_password``."""
    import bcrypt  # here: listing users or opening a page needs no hashing library

    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def password_matches(password: str, hashed: str) -> bool:
    """The password against a stored hash; a malformed hash or a too long password: no."""
    import bcrypt

    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
    except ValueError:  # over 72 bytes, or a malformed stored hash
        return False


@cache
def dummy_hash(rounds: int) -> str:
    """A hash to check unknown names against, so they take as long as known ones."""
    return hash_password("timing-equaliser-password", rounds)

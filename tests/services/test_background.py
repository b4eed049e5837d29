"""Results computed beside the pages: kept per key, one thread, the latest request next."""

from __future__ import annotations

import threading
import time

from scoring.services.background import KeptResults


def _wait(results: KeptResults[int], key: str) -> int:
    deadline = time.monotonic() + 30
    while (found := results.get(key)) is None:
        assert time.monotonic() < deadline, f"{key} was never computed"
        time.sleep(0.01)
    return found


def test_a_result_is_computed_beside_the_caller_and_kept() -> None:
    results: KeptResults[int] = KeptResults("test", kept=2)
    results.start("a", lambda: 1)
    assert _wait(results, "a") == 1
    results.start("a", lambda: 99)  # kept: not computed again
    assert results.get("a") == 1


def test_only_the_newest_results_are_kept() -> None:
    results: KeptResults[int] = KeptResults("test", kept=2)
    for n, key in enumerate("abc"):
        results.keep(key, n)
    assert (results.get("a"), results.get("b"), results.get("c")) == (None, 1, 2)


def test_while_one_runs_only_the_latest_request_waits() -> None:
    results: KeptResults[str] = KeptResults("test", kept=8)
    release = threading.Event()
    results.start("slow", lambda: "slow" if release.wait(30) else "timeout")
    results.start("older", lambda: "older")
    results.start("latest", lambda: "latest")
    release.set()
    assert _wait(results, "latest") == "latest"
    assert _wait(results, "slow") == "slow"
    assert results.get("older") is None  # dropped: a newer request came before it ran


def test_a_failing_computation_keeps_nothing_and_the_next_one_runs() -> None:
    results: KeptResults[int] = KeptResults("test", kept=2)
    results.start("bad", lambda: 1 // 0)
    results.start("good", lambda: 2)
    assert _wait(results, "good") == 2
    assert results.get("bad") is None

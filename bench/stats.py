"""What the benchmarks share: percentiles, millisecond formatting, concurrent users."""
from __future__ import annotations

import threading
import time
from typing import Callable


def percentile(values: list, q: float) -> float:
    """The q-th quantile (0..1) of values, nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(round(q * (len(ordered) - 1)))))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def run_users(users: int, user: Callable[[int], None]) -> tuple[float, list]:
    """Run ``user(i)`` for i in 0..users-1 in parallel threads; the wall time and the errors."""
    errors: list = []

    def guarded(i: int) -> None:
        try:
            user(i)
        except Exception as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(users)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, errors

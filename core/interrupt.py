"""Run a long call into native code so that Ctrl-C still stops it at once.

Python delivers SIGINT only between bytecodes of the main thread, so a query
running inside a C extension (ladybug, Oxigraph) would hold Ctrl-C back until it
finished. :func:`interruptible` runs such a call in a worker thread (both
engines release the GIL) and waits for it in short steps: Ctrl-C raises
:class:`KeyboardInterrupt` in the caller at once, and the abandoned read-only
query dies with the process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["interruptible"]

T = TypeVar("T")


def interruptible(func: Callable[[], T]) -> T:
    """Return ``func()``, run in a daemon thread; Ctrl-C in the caller interrupts the wait, not the thread.

    >>> interruptible(lambda: 6 * 7)
    42
    """
    if threading.current_thread() is not threading.main_thread():
        return func()  # signals reach only the main thread: nothing to gain
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = func()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller as it is
            box["error"] = exc

    worker = threading.Thread(target=run, name="kg-native-call", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.05)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]

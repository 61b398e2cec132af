"""Argon2 takes 64 MiB per run: however many attempts arrive at once, only a few run at once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from nabij.security import passphrase
from nabij.security.argon2_slots import MAX_CONCURRENT
from nabij.security.passphrase import derive_key, hash_passphrase, new_salt, verify_passphrase

ARRIVALS = 20


class Overlap:
    """Records how many Argon2 runs were inside at the same time."""

    def __init__(self) -> None:
        self.inside = 0
        self.most = 0
        self._lock = threading.Lock()

    def run(self, *_args: object, **_kwargs: object) -> bytes:
        with self._lock:
            self.inside += 1
            self.most = max(self.most, self.inside)
        time.sleep(0.005)  # gives others the chance to come in; never asserted on
        with self._lock:
            self.inside -= 1
        return b"k" * 32


class FakeHasher:
    def __init__(self, overlap: Overlap) -> None:
        self.hash = overlap.run
        self.verify = lambda *args: bool(overlap.run(*args))


@pytest.fixture
def overlap(monkeypatch) -> Overlap:
    recorder = Overlap()
    monkeypatch.setattr(passphrase, "_HASHER", FakeHasher(recorder))
    monkeypatch.setattr(passphrase, "hash_secret_raw", recorder.run)
    return recorder


@pytest.mark.parametrize("run", [
    pytest.param(lambda: verify_passphrase("$argon2id$stored", "een gok"), id="verify"),
    pytest.param(lambda: hash_passphrase("een nieuwe zin"), id="hash"),
    pytest.param(lambda: derive_key("een zin", new_salt()), id="derive-key"),
])
def test_twenty_runs_at_once_never_have_more_than_the_bound_inside(overlap, run):
    start = threading.Barrier(ARRIVALS)

    def arrive(_number: int) -> object:
        start.wait()
        return run()

    with ThreadPoolExecutor(max_workers=ARRIVALS) as pool:
        list(pool.map(arrive, range(ARRIVALS)))
    assert 1 <= overlap.most <= MAX_CONCURRENT
    assert overlap.inside == 0


def test_the_bound_keeps_argon2_memory_under_a_quarter_gigabyte():
    assert 1 <= MAX_CONCURRENT <= 4
    assert MAX_CONCURRENT * passphrase.MEMORY_KIB <= 256 * 1024

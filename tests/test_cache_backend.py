"""The Redis cache backend: one client per pool, shared safely by a worker's threads."""

import threading

import pytest

from nearmiss.cache import SharedClientRedisCache
from tests.served import require_redis


@pytest.fixture
def redis_cache():
    require_redis("the cache backend test")
    cache = SharedClientRedisCache("redis://127.0.0.1:6379/11", {"KEY_PREFIX": "backend-test"})
    cache.clear()
    yield cache
    cache.clear()
    cache.close()


def test_every_operation_uses_the_same_client(redis_cache):
    redis_cache.set("a", 1)
    first = redis_cache._cache.get_client(write=True)
    assert redis_cache.get_many(["a", "b"]) == {"a": 1}
    assert redis_cache._cache.get_client(write=False) is first


def test_threads_sharing_the_client_lose_no_update(redis_cache):
    redis_cache.set("counter", 0, timeout=None)
    barrier = threading.Barrier(8)

    def count() -> None:
        barrier.wait()
        for _ in range(200):
            redis_cache.incr("counter")

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert redis_cache.get("counter") == 1600

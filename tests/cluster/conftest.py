"""Everything in tests/cluster/ is marked ``cluster``: Redis, RQ workers and the archive writer as
real subprocesses on a generated loopback web. Each test module starts its own ``redis-server`` on a
free port; without the binary (a laptop without Debian's ``redis-server`` package) they are skipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.cluster.local import RedisServer, redis_binary
from scraper.demo.server import DemoWeb
from scraper.demo.sitegen import GeneratedWeb, generate
from scraper.registry import Municipality, save_registry

HERE = Path(__file__).resolve().parent
SEEDS = range(30)  # 30 generated sites, plus the three demo sites (which have quotes and contacts)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.cluster)


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    if redis_binary() is None:
        pytest.skip(
            "redis-server is not installed (Debian: apt-get install redis-server); .ci/run installs it"
        )
    with RedisServer() as server:
        yield server.url


@pytest.fixture
def fresh_redis(redis_url: str) -> str:
    from redis import Redis

    Redis.from_url(redis_url).flushall()
    return redis_url


@pytest.fixture(scope="module")
def web_registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A registry of ≥ 30 sites served on loopback: the generated web and the demo web."""
    sites = [generate(seed, "dev") for seed in SEEDS]
    path = tmp_path_factory.mktemp("web") / "registry.json"
    with GeneratedWeb(sites) as web, DemoWeb() as demo:
        entries = [Municipality(id=s.id, name=s.name, homepage=srv.homepage, country=s.country)
                   for s, srv in zip(sites, web.servers, strict=True)]  # fmt: skip
        entries += [
            Municipality(id=d.id, name=d.name, homepage=d.homepage, country=d.country) for d in demo.sites
        ]
        save_registry(entries, path)
        yield path

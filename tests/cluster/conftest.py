"""Everything in tests/cluster/ is marked ``cluster``: Redis, RQ workers and the archive writer as
real subprocesses on a generated loopback web. Each test module starts its own ``redis-server`` on a
free port; without the binary (a laptop without Debian's ``redis-server`` package) they are skipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scraper.cluster.local import RedisServer, redis_binary
from scraper.demo.server import DemoWeb
from scraper.demo.sitegen import GeneratedSite, GeneratedWeb, generate
from scraper.registry import Municipality, save_registry

HERE = Path(__file__).resolve().parent
SEEDS = range(30)  # 30 generated sites, plus the three demo sites (which have quotes and contacts)
#: Sites with a press room on 127.0.0.2 (each its own port): configured in the registry (a job of its
#: own), the first of them with its feed alone, or only linked from the site's footer (crawled by the
#: website job); and sites with PDF releases on their listing.
CONFIGURED, FEED_ONLY, LINKED = (0, 2, 4, 6), (6,), (1, 3, 5, 7)
PDF_RELEASES = range(6)


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


def generated(seed: int) -> GeneratedSite:
    return generate(
        seed, "dev", press_room=seed in CONFIGURED + LINKED, pdf_releases=1 if seed in PDF_RELEASES else 0
    )


@pytest.fixture(scope="module")
def web_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """The settings of a crawl of ≥ 30 sites served on loopback, the generated web (with press rooms
    and PDF releases) and the demo web: its registry, and the hosts of its press rooms."""
    sites = [generated(seed) for seed in SEEDS]
    path = tmp_path_factory.mktemp("web") / "registry.json"
    with GeneratedWeb(sites) as web, DemoWeb() as demo:
        ids = {seed: s.id for seed, s in zip(SEEDS, sites, strict=True)}
        entries = web.municipalities([ids[n] for n in CONFIGURED], [ids[n] for n in FEED_ONLY])
        entries += [
            Municipality(id=d.id, name=d.name, homepage=d.homepage, country=d.country) for d in demo.sites
        ]
        save_registry(entries, path)
        yield [f"MUNINEWS_REGISTRY={path}", f"MUNINEWS_PRESS_ROOM_HOSTS={web.press_room_hosts_setting()}"]

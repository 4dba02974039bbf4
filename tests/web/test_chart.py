"""The chart of articles per month: nice whole-number ticks, month labels, and bars a screen reader can read."""

from __future__ import annotations

import re

from scraper.web.chart import chart_svg, month_label, nice_ticks

ROWS = [("2025-11", "ekeby", 3), ("2025-12", "ekeby", 1), ("2026-01", "norrby", 2), ("2026-03", "ekeby", 1)]
NAMES = {"ekeby": "Ekeby kommun", "norrby": "Norrby kommun"}


def test_ticks_are_whole_steps_of_one_two_or_five_up_to_the_peak() -> None:
    assert nice_ticks(3) == [0, 1, 2, 3]  # was 0, 1, 3
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(48) == [0, 10, 20, 30, 40, 50]
    assert nice_ticks(430) == [0, 100, 200, 300, 400, 500]
    assert nice_ticks(0) == [0, 1]
    for peak in range(1, 2000, 7):
        ticks = nice_ticks(peak)
        step = ticks[1] - ticks[0]
        assert ticks[-1] >= peak > ticks[-2] and len(ticks) <= 6
        assert str(step).strip("0") in ("1", "2", "5") and ticks == list(range(0, ticks[-1] + 1, step))


def test_months_are_labelled_by_name_with_the_year_where_it_changes() -> None:
    assert month_label("2025-11", first=True) == ("Nov", "2025")
    assert month_label("2025-12", first=False) == ("Dec", "")
    assert month_label("2026-01", first=False) == ("Jan", "2026")
    svg = str(chart_svg(ROWS, NAMES))
    labels = re.findall(r'text-anchor="middle">([^<]+)</text>', svg)
    assert labels == ["Nov", "2025", "Dec", "Jan", "2026", "Feb", "Mar"]  # every month, the empty one too
    many = [(f"{2020 + i // 12}-{i % 12 + 1:02d}", "ekeby", 1) for i in range(60)]
    names = re.findall(r'text-anchor="middle">([A-Z][a-z]{2})</text>', str(chart_svg(many, NAMES)))
    assert 1 < len(names) <= 12


def test_each_bar_is_read_out_and_the_chart_does_not_hide_them() -> None:
    svg = str(chart_svg(ROWS, NAMES))
    outer = re.search(r"<svg[^>]*>", svg).group(0)
    assert 'role="img"' not in outer and 'role="group"' in outer  # role=img on the chart hid every bar
    bars = re.findall(r'<rect role="img" aria-label="([^"]+)"', svg)
    assert bars == ["2025-11 · Ekeby kommun: 3", "2025-12 · Ekeby kommun: 1", "2026-01 · Norrby kommun: 2",
                    "2026-03 · Ekeby kommun: 1"]  # fmt: skip
    assert '<th scope="row">2026-02</th><td>0</td>' in svg  # the numbers as a table too

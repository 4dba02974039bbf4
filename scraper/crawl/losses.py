"""Every loss visible: why a municipality's crawl kept less than its site offered, in words.

Read by the archive pipeline at the end of a crawl into ``crawls.note`` (and so the CLI summary):
a site not crawled because robots.txt was unavailable, news listings whose entries were fetched but
not stored, most candidate pages answering 404. Pure: a site's state and its counters in, text out.
"""

from __future__ import annotations

from scraper.crawl.frontier import SiteState

#: A note on 404s when at least this many candidates were asked and more than half answered 404/410.
MIN_CANDIDATES_FOR_GONE_NOTE = 4


def loss_notes(site: SiteState, known: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The reasons, in words, this site's crawl lost articles (empty: nothing to report)."""
    notes = []
    if site.robots_unavailable:
        notes.append(f"not crawled: {site.robots_unavailable}")
    lost = sorted(
        key
        for key in site.listed
        if key in site.requested
        and key not in site.stored_from
        and key not in site.articles
        and key not in site.not_due
        and key not in known
    )
    if lost:
        notes.append(
            f"{len(lost)} of {len(site.listed)} listed entries fetched but not stored (first: {lost[0]})"
        )
    if site.cut_short:
        first, reason = next(iter(site.cut_short.items()))
        notes.append(f"{len(site.cut_short)} responses cut short (first: {first}, {reason})")
    asked, gone = site.candidates_asked, site.candidates_gone
    if asked >= MIN_CANDIDATES_FOR_GONE_NOTE and gone * 2 > asked:
        notes.append(f"{gone} of {asked} candidate pages answered 404/410")
    return notes

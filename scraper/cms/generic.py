"""What every platform shares: the generic rules the spider starts from.

Swedish, Norwegian/Danish and English news sections, pagination, tracking parameters and the
site chrome every template has (header, footer, nav, menus, breadcrumbs, cookie banners). The
platform modules beside this one add what only their platform writes; ``cms/__init__`` merges them.
"""

from __future__ import annotations

import re

# Words that name a news section, in URL path segments and in link texts. Swedish,
# Norwegian/Danish and English. Matched against whole words of a link text or
# against path segments (after lower-casing and folding å/ä/ö to a/a/o).
NEWS_SECTION_WORDS = (
    "nyheter",
    "nyhet",
    "nyhetsarkiv",
    "aktuellt",
    "aktuelt",
    "pressmeddelanden",
    "pressmeddelande",
    "pressrum",
    "press",
    "pressemeldinger",
    "pressemeddelelser",
    "nyheder",
    "news",
    "newsroom",
    "press-releases",
    "press-release",
    "pressreleases",
    "latest-news",
    "nyhetsrum",
    "nyheterochpress",
    "nyheter-och-press",
    "nyheter-och-pressmeddelanden",
)

# Link texts that lead to a (full) news listing.
NEWS_LINK_TEXT = re.compile(
    r"^(alla |fler |visa alla |se alla |all |more |latest |read more |view all |see all |"
    r"alle |flere |vis alle |se alle |flere )?"
    r"(nyheter|nyhet|nyhetsarkiv|aktuellt|aktuelt|pressmeddelanden|pressrum|nyheder|"
    r"pressemeldinger|pressemeddelelser|news|newsroom|press releases|press|news and press|"
    r"nyheter och press(meddelanden)?|nyheter och pressmeddelanden|news and press releases)"
    r"( ?(och|and|&) ?(press(meddelanden)?|press releases|pressrum|evenemang|events))?"
    r"( från .*| from .*)?$",
    re.IGNORECASE,
)

# Path segments of sections that are not news even when they carry dates: calendars,
# events, searches, logins, jobs, contact and legal pages. A URL with one of these segments is
# never an article candidate (the platforms add their own: feeds, taxonomy archives, admin).
EXCLUDED_SEGMENTS = frozenset(
    {
        "kalender",
        "kalendarium",
        "evenemang",
        "evenemangskalender",
        "handelser",
        "events",
        "event",
        "calendar",
        "sok",
        "search",
        "soksida",
        "login",
        "logga-in",
        "etikett",
        "lediga-jobb",
        "jobs",
        "jobba-hos-oss",
        "kontakt",
        "kontakta-oss",
        "contact",
        "contact-us",
        "cookies",
        "om-cookies",
        "tillganglighet",
        "tillganglighetsredogorelse",
        "accessibility",
        "privacy",
        "personuppgifter",
    }
)

# File extensions that are never HTML articles.
EXCLUDED_EXTENSIONS = frozenset(
    {
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".svg",
        ".webp",
        ".mp3",
        ".mp4",
        ".zip",
        ".ics",
        ".xml",
        ".gz",
        ".css",
        ".js",
        ".json",
        ".txt",
        ".rss",
        ".atom",
    }
)

# Query parameters that only track campaigns or sessions: stripped from every URL so the
# same article reached from a newsletter and from the listing is stored once.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "igshid",
        "ref",
        "ref_src",
        "sessionid",
        "jsessionid",
        "phpsessid",
        "sid",
        "session_id",
        "cfid",
        "cftoken",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
# Session ids carried in the path (Java servlets' ";jsessionid=", ";sid=", ...): stripped like the
# query parameters above, or every visit mints new URLs for the same pages.
SESSION_PATH_PARAMS = re.compile(
    r";(?:jsessionid|sid|phpsessid|sessionid|session_id|aspsessionid\w*)=[^/?#;]*", re.IGNORECASE
)

# Query parameters that page through a listing (SiteVision writes "sv.12.abc.page=2").
PAGINATION_PARAM = re.compile(r"(^|\.)(page|paged|sida|p|start|offset|pg)$", re.IGNORECASE)
PAGINATION_TEXT = re.compile(
    r"^(nästa( sida)?|next( page)?|äldre( nyheter| inlägg)?|older( posts| news)?|fler nyheter|"
    r"visa fler|vis flere|vis fler|vis mere|se flere|se mere|flere nyheter|flere nyheder|"
    r"neste( side)?|næste( side)?|eldre( nyheter)?|ældre( nyheder)?|show more|more news|"
    r"load more|›|»|>|→|\d{1,4})$",
    re.IGNORECASE,
)

# Site chrome: elements whose links (and text) belong to the site, not to the page's content.
# The one definition: the crawl's CHROME_XPATH is built from these lists, and the extractors'
# chrome test (scraper.extract.vocabulary.CHROME_TAGS / CHROME_CLASS_TOKENS) includes them.
CHROME_TAGS = ("header", "footer", "nav")
# Substrings of @class (and of @id for CHROME_ID_WORDS) that mark chrome.
CHROME_CLASS_WORDS = ("header", "footer", "navigation", "menu", "breadcrumb", "cookie")
CHROME_ID_WORDS = ("header", "footer", "menu")
# Skip links ("Hoppa till innehållet"): chrome for link classification only; the extractors look
# for the longer "skip-link" token (see vocabulary.CHROME_CLASS_TOKENS).
CHROME_LINK_CLASS_WORDS = ("skip",)
CHROME_ROLES: tuple[str, ...] = ()

# Recent-news widgets repeated on every page. Their links are news articles, but a page that
# carries one is not a listing.
WIDGET_TAGS = ("aside",)
WIDGET_CLASS_WORDS: tuple[str, ...] = ()

# Signals that a page is one article (any one is enough with a title and body text).
ARTICLE_META_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//*[@itemprop='datePublished']/@datetime",
)
ARTICLE_BODY_CLASSES = ("news-article", "article-page")
LISTING_BODY_CLASSES: tuple[str, ...] = ()
JSONLD_ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "BlogPosting", "Report", "PressRelease"})

# A labelled publication date in the visible text: "Publicerad 2026-03-12",
# "Publicerat den 12 mars 2026", "Published 12 March 2026", "Posted on".
PUBLISHED_LABEL = re.compile(
    r"\b(publicerad|publicerat|publisert|publiceret|published|posted( on)?)\b\s*:?\s*(den )?"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}\.? ?[a-zåäö]+\.? \d{4}|[a-z]+ \d{1,2},? \d{4})",
    re.IGNORECASE,
)

# A page whose own text shows this many different full dates, without presenting itself as an
# article, is a page of dated notices (service disruptions, a diary), not one news article.
NOTICE_PAGE_DATES = 4

# Minimum words of paragraph text for a page to be an article rather than a stub.
MIN_ARTICLE_WORDS = 40
# ... unless the page shows article evidence (a title, a publication date, and an <article> element,
# article metadata or a place in the news section): then a dated notice of two short sentences
# ("Biblioteket har stängt på fredag") is news. Below this many words it is a stub or a teaser.
MIN_NOTICE_WORDS = 10
# A page whose main area links to this many distinct dated or news-section pages is a listing.
LISTING_MIN_LINKS = 4

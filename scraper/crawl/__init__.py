"""Scrapy's side of the flow: which URLs to fetch, and what the crawler remembers."""

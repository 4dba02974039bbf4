"""One renderer module per markup style; each turns a :class:`~scraper.demo.content.SiteContent` into files."""

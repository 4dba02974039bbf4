"""``muninews export-wacz``: package the archive's WARC captures as one WACZ file (WACZ 1.1.1).

WACZ is what ReplayWeb.page, Browsertrix and the Webrecorder tools open: a ZIP holding the WARC
files (stored, not re-compressed), a CDXJ index of every record (made by Webrecorder's own
``cdxj-indexer``), a ``pages.jsonl`` list of the archived articles (URL, capture time, title, from
``archive.db``) and a ``datapackage.json`` with the SHA-256 of every file, itself digested in
``datapackage-digest.json``. The crawl keeps writing plain rotating ``.warc.gz`` files (appending to
a ZIP is not crash-safe); packaging is a separate, repeatable step for handing an archive over.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from scraper import __version__
from scraper.archive.reads import captured_pages
from scraper.archive.warc import captures_dir

logger = logging.getLogger(__name__)

WACZ_VERSION = "1.1.1"


def _index(warc: Path) -> bytes:
    from cdxj_indexer.main import write_cdx_index

    out = io.StringIO()
    write_cdx_index(out, [str(warc)], {"sort": True})
    return out.getvalue().encode("utf-8")


def _datapackage(files: dict[str, bytes | Path], db_name: str, main_page: str | None) -> bytes:
    """``datapackage.json``: every packed file with its SHA-256 and size."""
    resources = []
    for name, content in files.items():
        data = content.read_bytes() if isinstance(content, Path) else content
        resources.append(
            {
                "name": Path(name).name,
                "path": name,
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
            }
        )
    datapackage = json.dumps(
        {
            "profile": "data-package",
            "wacz_version": WACZ_VERSION,
            "title": f"muninews archive {db_name}",
            "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "software": f"muninews {__version__}",
            "mainPageURL": main_page,
            "resources": resources,
        },
        indent=2,
    ).encode("utf-8")
    return datapackage


def export_wacz(db: str | Path, out: str | Path, captures: str | Path | None = None) -> dict[str, int]:
    """Write ``out`` (.wacz) from the captures of the archive at ``db``; returns counts."""
    db, out = Path(db), Path(out)
    directory = Path(captures) if captures else captures_dir(db)
    warcs = sorted(directory.glob("*.warc.gz"))
    lines: list[bytes] = []
    packed: list[Path] = []
    for warc in warcs:
        try:
            lines.extend(line for line in _index(warc).splitlines() if line.strip())
            packed.append(warc)
        except Exception as exc:  # e.g. a file whose last record a killed crawl cut short
            logger.warning("export-wacz: skipping %s: %s", warc.name, exc)
    lines.sort()
    pages = captured_pages(db)
    pages_jsonl = (
        "\n".join(
            [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "muninews articles"})]
            + [json.dumps(p, ensure_ascii=False) for p in pages]
        ).encode("utf-8")
        + b"\n"
    )
    files: dict[str, bytes | Path] = {f"archive/{w.name}": w for w in packed}
    files["indexes/index.cdx"] = b"\n".join(lines) + b"\n"
    files["pages/pages.jsonl"] = pages_jsonl

    datapackage = _datapackage(files, db.name, pages[0]["url"] if pages else None)
    digest = json.dumps(
        {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(datapackage).hexdigest()}
    ).encode("utf-8")
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w") as zf:
        for name, content in files.items():
            # WARCs are already gzip: stored, so a replay tool can seek into them.
            compress = zipfile.ZIP_STORED if name.startswith("archive/") else zipfile.ZIP_DEFLATED
            if isinstance(content, Path):
                zf.write(content, name, compress_type=compress)
            else:
                zf.writestr(name, content, compress_type=compress)
        zf.writestr("datapackage.json", datapackage, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("datapackage-digest.json", digest, compress_type=zipfile.ZIP_DEFLATED)
    tmp.replace(out)
    return {"warcs": len(packed), "records": len(lines), "pages": len(pages)}

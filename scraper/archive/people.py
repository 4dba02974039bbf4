"""People: one person per municipality behind the quotes and contacts that name them.

Linking rule (also in datasette_metadata.json, table people). Within one municipality:

1. A contact with an e-mail address links to the person already known by that address (the
   person's current email, or any earlier contact of theirs with it) when the names are alike
   (:func:`similar_names`: "Kristoffer Svensson" joins "Kristofer Svensson") or the contact has no
   name (then only if exactly one person has the address): :func:`choose_by_email`. E-mail is the
   stronger key; the name check keeps a shared desk address from merging different press officers.
2. Otherwise a contact or a quote's speaker links by :func:`name_key` (casefold, whitespace
   collapsed, å/ä/ö kept), creating the person on first sight. Within one article, a quote whose
   speaker has the same name_key as a contact goes to that contact's person.
3. A quote without a speaker, or a contact with neither name nor a known address, links to
   nobody. People are never merged across municipalities.

The aggregates (counts, dates, latest email/phone/role, person_roles: :func:`summarise_person`)
are recomputed from the linked rows for exactly the people an article touched, in the article's
transaction: a re-save cannot double-count and a dropped quote is decremented. A person left with
no rows is deleted. Archives from before the table are linked by re-crawls and
:meth:`PeopleMixin.link_people`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from scraper.archive.connection import ArchiveBase, inserted_id

#: How alike two differently written names with the same e-mail address must be (difflib ratio on
#: the name keys) to be one person. 0.85 accepts one or two letters' difference in a full name
#: ("kristofer svensson" / "kristoffer svensson" is 0.97) and rejects different people ("anna ek" /
#: "anna eklund" is 0.78).
NAME_SIMILARITY = 0.85

# Rows that could belong to a person but are not linked to one (yet).
_UNLINKED_QUOTE = "person_id IS NULL AND speaker IS NOT NULL"
_UNLINKED_CONTACT = "person_id IS NULL AND (name IS NOT NULL OR email IS NOT NULL)"


def name_key(name: str | None) -> str | None:
    """The key people are matched on: Unicode NFC, casefolded, whitespace collapsed.

    Diacritics are kept: å, ä and ö are letters of their own in Swedish, so "Åsa Öberg" and
    "Asa Oberg" are different keys (as "far" and "får" are different words). ``None`` for a name
    that is empty once normalised.
    """
    if not name:
        return None
    key = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return key or None


def similar_names(a: str, b: str) -> bool:
    """True if two name keys may spell the same person's name.

    Used only to accept an e-mail match: the same surname with the same first initial
    ("kristofer svensson" / "kristoffer svensson" / "k. svensson"), or nearly the same letters
    (a typo). A shared desk address such as kommunikation@… used by two different press officers
    does not pass, so they stay two people.
    """
    if a == b:
        return True
    a_parts, b_parts = a.split(), b.split()
    if (
        len(a_parts) > 1
        and len(b_parts) > 1
        and a_parts[-1] == b_parts[-1]
        and a_parts[0][0] == b_parts[0][0]
    ):
        return True
    return SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY


def choose_by_email(key: str | None, candidates: dict[int, str]) -> int | None:
    """The person an e-mail address points to, given the contact's name key (rule 1 above).

    ``candidates`` are the people known by the address: person id -> name_key. Without a name, the
    address decides only if one person has it; with a name, the same key wins (lowest id), else
    the most alike of the :func:`similar_names`, else nobody.
    """
    if key is None:
        return next(iter(candidates)) if len(candidates) == 1 else None
    if key in candidates.values():
        return min(pid for pid, k in candidates.items() if k == key)
    alike = [
        (SequenceMatcher(None, key, k).ratio(), -pid)
        for pid, k in candidates.items()
        if similar_names(key, k)
    ]
    return -max(alike)[1] if alike else None


@dataclass
class PersonSummary:
    """What the ``people`` row and its ``person_roles`` say, computed from the person's linked rows."""

    role: str | None
    email: str | None
    phone: str | None
    first_quoted: str | None
    last_quoted: str | None
    quote_count: int
    contact_count: int
    roles: list[tuple[str, str | None, str | None, int]] = field(default_factory=list)


def summarise_person(rows: Sequence[Sequence[Any]]) -> PersonSummary:
    """Aggregate a person's rows ``(kind, article_id, published, role, email, phone)``.

    ``kind`` is ``'quote'`` or ``'contact'``. The latest role, email and phone win: newest first,
    undated articles count as oldest, ties broken by article id (storage order). Roles are grouped
    by their :func:`name_key`: ``(role as written, first, last published, article count)``.
    """
    ordered = sorted(rows, key=lambda r: (r[2] or "", r[1]), reverse=True)
    quoted = [r[2] for r in ordered if r[0] == "quote" and r[2]]
    roles: dict[str, dict[str, Any]] = {}
    for _kind, article_id, published, role, _email, _phone in ordered:
        key = name_key(role)
        if key is None:
            continue
        entry = roles.setdefault(key, {"role": " ".join(role.split()), "dates": [], "articles": set()})
        entry["articles"].add(article_id)
        if published:
            entry["dates"].append(published)
    return PersonSummary(
        role=next((e["role"] for e in roles.values()), None),  # dicts keep insertion: newest first
        email=next((r[4] for r in ordered if r[4]), None),
        phone=next((r[5] for r in ordered if r[5]), None),
        first_quoted=min(quoted, default=None),
        last_quoted=max(quoted, default=None),
        quote_count=sum(r[0] == "quote" for r in ordered),
        contact_count=sum(r[0] == "contact" for r in ordered),
        roles=[
            (e["role"], min(e["dates"], default=None), max(e["dates"], default=None), len(e["articles"]))
            for e in roles.values()
        ],
    )


class PeopleMixin(ArchiveBase):
    """Linking quotes and contacts to people, and keeping the people rows' aggregates right."""

    def _resolve_people(
        self, municipality_id: str, contacts: list[tuple[str | None, str | None]], speakers: list[str | None]
    ) -> tuple[list[int | None], list[int | None]]:
        """Person ids for ``(name, email)`` contacts and for quote speakers of one article."""
        by_key: dict[str, int] = {}  # name keys met in this article
        by_email: dict[str, dict[int, str]] = {}  # addresses met in this article: person id -> name_key
        contact_people: list[int | None] = []
        for name, email in contacts:
            key = name_key(name)
            pid = None
            if email:
                candidates = {**self._people_by_email(municipality_id, email), **by_email.get(email, {})}
                pid = choose_by_email(key, candidates)
            if pid is None and key is not None:
                pid = by_key.get(key) or self._person_by_key(municipality_id, key, name or "")
            if pid is not None:
                if key is not None:
                    by_key.setdefault(key, pid)
                if email:
                    pid_key = self.db.execute("SELECT name_key FROM people WHERE id = ?", [pid]).fetchone()[0]
                    by_email.setdefault(email, {})[pid] = pid_key
            contact_people.append(pid)
        quote_people: list[int | None] = []
        for speaker in speakers:
            key = name_key(speaker)
            pid = None
            if key is not None:
                pid = by_key.get(key) or self._person_by_key(municipality_id, key, speaker or "")
                by_key.setdefault(key, pid)
            quote_people.append(pid)
        return contact_people, quote_people

    def _people_by_email(self, municipality_id: str, email: str) -> dict[int, str]:
        """People of a municipality known by ``email`` (now or in an earlier contact): id -> name_key."""
        found: dict[int, str] = dict(
            self.db.execute(
                "SELECT id, name_key FROM people WHERE municipality_id = ? AND email = ?",
                [municipality_id, email],
            ).fetchall()
        )
        found.update(
            self.db.execute(
                "SELECT DISTINCT p.id, p.name_key FROM contacts c JOIN articles a ON a.id = c.article_id "
                "JOIN people p ON p.id = c.person_id WHERE c.email = ? AND a.municipality_id = ?",
                [email, municipality_id],
            ).fetchall()
        )
        return found

    def _person_by_key(self, municipality_id: str, key: str, name: str) -> int:
        """The person with this name_key in the municipality, created (with zero counts) if new."""
        row = self.db.execute(
            "SELECT id FROM people WHERE municipality_id = ? AND name_key = ?", [municipality_id, key]
        ).fetchone()
        if row:
            pid: int = row[0]
            return pid
        cur = self.db.execute(
            "INSERT INTO people (municipality_id, name, name_key) VALUES (?, ?, ?)",
            [municipality_id, " ".join(name.split()), key],
        )
        return inserted_id(cur.lastrowid)

    def _article_people(self, article_id: int) -> set[int]:
        return {
            r[0]
            for r in self.db.execute(
                "SELECT person_id FROM quotes WHERE article_id = :a AND person_id IS NOT NULL UNION "
                "SELECT person_id FROM contacts WHERE article_id = :a AND person_id IS NOT NULL",
                {"a": article_id},
            )
        }

    def _link_stored(self, article_id: int, municipality_id: str) -> set[int]:
        """Link an article's stored quotes and contacts that have a name or e-mail but no person."""
        quotes = self.db.execute(
            f"SELECT id, speaker FROM quotes WHERE article_id = ? AND {_UNLINKED_QUOTE} ORDER BY id",
            [article_id],
        ).fetchall()
        contacts = self.db.execute(
            f"SELECT id, name, email FROM contacts WHERE article_id = ? AND {_UNLINKED_CONTACT} ORDER BY id",
            [article_id],
        ).fetchall()
        if not quotes and not contacts:
            return set()
        contact_people, quote_people = self._resolve_people(
            municipality_id, [(c[1], c[2]) for c in contacts], [q[1] for q in quotes]
        )
        for table, rows, pids in (("quotes", quotes, quote_people), ("contacts", contacts, contact_people)):
            self.db.conn.executemany(
                f"UPDATE {table} SET person_id = ? WHERE id = ?",
                [(pid, r[0]) for r, pid in zip(rows, pids, strict=True) if pid is not None],
            )
        return {pid for pid in (*contact_people, *quote_people) if pid is not None}

    def _refresh_people(self, person_ids: Iterable[int]) -> None:
        """Recompute people rows and their person_roles from the quotes and contacts linked to them.

        Reads each person's own rows through ``idx_quotes_person_id``/``idx_contacts_person_id``:
        cost grows with how often that person appears, never with the size of the archive.
        """
        for pid in sorted(set(person_ids)):
            rows = self.db.execute(
                "SELECT 'quote', q.article_id, a.published, q.role, NULL, NULL FROM quotes q "
                "JOIN articles a ON a.id = q.article_id WHERE q.person_id = :p "
                "UNION ALL "
                "SELECT 'contact', c.article_id, a.published, c.role, c.email, c.phone FROM contacts c "
                "JOIN articles a ON a.id = c.article_id WHERE c.person_id = :p",
                {"p": pid},
            ).fetchall()
            self.db.execute("DELETE FROM person_roles WHERE person_id = ?", [pid])
            if not rows:
                self.db.execute("DELETE FROM people WHERE id = ?", [pid])
                continue
            s = summarise_person(rows)
            self.db.execute(
                "UPDATE people SET role = ?, email = ?, phone = ?, first_quoted = ?, last_quoted = ?, "
                "quote_count = ?, contact_count = ? WHERE id = ?",
                [
                    s.role,
                    s.email,
                    s.phone,
                    s.first_quoted,
                    s.last_quoted,
                    s.quote_count,
                    s.contact_count,
                    pid,
                ],
            )
            self.db.conn.executemany(
                "INSERT INTO person_roles (person_id, role, first_seen_published, last_seen_published, "
                "article_count) VALUES (?, ?, ?, ?, ?)",
                [(pid, *role) for role in s.roles],
            )

    def link_people(self, batch_size: int = 500) -> int:
        """Link every stored quote and contact that has no person yet; returns how many were linked.

        For an archive written before the people table existed: opening it adds the columns but
        links nothing (that would take minutes on a Sweden-wide archive, and opening must stay
        fast); a re-crawl links each article it meets, and this links the rest. Articles are taken
        oldest first, ``batch_size`` per transaction (an interrupted run leaves whole batches done
        and can simply be run again).
        """
        unlinked = (
            f"SELECT count(*) FROM quotes WHERE {_UNLINKED_QUOTE}",
            f"SELECT count(*) FROM contacts WHERE {_UNLINKED_CONTACT}",
        )
        before = sum(self.db.execute(sql).fetchone()[0] for sql in unlinked)
        articles = self.db.execute(
            "SELECT id, municipality_id FROM articles WHERE id IN ("
            f"SELECT article_id FROM quotes WHERE {_UNLINKED_QUOTE} UNION "
            f"SELECT article_id FROM contacts WHERE {_UNLINKED_CONTACT}"
            ") ORDER BY published IS NULL, published, id"
        ).fetchall()
        for start in range(0, len(articles), batch_size):
            with self._transaction():
                touched: set[int] = set()
                for article_id, municipality_id in articles[start : start + batch_size]:
                    touched |= self._link_stored(article_id, municipality_id)
                self._refresh_people(touched)
        after = sum(self.db.execute(sql).fetchone()[0] for sql in unlinked)
        return int(before - after)

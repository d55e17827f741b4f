"""The tables: documents, events, actors, places, claims and incidents.

An event row keeps the contract record it came from (`record`, the EVENT JSON exactly as extracted)
next to the columns analysts filter on, so `rasid events` gives back what `rasid extract` gave and a
contract field added later is stored without a migration. Actors and places are shared entities (one
row per distinct canonical actor or place, keyed by a folded `key`), so 'every event of ISIS in
al-Hasakah' is a join, not a text search. A claim is one report's attribution: who says it and how
sure. An incident is one happening on one day, linking the events (reports) of many documents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """One input document, stored once: a second copy (same URL or same text) is recognised and
    skipped; a near-duplicate (same body through another format, a syndicated copy, a second crawl)
    is stored without events, `duplicate_of` naming the first copy (rasid.store.fingerprint)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    fingerprint: Mapped[bytes | None] = mapped_column(LargeBinary)  # MinHash of the body; None: too short
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("documents.id", name="fk_documents_duplicate_of"),
                                                     index=True)

    events: Mapped[list[EventRow]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                  order_by="EventRow.ordinal")


class ActorRow(Base):
    """A distinct actor: canonical name (or surface form when unnamed) with its CAMEO-style code."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(700), unique=True)
    name: Mapped[str] = mapped_column(String(500), index=True)
    country: Mapped[str | None] = mapped_column(String(8))
    sector: Mapped[str | None] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(32), index=True)


class PlaceRow(Base):
    """A distinct resolved place: name, admin units and coordinates."""

    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(700), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(String(200), index=True)
    admin2: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)


class IncidentRow(Base):
    """One happening on one day, as told by one or more reports (events)."""

    __tablename__ = "incidents"
    # the candidates of a new report: its type and country, on its days or undated (store._candidates)
    __table_args__ = (Index("ix_incidents_plover_country_date", "plover", "country", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plover: Mapped[str] = mapped_column(String(16), index=True)
    plover_mode: Mapped[str | None] = mapped_column(String(32))
    acled_event_type: Mapped[str | None] = mapped_column(String(64))
    acled_sub_event_type: Mapped[str | None] = mapped_column(String(64))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    location: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    country: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(String(200), index=True)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    n_reports: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    events: Mapped[list[EventRow]] = relationship(back_populates="incident", order_by="EventRow.id")


class EventRow(Base):
    """One coded event of one document (a report of a happening)."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("document_id", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    plover: Mapped[str] = mapped_column(String(16), index=True)
    plover_mode: Mapped[str | None] = mapped_column(String(32))
    acled_event_type: Mapped[str | None] = mapped_column(String(64))
    acled_sub_event_type: Mapped[str | None] = mapped_column(String(64))
    cameo: Mapped[str | None] = mapped_column(String(4))
    actor1_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    actor2_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    arrested: Mapped[int | None] = mapped_column(Integer)
    main: Mapped[bool] = mapped_column(Boolean, default=False)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"), index=True)

    document: Mapped[DocumentRow] = relationship(back_populates="events")
    incident: Mapped[IncidentRow | None] = relationship(back_populates="events")
    actor1: Mapped[ActorRow | None] = relationship(foreign_keys=[actor1_id])
    actor2: Mapped[ActorRow | None] = relationship(foreign_keys=[actor2_id])
    place: Mapped[PlaceRow | None] = relationship()
    claim: Mapped[ClaimRow] = relationship(back_populates="event", uselist=False, cascade="all, delete-orphan")


class ClaimRow(Base):
    """Who a report attributes its event to, and how sure the text is (asserted/claimed/denied)."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    certainty: Mapped[str] = mapped_column(String(16), index=True)
    claimed_by: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)

    event: Mapped[EventRow] = relationship(back_populates="claim")


class WatchSourceRow(Base):
    """What `rasid watch` remembers of a source between polls and across restarts: the validators of
    its last answer (conditional requests), its health and when to poll it next (backoff)."""

    __tablename__ = "watch_sources"

    source: Mapped[str] = mapped_column(String(2000), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_poll: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_success: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # in a row, for the backoff
    next_poll: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    items: Mapped[int] = mapped_column(Integer, default=0)  # documents stored from it, all polls
    errors: Mapped[int] = mapped_column(Integer, default=0)  # failed polls and items, all polls


class WatchItemRow(Base):
    """An item of a source already handled (a feed entry, a linked page, a file of a folder), so that
    nothing is fetched twice, also after a restart."""

    __tablename__ = "watch_items"

    source: Mapped[str] = mapped_column(String(2000), primary_key=True)
    item: Mapped[str] = mapped_column(String(2000), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AlertRow(Base):
    """One alert: a rule matched a stored event (`kind` event), or the report `event_id` made its
    incident grow (`kind` confirmed: a second outlet; toll: a higher figure). Unique per (rule, event,
    kind), so a rule fires once per event whatever happens to the process; `status` is pending,
    sending, sent or failed."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("rule", "event_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="event")
    incident_id: Mapped[int | None] = mapped_column(Integer, index=True)
    figure: Mapped[int | None] = mapped_column(Integer)  # the incident's toll a toll alert reported
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AlertMarkRow(Base):
    """How far a rule has looked: the highest event id it was matched against."""

    __tablename__ = "alert_marks"

    rule: Mapped[str] = mapped_column(String(200), primary_key=True)
    last_event_id: Mapped[int] = mapped_column(Integer, default=0)

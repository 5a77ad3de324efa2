"""Rasa's SQL tracker store, configured from one SQLAlchemy URL, at a cost per turn that does
not grow with the conversation.

endpoints.yml passes ``DATABASE_URL`` as ``url``; SQLite (the embedded default, a file under
var/) and PostgreSQL both work. Every event of every conversation is still written to Rasa's
``events`` table (the transcript the advisors' console reads; ``GET /conversations/{id}/tracker``
still returns them all). What changes against Rasa's own SQLTrackerStore:

- **save** writes only the events added since the tracker was loaded (Rasa counts the
  session's stored events again on every save), each passed through issue 13's
  ``bot.storage.redaction.redact_event``, and updates the conversation's summary row
  (bot/storage/summary.py) in the same transaction;
- **retrieve** (each turn) gives Rasa the session's opening events, then the state the events
  in between left (latest value of each slot, pause, active loop), then the session's latest
  events (at least ``TRACKER_RECENT_EVENTS`` and the last 10 actions) from a user turn on,
  as Botfront's tracker store does with a slot snapshot and the last events. The policies look at the last few turns only (max_history 4-5), so they predict
  exactly as on the whole session; the action server receives a bounded tracker. A session
  whose middle holds an event that rewrites history (rewind, undo, restart, reset of all
  slots) is loaded whole, as Rasa does. ``TRACKER_RECENT_EVENTS=0`` loads every session whole;
- the indexes these queries need on ``events`` (also made by migration 0004).

Privacy (issue 13): besides ``redact_event`` on every event written, ``save`` writes nothing
back once the user has erased the conversation in the chat (``privacy_erased``: the
``conversation_erased`` slot set by actions/privacy.py), and the Rasa server's logs are
redacted (``log_redaction.install()``).
"""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any, Iterable, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from bot import settings
from bot.storage.tracker_safety import SafeSQLTrackerStoreMixin
from bot.storage import summary

from bot.storage import erasure, log_redaction  # privacy (issue 13)
from bot.storage.redaction import redact_event  # issue 13 (pure: event dict in, event dict out)

logger = logging.getLogger(__name__)
log_redaction.install()  # the Rasa server's logs without personal identifiers (issue 13)


def privacy_erased(events: Iterable[Any]) -> bool:
    """Issue 13: these new events hold the user's confirmed erasure of the conversation."""
    return any(getattr(e, "type_name", None) == "slot" and getattr(e, "key", None)
               == "conversation_erased" and getattr(e, "value", None) for e in events)

# (name, columns) of the indexes on ``events``; migration 0004_summary makes the same ones
EVENTS_INDEXES = (
    ("ix_events_sender_id_id", ("sender_id", "id")),
    ("ix_events_sender_type_action", ("sender_id", "type_name", "action_name", "id")),
)
# in the skipped middle of a session, these rewrite what came before: load the session whole
HISTORY_REWRITING = ("rewind", "undo", "restart", "reset_slots")
# in the skipped middle, the latest of each of these (per slot name) is the state it leaves
STATE_EVENTS = ("slot", "pause", "resume", "active_loop", "loop_interrupted", "form_validation")
LISTEN = "action_listen"
# the policies look at the last 4-5 states (max_history), one per action: keep twice that
MIN_ACTIONS = 10
STORED = "_assistant_stored_events"  # attribute set on a loaded tracker: its events in the store
SUMMARY_RECHECK_SECONDS = 30.0


class WindowedSQLTrackerStore(SQLTrackerStore):
    """Configured from one URL; writes new events only, loads a bounded window (module doc)."""

    def __init__(self, domain: Any = None, host: Optional[str] = None,
                 event_broker: Any = None, **kwargs: Any) -> None:
        url = make_url(host or settings.database_url())
        if url.get_backend_name() == "sqlite" and url.database:
            path = Path(url.database)
            if not path.is_absolute():
                path = settings.ROOT / path
            path.parent.mkdir(parents=True, exist_ok=True)
            url = url.set(database=str(path))
        kwargs.pop("url", None)
        self.recent_events = settings.tracker_recent_events()
        self.first_events = settings.tracker_first_events()
        super().__init__(domain=domain, dialect=url.drivername,
                         host=url.render_as_string(hide_password=False),
                         event_broker=event_broker, **kwargs)
        self._summary_checked_at = 0.0
        self._summary_ready = False
        self._create_indexes()

    # -- schema ------------------------------------------------------------------------------
    def _create_indexes(self) -> None:
        for name, columns in EVENTS_INDEXES:
            try:
                with self.engine.begin() as connection:
                    connection.execute(sa.text(
                        f"create index if not exists {name} on events ({', '.join(columns)})"))
            except sa.exc.SQLAlchemyError as error:  # another server made it meanwhile
                logger.warning("Index %s on events not created: %s", name, error)

    def _summary_table_ready(self) -> bool:
        """The summary table exists (made by the migrations; checked again now and then)."""
        if not self._summary_ready and (
                time.monotonic() - self._summary_checked_at > SUMMARY_RECHECK_SECONDS):
            self._summary_checked_at = time.monotonic()
            self._summary_ready = sa.inspect(self.engine).has_table(summary.TABLE)
            if not self._summary_ready:
                logger.warning("Table %s missing (run `python -m bot.tools.migrate`): the "
                               "console's review will not list new conversations.", summary.TABLE)
        return self._summary_ready

    # -- reading -----------------------------------------------------------------------------
    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        """The latest session, as the policies and the actions need it (see the module doc)."""
        with self.session_scope() as session:
            events = self._session_events(session, sender_id)
        return self._tracker(sender_id, events)

    async def retrieve_full_tracker(self, conversation_id: str) -> Optional[DialogueStateTracker]:
        tracker = await super().retrieve_full_tracker(conversation_id)
        if tracker is not None:
            setattr(tracker, STORED, None)  # every session: save counts what is stored
        return tracker

    def _tracker(self, sender_id: str, events: list) -> Optional[DialogueStateTracker]:
        if not self.domain or not events:
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        setattr(tracker, STORED, len(tracker.events))
        return tracker

    def _session_events(self, session: Any, sender_id: str) -> list:
        E = self.SQLEvent
        start = session.query(sa.func.max(E.id)).filter(
            E.sender_id == sender_id, E.type_name == "session_started").scalar() or 0
        in_session = (E.sender_id == sender_id, E.id >= start)

        def whole() -> list:
            rows = session.query(E.data).filter(*in_session).order_by(E.id).all()
            return [json.loads(data) for (data,) in rows]

        if not self.recent_events:
            return whole()
        columns = (E.id, E.type_name, E.action_name, E.data)
        tail = (session.query(*columns).filter(*in_session)
                .order_by(E.id.desc()).limit(self.recent_events).all())
        if len(tail) < self.recent_events:
            return [json.loads(row.data) for row in reversed(tail)]
        tail.reverse()
        latest_pause = (session.query(E.type_name).filter(*in_session, E.type_name.in_(
            ("pause", "resume"))).order_by(E.id.desc()).limit(1).scalar())
        if latest_pause != "pause":
            # the policies read the states of the last actions: the window holds at least
            # MIN_ACTIONS of them and starts at a listen (a user turn), as a story would
            kth = (session.query(E.id).filter(*in_session, E.type_name == "action")
                   .order_by(E.id.desc()).offset(MIN_ACTIONS - 1).limit(1).scalar())
            if kth is None:
                return whole()
            cut = session.query(sa.func.max(E.id)).filter(
                *in_session, E.type_name == "action", E.action_name == LISTEN,
                E.id <= min(kth, tail[0].id)).scalar()
            if cut is None:
                return whole()
            if cut < tail[0].id:
                tail = (session.query(*columns).filter(*in_session, E.id >= cut)
                        .order_by(E.id).all())
            else:
                tail = [row for row in tail if row.id >= cut]
        # (while paused nothing is predicted: the latest events as they are)
        head = (session.query(*columns).filter(*in_session, E.id < tail[0].id).order_by(E.id)
                .limit(self.first_events + 1).all())
        if len(head) <= self.first_events:  # nothing skipped
            return [json.loads(row.data) for row in head + tail]
        head = head[:self.first_events]
        end = next((i for i in range(len(head) - 1, 0, -1)
                    if head[i].type_name == "action" and head[i].action_name == LISTEN), None)
        if end is None:
            return whole()
        middle = (E.sender_id == sender_id, E.id >= head[end].id, E.id < tail[0].id)
        head = head[:end]
        if session.query(E.id).filter(*middle, E.type_name.in_(HISTORY_REWRITING)).first():
            return whole()
        latest = (session.query(sa.func.max(E.id)).filter(*middle, E.type_name.in_(STATE_EVENTS))
                  .group_by(E.type_name, E.action_name))
        state_ids = sorted(i for (i,) in latest.all())
        state = []
        if state_ids:
            state = [data for (data,) in session.query(E.data).filter(E.id.in_(state_ids))
                     .order_by(E.id).all()]
        return [json.loads(row.data) for row in head] + [json.loads(d) for d in state] + \
            [json.loads(row.data) for row in tail]

    # -- writing -----------------------------------------------------------------------------
    def _new_events(self, session: Any, tracker: DialogueStateTracker) -> list:
        stored = getattr(tracker, STORED, None)
        if stored is None:  # a tracker this store did not load: Rasa's own count
            return list(self._additional_events(session, tracker))
        return list(tracker.events)[stored:]

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        if self.event_broker is None:
            return None
        stored = getattr(tracker, STORED, None)
        if stored is None:
            return await super().stream_events(tracker)
        await self._stream_new_events(self.event_broker, list(tracker.events)[stored:],
                                      tracker.sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the tracker's new events (and only them) and update the summary row."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            new_events = self._new_events(session, tracker)
            if privacy_erased(new_events):  # issue 13: erased, nothing written back
                erasure.delete_events(session, tracker.sender_id)
                session.commit()
                setattr(tracker, STORED, len(tracker.events))
                return
            written = [self._write(session, tracker.sender_id, event) for event in new_events]
            if written and self._summary_table_ready():
                summary.record(session, tracker.sender_id, written)
            session.commit()
        setattr(tracker, STORED, len(tracker.events))
        logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")

    def _write(self, session: Any, sender_id: str, event: Any) -> dict:
        data = redact_event(event.as_dict())  # issue 13: no personal identifier stored
        session.add(self.SQLEvent(
            sender_id=sender_id, type_name=event.type_name, timestamp=data.get("timestamp"),
            intent_name=((data.get("parse_data") or {}).get("intent") or {}).get("name"),
            action_name=data.get("name"), data=json.dumps(data)))
        return data


class UrlSQLTrackerStore(SafeSQLTrackerStoreMixin, WindowedSQLTrackerStore):
    """The store endpoints.yml names. SafeSQLTrackerStoreMixin (issue 10) wraps the windowed
    store: one bad conversation never exits the server, a save is retried, and a save given up
    is logged "TRANSCRIPT NOT SAVED" and reported by GET /webhooks/rest/."""


def stored_event_count(tracker: DialogueStateTracker) -> Optional[int]:
    """How many of the tracker's events the store holds (None: unknown, counted on save)."""
    return getattr(tracker, STORED, None)


__all__: Iterable[str] = ("UrlSQLTrackerStore", "EVENTS_INDEXES", "stored_event_count")

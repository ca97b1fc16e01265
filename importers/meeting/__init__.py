"""A club's monthly meeting recorded in one step: payments, attendance, new loans, new
members and other cash, checked like an imported register and written whole or not at all.

``record_meeting`` (in ``importers.meeting.record``) is the one way a meeting reaches a book.
"""

from __future__ import annotations

from importers.meeting.form import MeetingError, MeetingForm
from importers.meeting.record import MeetingResult, record_meeting

__all__ = ["MeetingError", "MeetingForm", "MeetingResult", "record_meeting"]

"""What a double offers the wire layer: its store, the services it lets through, its
fault plan and its call log. ``hook`` keeps the stack of active doubles and ``serve``
answers a request from one; both name it from here, so neither imports the other
for it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..faults import FaultPlan
    from ..model.store import Store
    from ..recording import CallLog


class Serving(Protocol):
    store: Store
    passthrough: frozenset[str]
    faults: FaultPlan
    calls: CallLog

    def note_internal_error(self, error: BaseException) -> None: ...

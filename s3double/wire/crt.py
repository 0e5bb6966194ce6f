"""boto3's CRT transfer manager while a double is active: served through the classic one.

With ``awscrt`` installed, ``boto3.s3.transfer.create_transfer_manager`` hands
``upload_file``, ``download_file`` and their kin to the AWS Common Runtime when
``TransferConfig(preferred_transfer_client="crt")`` asks for it, or on instance types the
CRT is optimized for. The CRT sends its requests with its own HTTP client, past
botocore's events, so no double could answer them. While a double is active,
``create_crt_transfer_manager`` answers None, which boto3 reads as "the CRT cannot take
this request" and falls back to s3transfer's classic manager: the same calls, made
through the client, served by the double, recorded in its call log. The CRT client is
never created, so nothing reaches the network. Wrapped when ``boto3.s3.transfer`` is
imported; nothing changes while no double is active.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import ModuleType
from typing import Any

from . import current

logger = logging.getLogger(__name__)


def _classic_while_active(create: Callable[..., Any]) -> Callable[..., Any]:
    def create_crt_transfer_manager(client: Any, config: Any) -> Any:
        if current.active() is not None:
            logger.debug("s3double is active: the classic transfer manager serves this transfer")
            return None
        return create(client, config)

    create_crt_transfer_manager.s3double = True  # type: ignore[attr-defined]
    return create_crt_transfer_manager


def guard_transfer(transfer: ModuleType) -> None:
    """Wrap ``create_crt_transfer_manager`` in boto3's ``s3.transfer`` module (present
    only when awscrt is installed)."""
    create = getattr(transfer, "create_crt_transfer_manager", None)
    if create is not None and not getattr(create, "s3double", False):
        transfer.create_crt_transfer_manager = _classic_while_active(create)  # type: ignore[attr-defined]

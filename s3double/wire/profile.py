"""Inside a double, botocore sessions read no AWS profile.

Why: CI machines often set ``AWS_PROFILE`` to a profile that does not exist there, and
botocore reads the profile while it makes a client (the region, the data path, the
credential chain), so ``boto3.client("s3")`` raised ``ProfileNotFound`` before any
request was made. A broken profile (a ``credential_process`` that is missing, a
``source_profile`` that names nothing, an SSO login that has expired) failed the same
way, or ran a program, or asked the network. A double needs none of it.

How, with botocore's public API only: ``botocore.register_initializer`` runs
``isolate`` on every ``botocore.session.Session`` made from now on (and ``install``
runs it on boto3's default session if it already exists). It shadows four of the
session's public methods on that one instance; outside a double each simply calls
botocore's own, so a session made inside a block behaves as botocore's afterwards:

* ``get_scoped_config`` answers the double's own profile, ``{"region": "us-east-1"}``,
  instead of the user's. Every value botocore takes from a profile goes through this
  method (the config chain's profile step, and ``create_client``'s ``scoped_config``),
  so values given to the session (``region_name=...``) and environment variables
  (``AWS_DEFAULT_REGION``) still win, and the region falls back to us-east-1.
* ``get_credentials`` answers the session's explicit credentials (``set_credentials``,
  ``boto3.Session(aws_access_key_id=...)``), else the environment's
  (``AWS_ACCESS_KEY_ID`` ...), else the AWS documentation's example keys (so presigned
  URLs work), which sign only while a double is active. They are returned, never
  cached on the session, so nothing outlives the block. When the
  active double passes services through to AWS, real credentials are needed, and
  botocore's own chain (which reads the profile) answers instead.
* ``get_auth_token`` (bearer tokens, from SSO profiles) answers ``None``.
* ``set_credentials`` also remembers the explicit credentials for the above.

``os.environ`` is never changed, and no private botocore attribute is touched.

Limits, as botocore is built: ``create_client`` parses the config file itself
(``Session.full_config``, for its ``services`` sections), so a file that does not
parse still fails; inside a double that failure is raised as ``ConfigFileError``,
which says what to do. Components a session builds once and keeps (the data loader,
which reads ``data_path``; the client-side monitoring publisher) are built from the
session's and the environment's settings only when first built inside a block.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import botocore
from botocore.credentials import Credentials, EnvProvider
from botocore.exceptions import ConfigParseError, NoCredentialsError, PartialCredentialsError

from ..errors import EXAMPLE_CREDENTIALS_OUTSIDE, ConfigFileError

# The double's own profile: what botocore finds where it would read the user's.
DOUBLE_PROFILE = {"region": "us-east-1"}

# The example key pair of the AWS documentation ("Managing access keys for IAM users").
EXAMPLE_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
EXAMPLE_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

# Which double is active (the hook's ``active``, given at ``install``).
_ACTIVE_DOUBLE: list[Callable[[], Any]] = [lambda: None]


def _isolated() -> bool:
    """A double is active and sends nothing to AWS."""
    double = _ACTIVE_DOUBLE[0]()
    return double is not None and not double.passthrough


class IsolatedProfile:
    """What one session's profile methods answer; botocore's own are kept to delegate to."""

    def __init__(self, session: Any) -> None:
        self._session = session
        self._scoped_config = session.get_scoped_config
        self._credentials = session.get_credentials
        self._auth_token = session.get_auth_token
        self._set_credentials = session.set_credentials
        self._explicit: Any = None

    def get_scoped_config(self) -> Any:
        if _ACTIVE_DOUBLE[0]() is None:
            return self._scoped_config()
        self._check_config_file()
        return dict(DOUBLE_PROFILE)

    def get_credentials(self) -> Any:
        if not _isolated():
            return self._credentials()
        return self._explicit or _environment_credentials() or example_credentials()

    def get_auth_token(self, **kwargs: Any) -> Any:
        if _ACTIVE_DOUBLE[0]() is None:
            return self._auth_token(**kwargs)
        return None

    async def get_credentials_async(self) -> Any:
        """``get_credentials`` for aiobotocore's sessions, whose callers await it."""
        if not _isolated():
            return await self._credentials()
        if self._explicit is not None:
            return self._explicit
        from aiobotocore.credentials import AioCredentials  # the kind its callers await

        found = _environment_credentials() or example_credentials()
        return AioCredentials(found.access_key, found.secret_key, found.token, method="s3double")

    def set_credentials(self, *args: Any, **kwargs: Any) -> None:
        self._set_credentials(*args, **kwargs)
        if not inspect.iscoroutinefunction(self._credentials):
            self._explicit = self._credentials()  # botocore's, now set: no lookup
        else:  # aiobotocore's: the credentials set are the session's own attribute
            self._explicit = getattr(self._session, "_credentials", None)

    def _check_config_file(self) -> None:
        try:
            _ = self._session.full_config  # what create_client parses anyway; cached by botocore
        except ConfigParseError as error:
            raise ConfigFileError(str(error.kwargs.get("path", ""))) from error


def _environment_credentials() -> Any:
    try:
        return EnvProvider().load()
    except PartialCredentialsError:
        return None


class CredentialsOutsideTheDouble(NoCredentialsError):  # type: ignore[misc]
    fmt = EXAMPLE_CREDENTIALS_OUTSIDE


class DoubleCredentials(Credentials):  # type: ignore[misc]
    """The AWS documentation's example keys, good only while a double is active: a client
    made inside a block and used after it fails as a client without credentials does,
    rather than sign a request to AWS with them."""

    def get_frozen_credentials(self) -> Any:
        if _ACTIVE_DOUBLE[0]() is None:
            raise CredentialsOutsideTheDouble()
        return super().get_frozen_credentials()


def example_credentials() -> Credentials:
    return DoubleCredentials(EXAMPLE_ACCESS_KEY_ID, EXAMPLE_SECRET_ACCESS_KEY, method="s3double")


_SHADOWED = ("get_scoped_config", "get_credentials", "get_auth_token", "set_credentials")


def isolate(session: Any) -> None:
    """Make ``session`` read no profile while a double is active (idempotent)."""
    if isinstance(getattr(session.get_scoped_config, "__self__", None), IsolatedProfile):
        return
    profile = IsolatedProfile(session)
    for name in _SHADOWED:
        setattr(session, name, getattr(profile, name))
    if inspect.iscoroutinefunction(profile._credentials):  # aiobotocore awaits it
        session.get_credentials = profile.get_credentials_async


_INSTALLED: list[bool] = []


def install(active: Callable[[], Any], default_session: Any = None) -> None:
    """Isolate every botocore session made from now on, and ``default_session``, while
    ``active()`` names a double."""
    _ACTIVE_DOUBLE[:] = [active]
    if not _INSTALLED:
        botocore.register_initializer(isolate)
        _INSTALLED.append(True)
    if default_session is not None:
        isolate(default_session)

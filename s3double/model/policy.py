"""Bucket policies: the part of the IAM policy language s3double models, read into
values, and the one question S3 asks of a policy before it serves a request.

Modelled (IAM user guide, "Grammar of the IAM JSON policy language" and "IAM JSON policy
elements reference"): ``Version`` (``2008-10-17``, the default, or ``2012-10-17``),
``Id``, ``Statement`` (a list, or one statement), and in each statement ``Sid``,
``Effect`` (``Allow`` or ``Deny``, case-sensitive), ``Principal`` (``"*"``,
``{"AWS": ...}`` naming ``"*"``, a 12-digit account id, an account's root ARN or an IAM
user or role ARN, or ``{"Service": ...}`` naming an AWS service principal such as
``logging.s3.amazonaws.com``, one or a list), ``Action`` (``s3:`` actions,
case-insensitive, with ``*`` and ``?`` wildcards) and ``Resource`` (``arn:aws:s3:::``
ARNs of the policy's own bucket and its objects, case-sensitive, with ``*`` and ``?``
wildcards; ``*`` spans ``/``, as the IAM page's ``amzn-s3-demo-bucket/*/test/*``
example shows).

``parse_policy`` returns a ``Policy`` or a ``PolicyProblem`` saying why the document is
refused; the operations layer turns the reason into S3's answer. Valid IAM that
s3double does not evaluate (``Condition``, ``NotPrincipal``, ``NotAction``,
``NotResource``, federated and canonical-user principals) is a problem too,
``UNMODELLED``, reported only when nothing else is wrong, so a policy is never stored
with part of it ignored.

``denies`` is the evaluation the double needs. Its caller is the account that owns the
buckets, and "by default, all requests are implicitly denied with the exception of the
AWS account root user, which has full access"; "an explicit deny overrides an explicit
allow" (IAM user guide, "Policy evaluation logic"). So only a Deny statement naming the
caller's account (or everyone) refuses; Allow statements grant it nothing it lacks.
A statement naming an IAM user or role, or a service, never names that root user, so
it is kept and never refuses the caller: a Deny for a role leaves the root user free,
as IAM's evaluation does.
"""

from __future__ import annotations

import enum
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .s3_actions import ACTIONS, ResourceKind

ARN_PREFIX = "arn:aws:s3:::"
VERSIONS = ("2008-10-17", "2012-10-17")
DEFAULT_VERSION = "2008-10-17"
MAX_NORMALIZED_BYTES = 20_480  # S3 user guide: "Bucket policies are limited to 20 KB in size"
EVERYONE = "*"

TOP_ELEMENTS = frozenset({"Version", "Id", "Statement"})
STATEMENT_ELEMENTS = frozenset(
    {"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource",
     "NotResource", "Condition"}
)
EXCLUSIVE = (("Principal", "NotPrincipal"), ("Action", "NotAction"), ("Resource", "NotResource"))


class Effect(enum.Enum):
    ALLOW = "Allow"
    DENY = "Deny"


class ProblemReason(enum.Enum):
    """Why a policy document is refused; ``PolicyProblem.detail`` says more where noted."""

    NOT_JSON = "not-json"  # the first byte is not "{"
    INVALID_JSON = "invalid-json"  # begins with "{" but does not parse
    SYNTAX = "syntax"  # a value of the wrong type, an unknown or repeated element
    TOO_LARGE = "too-large"
    INVALID_VERSION = "invalid-version"
    MISSING_STATEMENT = "missing-statement"
    EMPTY_STATEMENT = "empty-statement"
    DUPLICATE_SID = "duplicate-sid"
    MISSING_FIELD = "missing-field"  # detail: Effect, Principal, Action or Resource
    INVALID_EFFECT = "invalid-effect"  # detail: the value
    INVALID_PRINCIPAL = "invalid-principal"
    INVALID_ACTION = "invalid-action"
    INVALID_RESOURCE = "invalid-resource"
    ACTION_RESOURCE_MISMATCH = "action-resource-mismatch"
    UNMODELLED = "unmodelled"  # valid IAM s3double does not evaluate; detail names it


@dataclass(frozen=True, slots=True)
class PolicyProblem:
    reason: ProblemReason
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Statement:
    effect: Effect
    principals: frozenset[str]  # EVERYONE, 12-digit account ids, IAM ARNs, service:<name>
    actions: tuple[str, ...]  # patterns, matched without regard to case
    resources: tuple[str, ...]  # ARN patterns, matched with regard to case
    sid: str | None = None

    def applies(self, account_id: str, action: str, resource_arn: str) -> bool:
        return (
            (EVERYONE in self.principals or account_id in self.principals)
            and any(_matches(pattern, action, fold=True) for pattern in self.actions)
            and any(_matches(pattern, resource_arn) for pattern in self.resources)
        )


@dataclass(frozen=True, slots=True)
class Policy:
    document: str  # the JSON as it was put, which GetBucketPolicy gives back
    statements: tuple[Statement, ...]
    version: str = DEFAULT_VERSION
    id: str | None = None


def resource_arn(bucket: str, key: str | None = None) -> str:
    """The ARN a request names: the bucket's, or one object's."""
    return ARN_PREFIX + bucket if key is None else f"{ARN_PREFIX}{bucket}/{key}"


def denies(policy: Policy, account_id: str, action: str, resource: str) -> bool:
    """Whether a Deny statement applies to ``account_id`` doing ``action`` on ``resource``."""
    return any(
        statement.effect is Effect.DENY and statement.applies(account_id, action, resource)
        for statement in policy.statements
    )


# -- reading a document ------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, reason: ProblemReason, detail: str = "") -> None:
        self.problem = PolicyProblem(reason, detail)


def parse_policy(body: bytes, bucket: str) -> Policy | PolicyProblem:
    """The policy ``body`` holds for ``bucket``, or why S3 (or s3double) refuses it."""
    unmodelled: list[str] = []
    try:
        document = _load(body)
        policy = _policy(body.decode("utf-8"), document, bucket, unmodelled)
    except _Refused as refused:
        return refused.problem
    if unmodelled:
        return PolicyProblem(ProblemReason.UNMODELLED, unmodelled[0])
    return policy


def _load(body: bytes) -> dict[str, Any]:
    """S3 answers "the first byte must be '{'" to anything else, an empty body included."""
    if body[:1] != b"{":
        raise _Refused(ProblemReason.NOT_JSON)
    try:
        document = json.loads(
            body.decode("utf-8"), object_pairs_hook=_object, parse_constant=_not_json
        )
    except (UnicodeDecodeError, ValueError):
        raise _Refused(ProblemReason.INVALID_JSON) from None
    if not isinstance(document, dict):
        raise _Refused(ProblemReason.INVALID_JSON)
    normalized = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
    if len(normalized.encode("utf-8", "surrogatepass")) > MAX_NORMALIZED_BYTES:
        raise _Refused(ProblemReason.TOO_LARGE)
    return document


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """IAM: "Individual elements must not contain multiple instances of the same key"."""
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Refused(ProblemReason.SYNTAX)
    return result


def _not_json(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


def _policy(text: str, document: dict[str, Any], bucket: str, unmodelled: list[str]) -> Policy:
    if set(document) - TOP_ELEMENTS:
        raise _Refused(ProblemReason.SYNTAX)
    version = document.get("Version", DEFAULT_VERSION)
    if version not in VERSIONS:
        raise _Refused(ProblemReason.INVALID_VERSION)
    policy_id = document.get("Id")
    if policy_id is not None and not isinstance(policy_id, str):
        raise _Refused(ProblemReason.SYNTAX)
    statements = tuple(_statement(each, bucket, unmodelled) for each in _statements(document))
    sids = [statement.sid for statement in statements if statement.sid]
    if len(sids) != len(set(sids)):
        raise _Refused(ProblemReason.DUPLICATE_SID)
    return Policy(text, statements, version, policy_id)


def _statements(document: dict[str, Any]) -> list[Any]:
    if "Statement" not in document:
        raise _Refused(ProblemReason.MISSING_STATEMENT)
    statements = document["Statement"]
    if isinstance(statements, dict):
        return [statements]
    if not isinstance(statements, list):
        raise _Refused(ProblemReason.SYNTAX)
    if not statements:
        raise _Refused(ProblemReason.EMPTY_STATEMENT)
    return statements


def _statement(element: Any, bucket: str, unmodelled: list[str]) -> Statement:
    if not isinstance(element, dict) or set(element) - STATEMENT_ELEMENTS:
        raise _Refused(ProblemReason.SYNTAX)
    if any(first in element and second in element for first, second in EXCLUSIVE):
        raise _Refused(ProblemReason.SYNTAX)
    sid = element.get("Sid")
    if sid is not None and not isinstance(sid, str):
        raise _Refused(ProblemReason.SYNTAX)
    effect = _effect(element)
    unmodelled += [name for name in ("NotPrincipal", "NotAction", "NotResource") if name in element]
    principals: frozenset[str] = frozenset()
    if "NotPrincipal" not in element:
        principals = _principals(_required(element, "Principal"), unmodelled)
    actions = () if "NotAction" in element else _strings(_required(element, "Action"))
    resources = () if "NotResource" in element else _strings(_required(element, "Resource"))
    _check_applicable(actions, resources, bucket)
    if "Condition" in element:
        unmodelled.append("Condition")
    return Statement(effect, principals, actions, resources, sid)


def _check_applicable(actions: tuple[str, ...], resources: tuple[str, ...], bucket: str) -> None:
    """Each action must name one that applies to a kind of resource the statement names:
    S3 refused ``s3:PutObject`` on a bucket's ARN, "Action does not apply to any
    resource(s) in statement"."""
    resource_kinds = _resource_kinds(resources, bucket)
    for action in actions:
        action_kinds = _action_kinds(action)
        if resources and not action_kinds & resource_kinds:
            raise _Refused(ProblemReason.ACTION_RESOURCE_MISMATCH)


def _required(element: dict[str, Any], name: str) -> Any:
    if name not in element:
        raise _Refused(ProblemReason.MISSING_FIELD, name)
    return element[name]


def _effect(element: dict[str, Any]) -> Effect:
    value = _required(element, "Effect")
    if not isinstance(value, str):
        raise _Refused(ProblemReason.SYNTAX)
    try:
        return Effect(value)
    except ValueError:
        raise _Refused(ProblemReason.INVALID_EFFECT, value) from None


def _strings(value: Any) -> tuple[str, ...]:
    """A string, or a non-empty list of strings ("the brackets are optional")."""
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise _Refused(ProblemReason.SYNTAX)
    return tuple(values)


# -- principals --------------------------------------------------------------------

_ACCOUNT = re.compile(r"\d{12}")
_ROOT = re.compile(r"arn:aws:iam::(\d{12}):root")
_IDENTITY = re.compile(r"arn:aws:(iam|sts)::\d{12}:(user|role|assumed-role|federated-user)/[^*?]+")
_SERVICE = re.compile(r"[a-z0-9.-]+\.amazonaws\.com(\.cn)?")
_UNMODELLED_PRINCIPALS = ("Federated", "CanonicalUser")


def _principals(value: Any, unmodelled: list[str]) -> frozenset[str]:
    """S3 user guide, "Principals": ``"*"`` and ``{"AWS": "*"}`` are everyone; an account
    id and its root ARN "behave the same way"; no wildcard may match part of one."""
    if value == EVERYONE:
        return frozenset({EVERYONE})
    if not isinstance(value, dict) or not value:
        raise _Refused(ProblemReason.INVALID_PRINCIPAL)
    accounts: set[str] = set()
    for kind, names in value.items():
        if kind in _UNMODELLED_PRINCIPALS:
            _strings(names)
            unmodelled.append(f"Principal {kind}")
        elif kind == "AWS":
            accounts.update(_account(name) for name in _strings(names))
        elif kind == "Service":
            accounts.update(_service(name) for name in _strings(names))
        else:
            raise _Refused(ProblemReason.INVALID_PRINCIPAL)
    return frozenset(accounts)


def _account(name: str) -> str:
    """An account id for ``"*"``, an account or its root; an IAM user or role ARN as it
    is (it never equals an account id, so it never names the caller)."""
    if name == EVERYONE or _ACCOUNT.fullmatch(name):
        return name
    root = _ROOT.fullmatch(name)
    if root:
        return root.group(1)
    if _IDENTITY.fullmatch(name):
        return name
    raise _Refused(ProblemReason.INVALID_PRINCIPAL)


def _service(name: str) -> str:
    """S3 user guide, "Principals": a service principal is ``<service>.amazonaws.com``;
    kept as ``service:<name>``, which names no account."""
    if not _SERVICE.fullmatch(name):
        raise _Refused(ProblemReason.INVALID_PRINCIPAL)
    return f"service:{name}"


# -- actions and resources ---------------------------------------------------------


def _action_kinds(action: str) -> set[ResourceKind | None]:
    """The resource kinds of the S3 actions ``action`` names; "Policy has invalid action"
    when it names none (S3 refused ``s3:PutObjectLockConfiguration``, a name no action has)."""
    if action != EVERYONE and not action.lower().startswith("s3:"):
        raise _Refused(ProblemReason.INVALID_ACTION)
    kinds = {kind for name, kind in ACTIONS.items() if _matches(action, name, fold=True)}
    if not kinds:
        raise _Refused(ProblemReason.INVALID_ACTION)
    return kinds


def _resource_kinds(resources: Iterable[str], bucket: str) -> set[ResourceKind | None]:
    """What each resource can name of ``bucket``: itself, its objects, or both. One that
    can name neither is "Policy has invalid resource", as S3 answered ``*`` and another
    bucket's ARN."""
    kinds: set[ResourceKind | None] = set()
    bucket_arn = resource_arn(bucket)
    for resource in resources:
        names = set()
        if resource.startswith(ARN_PREFIX):
            if _matches(resource, bucket_arn):
                names.add(ResourceKind.BUCKET)
            if _admits_prefix(resource, bucket_arn + "/"):
                names.add(ResourceKind.OBJECT)
        if not names:
            raise _Refused(ProblemReason.INVALID_RESOURCE)
        kinds |= names
    return kinds


@functools.lru_cache(maxsize=4096)
def _compiled(pattern: str, fold: bool) -> re.Pattern[str]:
    pattern = re.sub(r"\*+", "*", pattern)
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(regex, re.DOTALL | (re.IGNORECASE if fold else 0))


def _matches(pattern: str, text: str, *, fold: bool = False) -> bool:
    """IAM wildcards: ``*`` any run of characters (``/`` and ``:`` included), ``?`` one."""
    return _compiled(pattern, fold).fullmatch(text) is not None


def _admits_prefix(pattern: str, prefix: str) -> bool:
    """Whether ``pattern`` matches some text that begins with ``prefix``."""
    states = _closure({0}, pattern)
    for char in prefix:
        following = {
            index + (pattern[index] != "*")
            for index in states
            if index < len(pattern) and pattern[index] in ("*", "?", char)
        }
        states = _closure(following, pattern)
    return bool(states)


def _closure(states: set[int], pattern: str) -> set[int]:
    """The positions reachable without consuming a character (a ``*`` may match none)."""
    result = set(states)
    pending = list(states)
    while pending:
        index = pending.pop()
        if index < len(pattern) and pattern[index] == "*" and index + 1 not in result:
            result.add(index + 1)
            pending.append(index + 1)
    return result

"""Bucket lifecycle configuration: rules as frozen values, and the checks S3 makes on
them when they are put (PutBucketLifecycleConfiguration).

The values (S3 API reference, LifecycleRule, LifecycleRuleFilter, LifecycleExpiration,
NoncurrentVersionExpiration, AbortIncompleteMultipartUpload): a rule has an ID, a
status, one filter (a prefix, a tag, an object size bound, several of them under
``And``, nothing for the whole bucket, or the deprecated rule-level prefix), and its
actions. ``FilterForm`` remembers how the filter was written, so it reads back as it
was put (facts-lifecycle.md §2). Transitions are kept and read back; the double does
not carry them out (storage classes are not modelled by lifecycle).

``rules_problem`` returns the first rule S3 refuses and why (facts-lifecycle.md §3);
what the schema itself forbids (MalformedXML) is refused while the document is read.
When rules fall due and what they do is in ``lifecycle``.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from .tagging import Tag

DAY = _dt.timedelta(days=1)
MAX_RULES = 1000
MAX_ID_LENGTH = 255
DEFAULT_MINIMUM_OBJECT_SIZE = "all_storage_classes_128K"
MINIMUM_OBJECT_SIZES = ("varies_by_storage_class", DEFAULT_MINIMUM_OBJECT_SIZE)
TRANSITION_CLASSES = frozenset(
    {"GLACIER", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "DEEP_ARCHIVE", "GLACIER_IR"}
)


def floor_midnight(instant: _dt.datetime) -> _dt.datetime:
    return instant.replace(hour=0, minute=0, second=0, microsecond=0)


def ceil_midnight(instant: _dt.datetime) -> _dt.datetime:
    """The first midnight UTC on or after ``instant`` (a midnight stays itself: S3 does
    not document that case)."""
    midnight = floor_midnight(instant)
    return midnight if midnight == instant else midnight + DAY


class FilterForm(enum.Enum):
    RULE_PREFIX = "rule prefix"  # <Prefix> on the rule, no <Filter> (deprecated, still taken)
    EMPTY = "empty"  # <Filter/>: the whole bucket
    PREFIX = "prefix"
    TAG = "tag"
    SIZE_GREATER = "size greater"
    SIZE_LESS = "size less"
    AND = "and"


@dataclass(frozen=True, slots=True)
class Filter:
    form: FilterForm
    prefix: str | None = None
    tags: tuple[Tag, ...] = ()
    size_greater_than: int | None = None
    size_less_than: int | None = None

    @property
    def has_size(self) -> bool:
        return self.size_greater_than is not None or self.size_less_than is not None

    def matches(self, key: str, size: int | None, tags: Sequence[Tag]) -> bool:
        """Whether an object (or, with ``size`` None, a delete marker) falls under the
        filter: its key starts with the prefix, it carries every tag, its size is
        strictly within the bounds. A delete marker has no tags and no size."""
        if self.prefix and not key.startswith(self.prefix):
            return False
        if self.tags and not set(self.tags) <= set(tags):
            return False
        if self.has_size and size is None:
            return False
        if self.size_greater_than is not None and not size > self.size_greater_than:  # type: ignore[operator]
            return False
        return self.size_less_than is None or size < self.size_less_than  # type: ignore[operator]


@dataclass(frozen=True, slots=True)
class Expiration:
    days: int | None = None
    date: _dt.datetime | None = None
    expired_object_delete_marker: bool | None = None


@dataclass(frozen=True, slots=True)
class NoncurrentExpiration:
    days: int | None = None
    newer_versions: int | None = None  # how many newer noncurrent versions to keep


@dataclass(frozen=True, slots=True)
class Transition:
    days: int | None = None
    date: _dt.datetime | None = None
    storage_class: str | None = None


@dataclass(frozen=True, slots=True)
class NoncurrentTransition:
    days: int | None = None
    storage_class: str | None = None
    newer_versions: int | None = None


@dataclass(frozen=True, slots=True)
class LifecycleRule:
    id: str
    enabled: bool
    filter: Filter
    expiration: Expiration | None = None
    noncurrent_expiration: NoncurrentExpiration | None = None
    abort_after_days: int | None = None  # AbortIncompleteMultipartUpload.DaysAfterInitiation
    transitions: tuple[Transition, ...] = ()
    noncurrent_transitions: tuple[NoncurrentTransition, ...] = ()

    @property
    def has_action(self) -> bool:
        return any((
            self.expiration, self.noncurrent_expiration, self.abort_after_days is not None,
            self.transitions, self.noncurrent_transitions,
        ))


@dataclass(frozen=True, slots=True)
class LifecycleConfiguration:
    rules: tuple[LifecycleRule, ...]
    minimum_object_size: str = DEFAULT_MINIMUM_OBJECT_SIZE  # x-amz-transition-default-...


# -- what S3 refuses -----------------------------------------------------------------------


class RuleReason(enum.Enum):
    TOO_MANY_RULES = "too many rules"
    ID_TOO_LONG = "id too long"
    DUPLICATE_ID = "duplicate id"
    DATE_NOT_MIDNIGHT = "date not midnight"  # detail: the date
    NOT_POSITIVE = "not positive"  # detail: "<element> <action>"
    DUPLICATE_TAG_KEYS = "duplicate tag keys"
    NO_ACTION = "no action"
    MARKER_WITH_TAGS = "expired object delete marker with tags"
    MARKER_WITH_SIZE = "expired object delete marker with size"
    ABORT_WITH_TAGS = "abort with tags"
    NEWER_WITHOUT_FILTER = "newer noncurrent versions without a filter"


@dataclass(frozen=True, slots=True)
class RuleProblem:
    reason: RuleReason
    name: str = ""  # the element S3 names (Days, NoncurrentDays, DaysAfterInitiation, Date)
    action: str = ""  # the action it belongs to
    value: str | None = None  # the value refused (a rule ID, a number of days)
    date: _dt.datetime | None = None


def rules_problem(rules: Sequence[LifecycleRule]) -> RuleProblem | None:
    """The first rule of ``rules`` S3 refuses, and why."""
    if len(rules) > MAX_RULES:
        return RuleProblem(RuleReason.TOO_MANY_RULES)
    seen: set[str] = set()
    for rule in rules:
        if len(rule.id) > MAX_ID_LENGTH:
            return RuleProblem(RuleReason.ID_TOO_LONG, value=rule.id)
        if rule.id in seen:
            return RuleProblem(RuleReason.DUPLICATE_ID, value=rule.id)
        seen.add(rule.id)
        problem = _rule_problem(rule)
        if problem is not None:
            return problem
    return None


def _rule_problem(rule: LifecycleRule) -> RuleProblem | None:
    tag_keys = [key for key, _ in rule.filter.tags]
    if len(tag_keys) != len(set(tag_keys)):
        return RuleProblem(RuleReason.DUPLICATE_TAG_KEYS)
    for check in (_expiration_problem, _noncurrent_problem, _abort_problem):
        problem = check(rule)
        if problem is not None:
            return problem
    if not rule.has_action:
        return RuleProblem(RuleReason.NO_ACTION)
    return None


def _expiration_problem(rule: LifecycleRule) -> RuleProblem | None:
    expiration = rule.expiration
    if expiration is None:
        return None
    date = expiration.date
    if date is not None and date.timetz().replace(tzinfo=None) != _dt.time(0):
        return RuleProblem(RuleReason.DATE_NOT_MIDNIGHT, "Date", date=date)
    if expiration.days is not None and expiration.days < 1:
        return RuleProblem(RuleReason.NOT_POSITIVE, "Days", "Expiration", str(expiration.days))
    if expiration.expired_object_delete_marker:
        if rule.filter.tags:
            return RuleProblem(RuleReason.MARKER_WITH_TAGS)
        if rule.filter.has_size:
            return RuleProblem(RuleReason.MARKER_WITH_SIZE)
    return None


def _noncurrent_problem(rule: LifecycleRule) -> RuleProblem | None:
    noncurrent = rule.noncurrent_expiration
    if noncurrent is None:
        return None
    if noncurrent.days is not None and noncurrent.days < 1:
        return RuleProblem(
            RuleReason.NOT_POSITIVE, "NoncurrentDays", "NoncurrentVersionExpiration", str(noncurrent.days)
        )
    if noncurrent.newer_versions is not None and rule.filter.form is FilterForm.RULE_PREFIX:
        return RuleProblem(RuleReason.NEWER_WITHOUT_FILTER)
    return None


def _abort_problem(rule: LifecycleRule) -> RuleProblem | None:
    days = rule.abort_after_days
    if days is None:
        return None
    if days < 1:
        return RuleProblem(
            RuleReason.NOT_POSITIVE, "DaysAfterInitiation", "AbortIncompleteMultipartUpload", str(days)
        )
    if rule.filter.tags:
        return RuleProblem(RuleReason.ABORT_WITH_TAGS)
    return None

"""Bucket lifecycle: PutBucketLifecycleConfiguration, GetBucketLifecycleConfiguration,
DeleteBucketLifecycle. What the rules do when they fall due is ``model.lifecycle``.

S3's answers (tests/data/aws/facts-lifecycle.md §1-§3): Put answers 200 and
``x-amz-transition-default-minimum-object-size`` (``all_storage_classes_128K`` unless
asked otherwise); Get gives the rules back as they were written, with an ID made for a
rule sent without one; without rules it is 404 NoSuchLifecycleConfiguration; Delete is
204 either way. What the schema forbids is 400 MalformedXML (a rule with neither
Filter nor Prefix, a Filter with two predicates outside And, an empty
NoncurrentVersionExpiration, ExpiredObjectDeleteMarker beside Days or Date, an unknown
Status); the rules S3 checks beyond it are ``model.lifecycle_rules.rules_problem``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import ErrorCode, Message, S3Error, invalid_argument
from ...model.lifecycle_rules import (
    MINIMUM_OBJECT_SIZES,
    TRANSITION_CLASSES,
    Expiration,
    Filter,
    FilterForm,
    LifecycleConfiguration,
    LifecycleRule,
    NoncurrentExpiration,
    NoncurrentTransition,
    RuleProblem,
    RuleReason,
    Transition,
    rules_problem,
)
from ...model.store import Store
from ...values import iso_time
from ..declaration import Shaped, operation
from ..request import S3Request
from .common import configuration_document, configured_bucket, generated_id

MINIMUM_SIZE_HEADER = "x-amz-transition-default-minimum-object-size"
_FILTER_PREDICATES = ("Prefix", "Tag", "ObjectSizeGreaterThan", "ObjectSizeLessThan", "And")
_SIMPLE_FORMS = {
    "Prefix": FilterForm.PREFIX, "Tag": FilterForm.TAG,
    "ObjectSizeGreaterThan": FilterForm.SIZE_GREATER, "ObjectSizeLessThan": FilterForm.SIZE_LESS,
}
_REQUEST_ERRORS = {
    RuleReason.TOO_MANY_RULES: Message.LIFECYCLE_TOO_MANY_RULES,
    RuleReason.DUPLICATE_TAG_KEYS: Message.LIFECYCLE_DUPLICATE_TAG_KEYS,
    RuleReason.NO_ACTION: Message.LIFECYCLE_NO_ACTION,
    RuleReason.MARKER_WITH_TAGS: Message.LIFECYCLE_MARKER_WITH_TAGS,
    RuleReason.MARKER_WITH_SIZE: Message.LIFECYCLE_MARKER_WITH_SIZE,
    RuleReason.ABORT_WITH_TAGS: Message.LIFECYCLE_ABORT_WITH_TAGS,
    RuleReason.NEWER_WITHOUT_FILTER: Message.LIFECYCLE_NEWER_WITHOUT_FILTER,
}


def malformed() -> S3Error:
    return S3Error(ErrorCode.MALFORMED_XML)


# -- the document, read -------------------------------------------------------------------


def read_rule(document: Mapping[str, Any]) -> LifecycleRule:
    status = document["Status"]
    if status not in ("Enabled", "Disabled"):
        raise malformed()
    return LifecycleRule(
        id=document.get("ID") or generated_id(),
        enabled=status == "Enabled",
        filter=_rule_filter(document),
        expiration=_expiration(document.get("Expiration")),
        noncurrent_expiration=_noncurrent_expiration(document.get("NoncurrentVersionExpiration")),
        abort_after_days=_abort_days(document.get("AbortIncompleteMultipartUpload")),
        transitions=tuple(_transition(each) for each in document.get("Transitions") or ()),
        noncurrent_transitions=tuple(
            _noncurrent_transition(each) for each in document.get("NoncurrentVersionTransitions") or ()
        ),
    )


def _rule_filter(document: Mapping[str, Any]) -> Filter:
    written = document.get("Filter")
    prefix = document.get("Prefix")
    if (written is None) == (prefix is None):  # neither, or both
        raise malformed()
    if written is None:
        return Filter(FilterForm.RULE_PREFIX, prefix=prefix)
    present = [name for name in _FILTER_PREDICATES if name in written]
    if len(present) > 1:
        raise malformed()
    if not present:
        return Filter(FilterForm.EMPTY)
    if present[0] == "And":
        return _predicates(FilterForm.AND, written["And"], written["And"].get("Tags") or ())
    return _predicates(_SIMPLE_FORMS[present[0]], written, [written["Tag"]] if "Tag" in written else ())


def _predicates(form: FilterForm, written: Mapping[str, Any], tags: Any) -> Filter:
    return Filter(
        form,
        prefix=written.get("Prefix"),
        tags=tuple((tag["Key"], tag["Value"]) for tag in tags),
        size_greater_than=written.get("ObjectSizeGreaterThan"),
        size_less_than=written.get("ObjectSizeLessThan"),
    )


def _expiration(written: Mapping[str, Any] | None) -> Expiration | None:
    if written is None:
        return None
    timed = [name for name in ("Days", "Date") if name in written]
    if len(timed) + ("ExpiredObjectDeleteMarker" in written) != 1:
        raise malformed()
    return Expiration(written.get("Days"), written.get("Date"), written.get("ExpiredObjectDeleteMarker"))


def _noncurrent_expiration(written: Mapping[str, Any] | None) -> NoncurrentExpiration | None:
    if written is None:
        return None
    if not written:
        raise malformed()
    return NoncurrentExpiration(written.get("NoncurrentDays"), written.get("NewerNoncurrentVersions"))


def _abort_days(written: Mapping[str, Any] | None) -> int | None:
    if written is None:
        return None
    if "DaysAfterInitiation" not in written:
        raise malformed()
    days: int = written["DaysAfterInitiation"]
    return days


def _storage_class(written: Mapping[str, Any]) -> str | None:
    storage_class = written.get("StorageClass")
    if storage_class is not None and storage_class not in TRANSITION_CLASSES:
        raise malformed()
    return storage_class


def _transition(written: Mapping[str, Any]) -> Transition:
    return Transition(written.get("Days"), written.get("Date"), _storage_class(written))


def _noncurrent_transition(written: Mapping[str, Any]) -> NoncurrentTransition:
    return NoncurrentTransition(
        written.get("NoncurrentDays"), _storage_class(written), written.get("NewerNoncurrentVersions")
    )


def rule_error(problem: RuleProblem) -> S3Error:
    """S3's answer to a rule it refuses (facts-lifecycle.md §3). The InvalidArgument
    fields S3 sends with ID and Days problems are not recorded: s3double names the
    element and its value, as S3 does for Date."""
    reason = problem.reason
    if reason in _REQUEST_ERRORS:
        return S3Error(ErrorCode.INVALID_REQUEST, _REQUEST_ERRORS[reason])
    if reason is RuleReason.DATE_NOT_MIDNIGHT:
        assert problem.date is not None
        return invalid_argument(Message.LIFECYCLE_DATE_NOT_MIDNIGHT, "Date", iso_time(problem.date))
    if reason is RuleReason.NOT_POSITIVE:
        message = Message.LIFECYCLE_NOT_POSITIVE.format(name=problem.name, action=problem.action)
        return invalid_argument(message, problem.name, problem.value)
    if reason is RuleReason.ID_TOO_LONG:
        return invalid_argument(Message.LIFECYCLE_ID_TOO_LONG, "ID", problem.value)
    return invalid_argument(Message.LIFECYCLE_DUPLICATE_ID, "ID", problem.value)


# -- the document, written ------------------------------------------------------------------


def rule_document(rule: LifecycleRule) -> dict[str, Any]:
    document: dict[str, Any] = {"ID": rule.id, "Status": "Enabled" if rule.enabled else "Disabled"}
    if rule.filter.form is FilterForm.RULE_PREFIX:
        document["Prefix"] = rule.filter.prefix
    else:
        document["Filter"] = _filter_document(rule.filter)
    if rule.expiration is not None:
        expiration = rule.expiration
        document["Expiration"] = {
            "Days": expiration.days, "Date": expiration.date,
            "ExpiredObjectDeleteMarker": expiration.expired_object_delete_marker,
        }
    if rule.noncurrent_expiration is not None:
        noncurrent = rule.noncurrent_expiration
        document["NoncurrentVersionExpiration"] = {
            "NoncurrentDays": noncurrent.days, "NewerNoncurrentVersions": noncurrent.newer_versions,
        }
    if rule.abort_after_days is not None:
        document["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": rule.abort_after_days}
    if rule.transitions:
        document["Transitions"] = [
            {"Days": each.days, "Date": each.date, "StorageClass": each.storage_class}
            for each in rule.transitions
        ]
    if rule.noncurrent_transitions:
        document["NoncurrentVersionTransitions"] = [
            {"NoncurrentDays": each.days, "StorageClass": each.storage_class,
             "NewerNoncurrentVersions": each.newer_versions}
            for each in rule.noncurrent_transitions
        ]
    return document


def _filter_document(written: Filter) -> dict[str, Any]:
    tags = [{"Key": key, "Value": value} for key, value in written.tags]
    predicates = {
        "Prefix": written.prefix,
        "ObjectSizeGreaterThan": written.size_greater_than,
        "ObjectSizeLessThan": written.size_less_than,
    }
    if written.form is FilterForm.AND:
        return {"And": {**predicates, "Tags": tags or None}}
    if written.form is FilterForm.TAG:
        return {"Tag": tags[0]}
    return predicates


# -- the operations -------------------------------------------------------------------------


@operation(
    "PutBucketLifecycleConfiguration", headers={MINIMUM_SIZE_HEADER}, query={"lifecycle"},
    body=Shaped,
)
def put_bucket_lifecycle_configuration(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutLifecycleConfiguration")
    minimum_size = request.headers.get(MINIMUM_SIZE_HEADER, MINIMUM_OBJECT_SIZES[1])
    if minimum_size not in MINIMUM_OBJECT_SIZES:
        raise S3Error(ErrorCode.INVALID_REQUEST, Message.TRANSITION_MINIMUM_SIZE.format(value=minimum_size))
    document = configuration_document(request)
    rules = [read_rule(each) for each in document.get("Rules") or ()]
    if not rules:
        raise malformed()
    problem = rules_problem(rules)
    if problem is not None:
        raise rule_error(problem)
    bucket.set_lifecycle(LifecycleConfiguration(tuple(rules), minimum_size), store.now())
    return {"TransitionDefaultMinimumObjectSize": minimum_size}


@operation("GetBucketLifecycleConfiguration", query={"lifecycle"}, root="LifecycleConfiguration")
def get_bucket_lifecycle_configuration(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:GetLifecycleConfiguration")
    configuration = bucket.lifecycle
    if configuration is None:
        raise S3Error(ErrorCode.NO_SUCH_LIFECYCLE_CONFIGURATION, BucketName=bucket.name)
    return {
        "Rules": [rule_document(rule) for rule in configuration.rules],
        "TransitionDefaultMinimumObjectSize": configuration.minimum_object_size,
    }


@operation("DeleteBucketLifecycle", query={"lifecycle"}, status=204)
def delete_bucket_lifecycle(store: Store, request: S3Request) -> dict[str, Any]:
    bucket = configured_bucket(store, request, "s3:PutLifecycleConfiguration")
    bucket.set_lifecycle(None, store.now())
    return {}

"""A retention-policy purge: permanently delete noncurrent versions older than a cutoff,
skipping (and reporting) the ones S3 refuses because of object lock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class PurgeReport:
    deleted: list[tuple[str, str]] = field(default_factory=list)
    locked: list[tuple[str, str]] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)


def purge_noncurrent(
    s3: Any, bucket: str, older_than: dt.datetime, *, bypass_governance: bool = False
) -> PurgeReport:
    report = PurgeReport()
    candidates = [
        {"Key": version["Key"], "VersionId": version["VersionId"]}
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket)
        for version in page.get("Versions", [])
        if not version["IsLatest"] and version["LastModified"] < older_than
    ]
    for start in range(0, len(candidates), 1000):
        kwargs = {"BypassGovernanceRetention": True} if bypass_governance else {}
        response = s3.delete_objects(
            Bucket=bucket, Delete={"Objects": candidates[start : start + 1000], "Quiet": False},
            **kwargs,
        )
        report.deleted += [(d["Key"], d["VersionId"]) for d in response.get("Deleted", [])]
        for error in response.get("Errors", []):
            if error["Code"] == "AccessDenied":
                report.locked.append((error["Key"], error["VersionId"]))
            else:
                report.failed.append(error)
    return report

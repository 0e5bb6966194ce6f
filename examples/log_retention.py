"""A log bucket's retention policy, written as S3 lifecycle rules: logs expire after
``days``, the versions they leave behind a day later, the delete markers left alone
after that, and uploads abandoned half-way after a day."""

from __future__ import annotations

from typing import Any


def apply_retention(s3: Any, bucket: str, *, prefix: str = "logs/", days: int = 30) -> None:
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_lifecycle_configuration(
        Bucket=bucket,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "expire-logs",
                    "Status": "Enabled",
                    "Filter": {"Prefix": prefix},
                    "Expiration": {"Days": days},
                    "NoncurrentVersionExpiration": {"NoncurrentDays": 1},
                    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
                },
                {
                    "ID": "clean-markers",
                    "Status": "Enabled",
                    "Filter": {"Prefix": prefix},
                    "Expiration": {"ExpiredObjectDeleteMarker": True},
                },
            ]
        },
    )

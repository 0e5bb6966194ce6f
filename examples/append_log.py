"""An append-only log in one object of a directory bucket (S3 Express One Zone).

PutObject with ``WriteOffsetBytes`` appends to an object in a directory bucket; the
offset must be the object's current size, so two writers can never both append at
the same place: the second gets 400 InvalidWriteOffset, learns the new size and
tries again. An object takes at most 10,000 appends (TooManyParts after that); this
log then rolls over to its next segment.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError


class AppendLog:
    def __init__(self, s3: Any, bucket: str, name: str) -> None:
        self.s3, self.bucket, self.name = s3, bucket, name
        self.segment = 0
        self.size = 0  # what this writer believes the current segment holds

    @property
    def key(self) -> str:
        return f"{self.name}/{self.segment:06d}.log"

    def append(self, line: str, *, attempts: int = 10) -> None:
        data = line.encode() + b"\n"
        for _ in range(attempts):
            try:
                response = self.s3.put_object(
                    Bucket=self.bucket, Key=self.key, Body=data, WriteOffsetBytes=self.size
                )
            except ClientError as error:
                code = error.response["Error"]["Code"]
                if code == "InvalidWriteOffset":  # another writer got there first
                    self.size = self._current_size()
                    continue
                if code == "TooManyParts":  # this segment is full: start the next
                    self.segment, self.size = self.segment + 1, 0
                    continue
                raise
            self.size = response["Size"]
            return
        raise RuntimeError(f"could not append to {self.key} in {attempts} attempts")

    def _current_size(self) -> int:
        try:
            return int(self.s3.head_object(Bucket=self.bucket, Key=self.key)["ContentLength"])
        except ClientError as error:
            if error.response["Error"]["Code"] in ("404", "NoSuchKey"):
                return 0
            raise

    def lines(self) -> list[str]:
        """Every line, segment by segment."""
        found: list[str] = []
        for segment in range(self.segment + 1):
            key = f"{self.name}/{segment:06d}.log"
            body = self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
            found.extend(body.decode().splitlines())
        return found

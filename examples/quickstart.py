"""s3double quickstart: the two worked examples of the S3 DeleteObjects reference,
run against an in-process S3 with an ordinary boto3 client.

    python examples/quickstart.py
"""

from __future__ import annotations

import json

import boto3

import s3double


def without_metadata(response: dict) -> dict:
    return {name: value for name, value in response.items() if name != "ResponseMetadata"}


def show(title: str, response: dict) -> None:
    print(f"# {title}")
    print(json.dumps(without_metadata(response), indent=2, default=str))


def main() -> None:
    with s3double.mock_s3():
        s3 = boto3.client("s3", region_name="us-east-1")  # no credentials needed
        s3.create_bucket(Bucket="examplebucket")
        s3.put_bucket_versioning(
            Bucket="examplebucket", VersioningConfiguration={"Status": "Enabled"}
        )

        # Example 1: delete two specific versions of HappyFace.jpg.
        first = s3.put_object(Bucket="examplebucket", Key="HappyFace.jpg", Body=b":-)")
        second = s3.put_object(Bucket="examplebucket", Key="HappyFace.jpg", Body=b":-D")
        response = s3.delete_objects(
            Bucket="examplebucket",
            Delete={
                "Objects": [
                    {"Key": "HappyFace.jpg", "VersionId": first["VersionId"]},
                    {"Key": "HappyFace.jpg", "VersionId": second["VersionId"]},
                ],
                "Quiet": False,
            },
        )
        show("Delete two versions of HappyFace.jpg", response)

        # Example 2: delete without version ids in a versioned bucket: S3 adds delete
        # markers and every version stays.
        for key in ("objectkey1", "objectkey2"):
            s3.put_object(Bucket="examplebucket", Key=key, Body=key.encode())
        response = s3.delete_objects(
            Bucket="examplebucket",
            Delete={"Objects": [{"Key": "objectkey1"}, {"Key": "objectkey2"}], "Quiet": False},
        )
        show("Delete objectkey1 and objectkey2 from a versioned bucket", response)

        versions = s3.list_object_versions(Bucket="examplebucket")
        print("# What remains")
        print(f"versions: {[v['Key'] for v in versions.get('Versions', [])]}")
        print(f"delete markers: {[m['Key'] for m in versions.get('DeleteMarkers', [])]}")


if __name__ == "__main__":
    main()

"""Multipart uploads in the model: parts, assembly into one object, a bucket's uploads."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from model_helpers import EPOCH, MakeBucket

from s3double.model.object_options import ObjectOptions, with_part_sizes
from s3double.model.uploads import (
    COMPOSITE,
    FULL_OBJECT,
    MIN_PART_SIZE,
    Assembled,
    MultipartUpload,
    Rejected,
    Rejection,
    RequestedPart,
    Uploads,
    part_sizes,
    part_window,
)
from s3double.model.versions import Checksum

BIG = b"a" * MIN_PART_SIZE


def new_upload(key: str = "k", **settings: str | None) -> MultipartUpload:
    return Uploads().initiate(key, initiated=EPOCH, initiator="123456789012", **settings)


def quoted_md5(data: bytes) -> str:
    return f'"{hashlib.md5(data).hexdigest()}"'


def requested(upload: MultipartUpload, *numbers: int) -> list[RequestedPart]:
    return [RequestedPart(n, upload.parts[n].etag) for n in numbers]


# -- parts -------------------------------------------------------------------------------


def test_a_part_is_stored_with_the_md5_of_its_body_as_etag() -> None:
    upload = new_upload()

    part = upload.upload_part(3, b"abc", now=EPOCH)

    assert (part.number, part.size, part.etag, part.last_modified) == (3, 3, quoted_md5(b"abc"), EPOCH)
    assert upload.parts == {3: part}


def test_uploading_a_part_number_again_replaces_the_part() -> None:
    upload = new_upload()
    upload.upload_part(1, b"first", now=EPOCH)

    upload.upload_part(1, b"second", now=EPOCH)

    assert [p.body for p in upload.parts.values()] == [b"second"]


@pytest.mark.parametrize("number", [0, -1, 10_001])
def test_part_numbers_run_from_1_to_10000(number: int) -> None:
    upload = new_upload()

    with pytest.raises(ValueError, match="part number"):
        upload.upload_part(number, b"x", now=EPOCH)
    upload.upload_part(10_000, b"x", now=EPOCH)
    assert list(upload.parts) == [10_000]


def test_list_parts_pages_by_part_number() -> None:
    upload = new_upload()
    for number in (5, 1, 3, 2, 4):
        upload.upload_part(number, b"x", now=EPOCH)

    first = upload.list_parts(max_parts=2)
    rest = upload.list_parts(after=first.parts[-1].number, max_parts=10)

    assert [p.number for p in first.parts] == [1, 2] and first.is_truncated
    assert [p.number for p in rest.parts] == [3, 4, 5] and not rest.is_truncated
    assert upload.list_parts(after=5).parts == []


# -- assembly ---------------------------------------------------------------------------


def test_assembly_concatenates_parts_and_etags_the_md5_of_their_digests() -> None:
    upload = new_upload()
    upload.upload_part(1, BIG, now=EPOCH)
    upload.upload_part(2, b"tail", now=EPOCH)

    assembled = upload.assemble(requested(upload, 1, 2))

    assert isinstance(assembled, Assembled)
    assert assembled.body == BIG + b"tail"
    digests = hashlib.md5(BIG).digest() + hashlib.md5(b"tail").digest()
    assert assembled.etag == f'"{hashlib.md5(digests).hexdigest()}-2"'


def test_assembly_takes_only_the_named_parts_and_etags_may_lack_quotes() -> None:
    upload = new_upload()
    for number, body in ((1, BIG), (2, b"unused"), (3, b"end")):
        upload.upload_part(number, body, now=EPOCH)

    assembled = upload.assemble(
        [RequestedPart(1, upload.parts[1].etag.strip('"')), RequestedPart(3, upload.parts[3].etag)]
    )

    assert isinstance(assembled, Assembled)
    assert assembled.body == BIG + b"end"
    assert assembled.etag.endswith('-2"')


def test_a_single_small_part_is_a_whole_object() -> None:
    upload = new_upload()
    upload.upload_part(1, b"tiny", now=EPOCH)

    assembled = upload.assemble(requested(upload, 1))

    assert isinstance(assembled, Assembled) and assembled.body == b"tiny"
    assert assembled.etag == f'"{hashlib.md5(hashlib.md5(b"tiny").digest()).hexdigest()}-1"'


def test_assembly_refuses_an_empty_list() -> None:
    assert new_upload().assemble([]) == Rejected(Rejection.NO_PARTS)


@pytest.mark.parametrize("order", [(2, 1), (1, 1)], ids=["descending", "repeated"])
def test_parts_must_be_named_in_strictly_ascending_order(order: tuple[int, int]) -> None:
    upload = new_upload()
    upload.upload_part(1, BIG, now=EPOCH)
    upload.upload_part(2, BIG, now=EPOCH)

    assert upload.assemble(requested(upload, *order)) == Rejected(Rejection.NOT_ASCENDING)


def test_a_part_never_uploaded_or_with_another_etag_is_not_found() -> None:
    upload = new_upload()
    upload.upload_part(1, BIG, now=EPOCH)

    missing = upload.assemble([*requested(upload, 1), RequestedPart(2, '"abc"')])
    wrong = upload.assemble([RequestedPart(1, quoted_md5(b"other"))])

    assert missing == Rejected(Rejection.NOT_FOUND, 2, "abc")
    assert wrong == Rejected(Rejection.NOT_FOUND, 1, hashlib.md5(b"other").hexdigest())


def test_every_part_but_the_last_is_at_least_5_mib() -> None:
    upload = new_upload()
    upload.upload_part(1, BIG, now=EPOCH)
    upload.upload_part(2, BIG[:-1], now=EPOCH)
    upload.upload_part(3, b"end", now=EPOCH)

    outcome = upload.assemble(requested(upload, 1, 2, 3))

    etag = upload.parts[2].etag.strip('"')
    assert outcome == Rejected(Rejection.TOO_SMALL, 2, etag, MIN_PART_SIZE - 1)
    assert isinstance(upload.assemble(requested(upload, 1, 3)), Assembled)


def test_assembly_changes_nothing() -> None:
    upload = new_upload()
    upload.upload_part(1, b"small", now=EPOCH)
    upload.upload_part(2, b"end", now=EPOCH)
    before = dict(upload.parts)

    upload.assemble(requested(upload, 1, 2))
    upload.assemble(requested(upload, 2))

    assert upload.parts == before


# -- part checksums ----------------------------------------------------------------------


def checksummed(kind: str | None) -> MultipartUpload:
    upload = new_upload(checksum_algorithm="CRC32", checksum_type=kind)
    upload.upload_part(1, b"x", now=EPOCH, checksum=Checksum("CRC32", "AAAAAA=="))
    return upload


def test_a_composite_checksum_upload_needs_each_part_checksum() -> None:
    upload = checksummed(COMPOSITE)
    etag = upload.parts[1].etag

    assert upload.assemble([RequestedPart(1, etag)]) == Rejected(
        Rejection.CHECKSUM_MISSING, 1, etag.strip('"'), algorithm="CRC32"
    )
    assert isinstance(upload.assemble([RequestedPart(1, etag, {"CRC32": "AAAAAA=="})]), Assembled)


def test_a_full_object_checksum_upload_may_omit_part_checksums() -> None:
    upload = checksummed(FULL_OBJECT)

    assert isinstance(upload.assemble(requested(upload, 1)), Assembled)


@pytest.mark.parametrize(
    ("checksums", "reason"),
    [({"CRC32": "BBBBBB=="}, Rejection.NOT_FOUND), ({"SHA1": "x"}, Rejection.OTHER_ALGORITHM)],
    ids=["mismatch", "other-algorithm"],
)
def test_a_part_checksum_must_match_in_value_and_algorithm(checksums: dict[str, str],
                                                           reason: Rejection) -> None:
    upload = checksummed(COMPOSITE)

    outcome = upload.assemble([RequestedPart(1, upload.parts[1].etag, checksums)])

    assert isinstance(outcome, Rejected) and outcome.reason is reason


def test_part_checksums_on_an_upload_without_an_algorithm_match_nothing() -> None:
    upload = new_upload()
    upload.upload_part(1, b"x", now=EPOCH)

    outcome = upload.assemble([RequestedPart(1, upload.parts[1].etag, {"CRC32": "AAAAAA=="})])

    assert isinstance(outcome, Rejected) and outcome.reason is Rejection.NOT_FOUND


# -- a bucket's uploads -----------------------------------------------------------------


def test_every_bucket_starts_with_no_uploads(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()

    assert len(bucket.uploads) == 0 and list(bucket.uploads) == []


def test_uploads_are_found_by_id_and_key_and_removed_once() -> None:
    uploads = Uploads()
    upload = uploads.initiate("k", initiated=EPOCH, initiator="a")

    assert uploads.get(upload.upload_id, "k") is upload
    assert uploads.get(upload.upload_id, "other") is None
    assert uploads.get("nope", "k") is None
    assert uploads.remove(upload.upload_id) is upload
    assert uploads.remove(upload.upload_id) is None
    assert uploads.get(upload.upload_id, "k") is None


def test_upload_ids_are_s3_shaped_unique_and_sort_in_initiation_order() -> None:
    uploads = Uploads()
    ids = [uploads.initiate("k", initiated=EPOCH, initiator="a").upload_id for _ in range(20)]

    assert ids == sorted(ids) and len(set(ids)) == 20
    assert all(len(i) > 32 and i.replace("-", "").replace("_", "").isalnum() for i in ids)


def populated(*keys: str) -> tuple[Uploads, list[MultipartUpload]]:
    uploads = Uploads()
    return uploads, [uploads.initiate(k, initiated=EPOCH, initiator="a") for k in keys]


def test_uploads_list_by_key_then_initiation() -> None:
    uploads, made = populated("b", "a", "b", "c")

    page = uploads.page()

    assert [u.upload_id for u in page.uploads] == [made[i].upload_id for i in (1, 0, 2, 3)]
    assert not page.is_truncated
    assert (page.next_key_marker, page.next_upload_id_marker) == ("c", made[3].upload_id)


def test_an_empty_listing_has_empty_next_markers() -> None:
    page = Uploads().page()

    assert (page.uploads, page.common_prefixes, page.is_truncated) == ([], [], False)
    assert (page.next_key_marker, page.next_upload_id_marker) == ("", "")


def test_prefix_and_delimiter_group_keys() -> None:
    uploads, _ = populated("logs/2024/a", "logs/2025/b", "logs/2025/c", "logs/top", "other")

    page = uploads.page(prefix="logs/", delimiter="/")

    assert [u.key for u in page.uploads] == ["logs/top"]
    assert page.common_prefixes == ["logs/2024/", "logs/2025/"]


def test_key_marker_alone_skips_every_upload_of_that_key() -> None:
    uploads, _ = populated("a", "b", "b", "c")

    assert [u.key for u in uploads.page(key_marker="b").uploads] == ["c"]


def test_key_and_upload_id_markers_resume_within_a_key() -> None:
    uploads, made = populated("a", "b", "b", "b", "c")

    page = uploads.page(key_marker="b", upload_id_marker=made[1].upload_id)

    assert [u.upload_id for u in page.uploads] == [m.upload_id for m in made[2:]]


def test_pages_walk_every_upload_once() -> None:
    uploads, made = populated("a", "b", "b", "c", "d", "d", "e")
    seen: list[str] = []
    marker = ("", "")

    while True:
        page = uploads.page(key_marker=marker[0], upload_id_marker=marker[1], max_uploads=2)
        seen += [u.upload_id for u in page.uploads]
        assert len(page.uploads) <= 2
        if not page.is_truncated:
            break
        marker = (page.next_key_marker, page.next_upload_id_marker)

    assert seen == [u.upload_id for u in sorted(made, key=lambda u: (u.key, u.upload_id))]


def test_a_common_prefix_counts_as_one_entry_and_is_not_repeated_across_pages() -> None:
    uploads, _ = populated("dir/a", "dir/b", "dir/c", "file")

    first = uploads.page(delimiter="/", max_uploads=1)
    second = uploads.page(delimiter="/", key_marker=first.next_key_marker, max_uploads=1)

    assert (first.common_prefixes, first.uploads, first.is_truncated) == (["dir/"], [], True)
    assert first.next_key_marker == "dir/"
    assert [u.key for u in second.uploads] == ["file"] and second.common_prefixes == []


# -- the parts of a completed object (GetObject partNumber) --------------------------------


def test_part_windows_follow_the_part_sizes_kept_on_the_version(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    made = bucket.put("k", b"a" * 5 + b"bc", parts=2, options=with_part_sizes(None, (5, 2)))

    assert part_sizes(made) == (5, 2)
    assert [part_window(made, number) for number in (0, 1, 2, 3)] == [None, (0, 4), (5, 6), None]


def test_an_object_not_made_by_multipart_upload_is_one_part(make_bucket: MakeBucket) -> None:
    plain = make_bucket().put("k", b"abc")

    assert (part_sizes(plain), plain.options) == ((), None)  # a plain version stays lean
    assert [part_window(plain, number) for number in (1, 2)] == [(0, 2), None]


def test_with_part_sizes_keeps_the_other_options() -> None:
    options = with_part_sizes(ObjectOptions(storage_class="GLACIER"), (1, 2))

    assert (options.storage_class, options.part_sizes) == ("GLACIER", (1, 2))


# -- what the key was when the upload began (conditional completion) -----------------------


@pytest.mark.parametrize("status", [None, "Enabled"])
def test_a_write_or_delete_after_initiation_is_noticed(
    make_bucket: MakeBucket, status: str | None
) -> None:
    bucket = make_bucket(status)
    bucket.put("k", b"same", now=EPOCH)
    upload = Uploads().initiate("k", initiated=EPOCH, initiator="1", replaces=bucket.current("k"))
    assert not upload.key_written_since(bucket.current("k"))

    bucket.put("k", b"same", now=EPOCH.replace(second=6))

    assert upload.key_written_since(bucket.current("k"))
    assert upload.key_written_since(None)


def test_a_retention_or_tag_change_is_no_write(make_bucket: MakeBucket) -> None:
    bucket = make_bucket("Enabled")
    bucket.put("k", b"x", now=EPOCH)
    upload = Uploads().initiate("k", initiated=EPOCH, initiator="1", replaces=bucket.current("k"))

    bucket.update(dataclasses.replace(bucket.current("k"), tags=(("a", "b"),)))

    assert not upload.key_written_since(bucket.current("k"))


def test_a_key_that_never_existed_is_unwritten_until_written(make_bucket: MakeBucket) -> None:
    bucket = make_bucket()
    upload = Uploads().initiate("k", initiated=EPOCH, initiator="1", replaces=bucket.current("k"))

    assert not upload.key_written_since(bucket.current("k"))
    bucket.put("k", b"x", now=EPOCH)
    assert upload.key_written_since(bucket.current("k"))

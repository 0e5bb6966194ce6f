def test_put_then_delete_objects(s3, bucket):
    s3.put_object(Bucket=bucket, Key="a", Body=b"1")
    response = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a"}]})
    assert response["Deleted"] == [{"Key": "a"}]
    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0

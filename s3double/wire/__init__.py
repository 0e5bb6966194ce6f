"""The wire layer: botocore's prepared HTTP request in, S3's HTTP response out.

Only this package (and the public API above it) imports botocore.
"""

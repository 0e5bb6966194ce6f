"""Model tests run without botocore: importing it here is an error."""

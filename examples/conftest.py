import os
import sys

sys.path.insert(0, os.path.dirname(__file__))  # so the tests can import empty_bucket
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull

"""Object lock: the bucket's lock configuration, and each version's retention and legal
hold."""

from . import configuration, retention  # noqa: F401  (the declarations)

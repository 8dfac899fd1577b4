"""The errors the package raises for input it cannot use."""


class SourceError(Exception):
    """The input could not be read at all: no such file, not JSON, an unsafe path (CLI exit 2)."""


class TooLarge(SourceError):
    """A file holds more bytes than a read allows."""


class IntegrityError(ValueError):
    """A resource's bytes do not match the ``hash`` or ``bytes`` its descriptor declares."""

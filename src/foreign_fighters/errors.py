"""The errors the package raises for input it cannot use."""


class SourceError(Exception):
    """The input could not be read at all: no such file, not JSON, an unsafe path (CLI exit 2)."""


class TooLarge(SourceError):
    """A file holds more bytes than a read allows."""


class IntegrityError(ValueError):
    """A resource's bytes do not match the ``hash`` or ``bytes`` its descriptor declares."""


# What `pip install 'foreign-fighters[validate]'` brings, by module name.
VALIDATE_EXTRA = ("jsonschema", "pandera", "pycountry", "num2words", "text_to_num", "babel", "confusable_homoglyphs")


def require_extra(caller: str, modules: tuple[str, ...] = VALIDATE_EXTRA) -> None:
    """ImportError naming the extra if a module ``caller`` needs is not installed (found, not
    imported: importing them is slow)."""
    from importlib.util import find_spec

    for needed in modules:
        if find_spec(needed) is None:
            raise ImportError(
                f"{caller} needs {needed}, which comes with the 'validate' extra: "
                "pip install 'foreign-fighters[validate]'",
                name=needed,
            )

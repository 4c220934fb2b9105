"""The failures that stop a command after the checks have passed, told to the officer in one line."""


class BuildError(Exception):
    """The renderer failed on a board whose files are valid: reported without a traceback."""


class SearchIndexError(BuildError):
    """Pagefind could not index the site."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the search index could not be built: {reason}")

"""The refusal every storage client raises, explained in French (shown to the advisor or the operator)."""


class ServiceError(ValueError):
    """A refusal explained in French (shown to the advisor or the operator)."""

"""Mint's exception."""


class Error(RuntimeError):
    """A Mint error: a model that cannot be read or compiled, inputs that do
    not fit it. The message names the file, and the operator or tensor where
    Mint can, as the ``mint`` driver prints it."""

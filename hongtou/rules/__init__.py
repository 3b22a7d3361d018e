"""Pure domain rules: no I/O, no Word, no Excel."""


class RuleError(ValueError):
    """A value a person typed that a rule cannot accept. `hint` says what would be accepted."""

    def __init__(self, reason: str, hint: str = ""):
        super().__init__(reason if not hint else f"{reason}。{hint}")
        self.reason = reason
        self.hint = hint

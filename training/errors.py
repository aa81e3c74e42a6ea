class TrainingError(Exception):
    """A refused action; ``message`` is translated and shown to the user as it is."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message

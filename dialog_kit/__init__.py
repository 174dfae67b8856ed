"""dialog_kit: prepare, hold and follow up development, career-change and exit talks."""

__version__ = "0.1.0"

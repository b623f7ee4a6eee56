"""lepcli: an offline language-access helper for police officers and 911 dispatchers."""

__version__ = "0.1.0"

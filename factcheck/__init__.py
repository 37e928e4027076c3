"""factcheck: a cross-source fact-consistency checker for newsrooms."""

__version__ = "0.1.0"

"""dlplanner: schedule planning for deeper-learning schools."""

__version__ = "0.1.0"

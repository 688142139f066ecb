"""qt layer (see docs/architecture.md)."""

"""qt layer (see DESIGN.md)."""

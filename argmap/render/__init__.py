"""Drawing argument maps (placeholder while the package is assembled)."""

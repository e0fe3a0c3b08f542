"""Data that ships with Writ: the bundled snapshots of the official lists (lists/)."""

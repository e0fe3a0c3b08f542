"""Writ: US sanctions and export-control law as executable, citable rules."""

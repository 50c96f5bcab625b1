"""Engines beyond one machine: the facts table made by a cluster's workers."""

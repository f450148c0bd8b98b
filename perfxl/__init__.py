"""perfxl — budget performance management forms in Excel: read, check, score.

The public API (one call each, results as plain data) is re-exported here lazily.
"""

__version__ = "0.1.0"

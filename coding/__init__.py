"""coding — a Dutch-first toolkit for coding open survey answers and interview transcripts."""

__version__ = "0.1.0"

"""Analysis of coded answers: final codings, counts, crosstabs with significance, quotes and privacy masking.

``coding.analysis.build.build_report`` turns a study in the store into the plain :class:`ReportData` that the
writers in :mod:`coding.report` consume.
"""

"""Analysis of coded answers: basis, counts, crosstabs with significance, quotes, privacy masking and agreement.

Which codings are final is decided once, in :mod:`coding.work.final`.

``coding.analysis.build.build_report`` turns a study in the store into the plain :class:`ReportData` that the
writers in :mod:`coding.report` consume.
"""

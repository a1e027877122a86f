"""Report writers: Markdown, DOCX, XLSX, CSV (long format and 0/1 matrix), REFI-QDA (.qdpx, .qdc).

Every writer takes the plain :class:`coding.analysis.model.ReportData` and a file-like object; none imports
Streamlit. :func:`coding.report.export.export` builds a report from the store and writes it in one call.
"""

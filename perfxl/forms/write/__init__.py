"""Writing workbooks: the templates built from the layouts, filled forms, snapshots, the feedback workbook and LibreOffice."""

"""The workbook side of forms: layouts, templates, reading and writing; and the JSON interchange."""

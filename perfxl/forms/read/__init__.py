"""Reading filled workbooks: sniffing, the xlsx package, value grids, labels, extraction, coercion and the T-family problems."""

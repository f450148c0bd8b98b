"""What perfxl writes for people to read: shared helpers for its workbooks and documents."""

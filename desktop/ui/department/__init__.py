"""The department's window: steps, table and report pages, problems, export."""

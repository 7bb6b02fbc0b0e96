"""Background work: the table of job kinds (a leaf), the worker that claims and runs them, and their
handlers."""

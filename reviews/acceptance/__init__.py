"""Which synthetic rows are accepted (flags and model scores), applying that as a dataset, and the
sampling inspection."""

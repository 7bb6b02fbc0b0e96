"""What pages and the CLI ask the workspace to do: import a table, start a generation, an evaluation
or a lab run."""

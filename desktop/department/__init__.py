"""The department's jobs: create, fill, validate, export and send; shared by the CLI and GUI."""

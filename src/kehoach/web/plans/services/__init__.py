"""What the views, the API, the CLI and the jobs share: each change to the database lives here once."""

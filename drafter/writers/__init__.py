"""Writers: one draft model, several output formats (.docx, Markdown, plain text)."""

"""Reading the content tree into the model: front matter, Markdown and the checks of each entry."""

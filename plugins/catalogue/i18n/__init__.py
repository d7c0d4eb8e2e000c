"""Both languages: gettext catalogues and Babel formatting of money, dates and numbers."""

"""Writing the catalogue's pages in both languages with the theme's templates."""

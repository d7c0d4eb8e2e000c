"""The entry model: products, artisans, pages, their schema and reference data, and the problems found in them."""

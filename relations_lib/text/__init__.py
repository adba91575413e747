"""Reading articles: ``article`` (the plain-text article, its sections and title countries),
``sentences`` (sentence splitting with offsets), ``dates`` (date phrases and their precision)."""

"""What every domain module of the API shares: errors, pagination, locale, selections."""

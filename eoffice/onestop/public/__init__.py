"""Public one-stop pages and API (no login): the look-up, the rating, the online submission and their rate limits."""

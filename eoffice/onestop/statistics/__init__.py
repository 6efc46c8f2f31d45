"""One-stop statistics (thống kê): the figures of a period, the dashboard page and its API."""

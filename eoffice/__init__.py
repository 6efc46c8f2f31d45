"""eOffice — Hệ thống văn phòng điện tử for Vietnamese government agencies."""

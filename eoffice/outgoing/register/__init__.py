"""The register (sổ đăng ký văn bản đi): the number series and symbols issuance takes from it, its rows, page and XLSX."""

"""One-stop dossiers (hồ sơ): the lifecycle's state changes and reads, the codes, the staff pages, the API and the register."""

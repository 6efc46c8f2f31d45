"""The procedure catalogue (danh mục thủ tục hành chính): its import and export, checks, public reads, pages and API."""

"""Review (duyệt): the draft submitted into the chain, approved or returned step by step, commented on."""

"""Part 1 of operations: the leaders' weekly schedule (lịch công tác tuần) and meeting rooms."""

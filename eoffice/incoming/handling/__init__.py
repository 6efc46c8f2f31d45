"""Handling incoming documents: the step services of incoming/workflow.py — on
the document (submit, return, direct, recall, grant) and on an assignment
(reassign, progress, complete) — and their working-day deadlines."""

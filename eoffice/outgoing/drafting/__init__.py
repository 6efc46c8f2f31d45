"""Drafting (soạn thảo): the draft and its versions, files and recipients, the
Appendix III template it starts from and the layout it prints as; its form,
pages and API body."""

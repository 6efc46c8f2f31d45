"""Liên thông văn bản: edXML envelopes (QCVN 102:2016/BTTTT), status messages
and the transport that hands them to the provincial/national exchange axis."""

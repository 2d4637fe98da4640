"""Monitoring and evaluation (SOP steps 7-8): measures, fulfilment, summaries, exports."""

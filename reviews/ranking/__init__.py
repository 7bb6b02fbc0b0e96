"""Norm 6, human judgement: review rounds, tasks, row context, features, the preference model,
active selection, agreement, blind test and the round report."""

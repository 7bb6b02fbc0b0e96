"""Norm 5 on the review side: the workspace's depth limit and the lineage graph of stored datasets."""

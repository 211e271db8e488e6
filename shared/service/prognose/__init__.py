"""The spend forecast's use cases: the year's forecast and Nav's budget figure, with their ports."""

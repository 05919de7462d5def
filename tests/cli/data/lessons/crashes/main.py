x = 1
raise ValueError("boom before the results")
r = 2 * x

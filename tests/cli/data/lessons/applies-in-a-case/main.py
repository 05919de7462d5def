x = 1
r = 2 * x

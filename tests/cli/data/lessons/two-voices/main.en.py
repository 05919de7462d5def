x = 3
names = ["a","b"]
r = 2 * x
print("the result is", r, "names:", names)

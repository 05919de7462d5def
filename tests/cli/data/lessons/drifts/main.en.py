# The English listing changed a default and dropped the result: both are drift.
x = 4
names = ["a", "b"]
result = 2 * x
print("the result is", result)

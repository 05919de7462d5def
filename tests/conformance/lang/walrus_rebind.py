# A named expression may not rebind a comprehension's own loop variable.
print([x := 1 for x in range(3)])

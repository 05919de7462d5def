# A named expression at statement level needs brackets.
y = 2
x := 1

# Checks that mixing bytes and str literals is a SyntaxError, as in CPython.
print('never runs')
header = b'HTTP/1.1 ' '200 OK'

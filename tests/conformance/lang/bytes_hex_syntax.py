# Checks that a bytes literal with a truncated \x escape is a SyntaxError, as in CPython.
print('never runs')
value = b'ok\x4'

# Checks that a bytes literal with a non-ASCII character is a SyntaxError, as in CPython.
print('never runs')
greeting = b'héllo'

# Waits in input() for a line that never comes (the Ctrl-C test stops it).
print("asking")
answer = input("name? ")
print("never printed", answer)

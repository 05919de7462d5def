import string
from string import Template

print(string.ascii_letters, string.ascii_lowercase, string.ascii_uppercase)
print(string.digits, string.hexdigits, string.octdigits)
print(string.punctuation, repr(string.whitespace), len(string.printable), repr(string.printable[-6:]))
print(string.capwords("hello   big world"), string.capwords("a-b c-d", "-"), string.capwords(" x y "))
t = Template("$who likes $what")
print(t.substitute(who="tim", what="kung pao"), t.substitute({"who": "ann", "what": "tea"}, what="rice"))
print(Template("${noun}ification costs $$10").substitute(noun="simpl"), t.template)
try: t.substitute(who="x")
except KeyError as e: print("KeyError", e)
print(t.safe_substitute(who="x"), Template("$ 5 and $").safe_substitute(), Template("${bad-} $ok").safe_substitute(ok=1))
for bad in ["cost: $", "a\nb $1", "${x", "$"]:
    try: Template(bad).substitute(x=1)
    except ValueError as e: print("ValueError", e)
print(Template("$a $b $a ${c}").get_identifiers(), Template("$a").is_valid(), Template("$").is_valid())
print(Template("$x_1 and $_y").substitute(x_1=1, _y=2), Template("$xy").safe_substitute(x=1))
print(Template("$n items").substitute(n=3), "{} {}".format(string.digits[:3], string.ascii_lowercase[-3:]))

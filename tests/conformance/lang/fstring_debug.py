# f-strings' debug specifier (3.8+): the expression's text, '=', then repr unless told otherwise.
x = 5
name = "bo"
items = [1, 2]
print(f"{x=}", f"{x = }", f"{x=!s}", f"{x=:>4}", f"{x=!r:^6}")
print(f"{name=}", f"{items[0]=}", f"{len(items) = }", f"{x*2=}")
print(f"{x==5}", f"{x!=5}", f"{x<=5}", f"{x>=5}")
print(f"{'a'+'b'=}", f"{x=}{x=}")
d = {"k": 1}
print(f"{d['k']=}", f"{3.14159=:.2f}")

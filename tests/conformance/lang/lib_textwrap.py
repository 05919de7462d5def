import textwrap
from textwrap import wrap, fill, dedent, indent, shorten, TextWrapper

text = ("The quick brown fox jumps over the lazy dog. Concurrency is about dealing with lots of things "
        "at once; parallelism is about doing lots of things at once.")
print(wrap(text, 30))
print(fill(text, width=40))
print(fill(text, 25, initial_indent="* ", subsequent_indent="  "))
print(wrap("short", 10), wrap("", 10), wrap("   ", 10), wrap("a  b   c", 3))
print(wrap("supercalifragilisticexpialidocious is long", 10))
print(wrap("supercalifragilisticexpialidocious word", 10, break_long_words=False))
print(wrap("a well-known long-winded sentence with hyphen-ated words", 12))
print(wrap("a well-known long-winded sentence", 12, break_on_hyphens=False))
print(wrap("tabs\there\tand\nnewlines\nhere", 12), wrap("keep  spaces here", 8, drop_whitespace=False))
print(wrap(text, 20, max_lines=3), wrap(text, 20, max_lines=2, placeholder=" ..."))
print(fill("one two three four five six", 12, max_lines=2))
print(shorten("Hello  world!", width=12), shorten("Hello  world!", width=11), shorten("Hello world", 20))
print(shorten(text, 40), shorten(text, 40, placeholder="~"))
try: shorten("Hello world", 3)
except ValueError as e: print("ValueError", e)
try: wrap("x", 0)
except ValueError as e: print("ValueError", e)
block = """
    def f():
        return 1

    print(f())
"""
print(repr(dedent(block)))
print(repr(dedent("  a\n    b\n  c")), repr(dedent("\ta\n\tb")), repr(dedent("  x\n \n  y")), repr(dedent("no indent\n  x")))
print(repr(indent("a\nb\n\nc", "> ")), repr(indent("a\n  \nb", "+", lambda line: True)))
print(indent(fill(text, 30), "    "))
w = TextWrapper(width=15, initial_indent="- ", subsequent_indent="  ")
print(w.wrap("several words that need wrapping here"), w.fill("x y"))
print(wrap("End. Next sentence. Ok", 40, fix_sentence_endings=True))

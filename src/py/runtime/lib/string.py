# string: the character-class constants, capwords, Template.

whitespace = " \t\n\r\x0b\x0c"
ascii_lowercase = "abcdefghijklmnopqrstuvwxyz"
ascii_uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ascii_letters = ascii_lowercase + ascii_uppercase
digits = "0123456789"
hexdigits = digits + "abcdef" + "ABCDEF"
octdigits = "01234567"
punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or " ").join(w.capitalize() for w in s.split(sep))


def _is_ident_start(c):
    return c == "_" or ("a" <= c <= "z") or ("A" <= c <= "Z")


def _is_ident_char(c):
    return _is_ident_start(c) or ("0" <= c <= "9")


class Template:
    delimiter = "$"

    def __init__(self, template):
        self.template = template

    def _parse(self):
        # (literal, name or None, start of the placeholder) pieces; name "" marks an invalid one
        s = self.template
        d = self.delimiter
        i = 0
        n = len(s)
        out = []
        lit = []
        while i < n:
            if not s.startswith(d, i):
                lit.append(s[i])
                i += 1
                continue
            j = i + len(d)
            if s.startswith(d, j):
                lit.append(d)
                i = j + len(d)
                continue
            if j < n and s[j] == "{":
                k = j + 1
                if k < n and _is_ident_start(s[k]):
                    e = k + 1
                    while e < n and _is_ident_char(s[e]):
                        e += 1
                    if e < n and s[e] == "}":
                        out.append(("".join(lit), s[k:e], i, e + 1))
                        lit = []
                        i = e + 1
                        continue
                out.append(("".join(lit), "", i, j))
                lit = []
                i = j
                continue
            if j < n and _is_ident_start(s[j]):
                e = j + 1
                while e < n and _is_ident_char(s[e]):
                    e += 1
                out.append(("".join(lit), s[j:e], i, e))
                lit = []
                i = e
                continue
            out.append(("".join(lit), "", i, i + len(d)))
            lit = []
            i = i + len(d)
        out.append(("".join(lit), None, n, n))
        return out

    def _invalid(self, pos):
        lines = self.template[:pos].splitlines(True)
        if not lines:
            colno, lineno = 1, 1
        else:
            colno = pos - len("".join(lines[:-1]))
            lineno = len(lines)
        raise ValueError(f"Invalid placeholder in string: line {lineno}, col {colno}")

    def substitute(self, mapping=None, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            merged = dict(mapping)
            merged.update(kws)
            mapping = merged
        parts = []
        for lit, name, start, end in self._parse():
            parts.append(lit)
            if name is None:
                continue
            if name == "":
                self._invalid(start + len(self.delimiter))
            parts.append(str(mapping[name]))
        return "".join(parts)

    def safe_substitute(self, mapping=None, **kws):
        if mapping is None:
            mapping = kws
        elif kws:
            merged = dict(mapping)
            merged.update(kws)
            mapping = merged
        parts = []
        for lit, name, start, end in self._parse():
            parts.append(lit)
            if name is None:
                continue
            if name == "":
                parts.append(self.template[start:end])
                continue
            try:
                parts.append(str(mapping[name]))
            except KeyError:
                parts.append(self.template[start:end])
        return "".join(parts)

    def is_valid(self):
        for lit, name, start, end in self._parse():
            if name == "":
                return False
        return True

    def get_identifiers(self):
        ids = []
        for lit, name, start, end in self._parse():
            if name and name not in ids:
                ids.append(name)
        return ids

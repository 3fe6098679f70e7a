"""What each LaTeX command prints: symbols, logos, accents, fonts and units.

Data only. The commands are those found in real bibliographies (the TeX Live,
TUGboat and Zotero files the project tests on), plus LaTeX's own text and math
symbols; ``bibnames.sty`` and ``tugboat.def`` logos print as those files define them.
"""

from __future__ import annotations

from citeman.latex.nodes import Mark

#: Commands that print a fixed text, in text and math mode alike.
SYMBOLS: dict[str, str] = {
    # TeX logos and the names TUGboat and bibnames.sty give macros.
    "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "LaTeXTeX": "(La)TeX",
    "AllTeX": "(La)TeX", "MF": "METAFONT", "METAFONT": "METAFONT", "MP": "MetaPost",
    "METAPOST": "MetaPost", "BibTeX": "BibTeX", "BibLaTeX": "BibLaTeX",
    "AmS": "AMS", "AMS": "AMS", "AmSTeX": "AMS-TeX", "AMSTeX": "AMS-TeX",
    "AmSLaTeX": "AMS-LaTeX", "AMSLaTeX": "AMS-LaTeX", "LAMSTeX": "LAMS-TeX",
    "XeTeX": "XeTeX", "XeLaTeX": "XeLaTeX", "LuaTeX": "LuaTeX",
    "LuaLaTeX": "LuaLaTeX", "pdfTeX": "pdfTeX", "pdfLaTeX": "pdfLaTeX",
    "eTeX": "ε-TeX", "ConTeXt": "ConTeXt", "PiCTeX": "PiCTeX", "SliTeX": "SliTeX",
    "SLiTeX": "SliTeX", "JTeX": "JTeX", "NTS": "NTS", "TeXLive": "TeX Live",
    "MakeIndex": "MakeIndex", "LyX": "LyX", "TikZ": "TikZ", "XyMTeX": "XyMTeX",
    "Xy": "Xy", "OMEGA": "Omega", "TUB": "TUGboat", "TUG": "TUG", "tug": "TUG",
    "PS": "PostScript", "POSTSCRIPT": "PostScript", "PDF": "PDF", "DVI": "DVI",
    "HTML": "HTML", "XML": "XML", "SGML": "SGML", "CTAN": "CTAN", "WEB": "WEB",
    "VAX": "VAX", "FEATPOST": "FeatPost", "Thanh": "Hàn Thế Thành",
    "DVD": "DVD", "mtex": "MLTeX", "plain": "plain", "AMSTEX": "AMS-TeX",
    "TeXworks": "TeXworks", "TeXtures": "Textures", "PreTeX": "PreTeX",
    "ExTeX": "ExTeX", "CSTUG": "CSTUG", "UNIX": "UNIX", "MacOSX": "Mac OS X",
    "Java": "Java", "GNU": "GNU", "CSS": "CSS", "slMF": "METAFONT", "La": "La",
    "Tib": "Tib", "tubissue": "TUGboat", "hyphen": "-",
    # Letters.
    "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ",
    "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ",
    "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ",
    "DJ": "Đ",
    # Punctuation and text symbols.
    "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
    " ": " ", "\n": " ", "\t": " ", ",": " ", ";": " ", ":": " ", "\\": " ",
    "textendash": "–", "textemdash": "—", "emdash": "—", "endash": "–",
    "Dash": "—", "slash": "/", "ldots": "…", "dots": "…", "textellipsis": "…",
    "cdots": "⋯", "textbackslash": "\\", "backslash": "\\", "textbar": "|",
    "textless": "<", "textgreater": ">", "textunderscore": "_",
    "textasciitilde": "~", "textasciicircum": "^", "textasciimacron": "¯",
    "textasciiacute": "´", "textasciiacutex": "´", "textbrokenbar": "¦",
    "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
    "textquotedblright": "”", "textquotedbl": '"', "guillemotleft": "«",
    "guillemotright": "»", "copyright": "©", "textcopyright": "©",
    "textregistered": "®", "texttrademark": "™", "textsection": "§", "S": "§",
    "P": "¶", "textparagraph": "¶", "dag": "†", "ddag": "‡", "textdagger": "†",
    "textdaggerdbl": "‡", "pounds": "£", "textsterling": "£", "euro": "€",
    "texteuro": "€", "yen": "¥", "textyen": "¥", "textcent": "¢",
    "textbullet": "•", "textperiodcentered": "·", "textdegree": "°",
    "degree": "°", "textpm": "±", "texttimes": "×", "textdiv": "÷",
    "textmu": "µ", "upmu": "µ", "textonehalf": "½", "textonequarter": "¼",
    "textexclamdown": "¡", "textquestiondown": "¿", "thinspace": " ",
    "enspace": " ", "quad": " ", "qquad": " ", "space": " ", "newline": " ",
    "par": " ", "linebreak": " ", "ud": " ", "break": " ", "hfill": " ",
    # Math symbols (also accepted outside math, as BibTeX users write them).
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ",
    "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ",
    "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "Beta": "Β",
    "times": "×", "pm": "±", "mp": "∓", "cdot": "·", "circ": "∘", "div": "÷",
    "infty": "∞", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠",
    "neq": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡",
    "propto": "∝", "to": "→", "rightarrow": "→", "leftarrow": "←",
    "Rightarrow": "⇒", "Leftarrow": "⇐", "leftrightarrow": "↔",
    "Leftrightarrow": "⇔", "longrightarrow": "⟶", "rightleftharpoons": "⇌",
    "uparrow": "↑", "downarrow": "↓", "mapsto": "↦", "partial": "∂",
    "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "oint": "∮", "ell": "ℓ",
    "hbar": "ℏ", "prime": "′", "langle": "⟨", "rangle": "⟩", "in": "∈",
    "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "cup": "∪",
    "cap": "∩", "emptyset": "∅", "forall": "∀", "exists": "∃", "neg": "¬",
    "wedge": "∧", "vee": "∨", "oplus": "⊕", "otimes": "⊗", "perp": "⊥",
    "parallel": "∥", "angle": "∠", "star": "⋆", "ast": "∗", "bullet": "•",
    "dagger": "†", "ddagger": "‡", "ll": "≪", "gg": "≫", "mid": "|",
    "vert": "|", "Vert": "‖", "lbrace": "{", "rbrace": "}", "sqrt": "√",
    "surd": "√", "textrightarrow": "→", "hookrightarrow": "↪",
    "textleftarrow": "←", "log": "log", "ln": "ln", "exp": "exp", "sin": "sin",
    "cos": "cos", "tan": "tan", "lim": "lim", "max": "max", "min": "min",
    "det": "det", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "Re": "ℜ",
    "Im": "ℑ", "aleph": "ℵ", "wp": "℘", "Box": "□", "square": "□",
    "triangle": "△", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    # siunitx symbols usable outside \si.
    "celsius": "°C", "percent": "%", "micro": "µ", "ohm": "Ω", "angstrom": "Å",
}  # fmt: skip

# T2A names of the Russian alphabet (\CYRA, \cyrzh, …), upper case.
_CYRILLIC = [
    "A", "B", "V", "G", "D", "E", "ZH", "Z", "I", "ISHRT", "K", "L", "M", "N", "O",
    "P", "R", "S", "T", "U", "F", "H", "C", "CH", "SH", "SHCH", "HRDSN", "ERY",
    "SFTSN", "EREV", "YU", "YA",
]  # fmt: skip
for _offset, _name in enumerate(_CYRILLIC):
    SYMBOLS["CYR" + _name] = chr(0x410 + _offset)
    SYMBOLS["cyr" + _name.lower()] = chr(0x430 + _offset)

#: The logos and names above: a space after them is kept (see commands.handle).
LOGOS = frozenset(
    name for name, shown in SYMBOLS.items() if len(shown) > 1 and shown[0].isalpha()
)

#: Commands that print nothing and take no argument (spacing, hyphenation hints).
IGNORED = frozenset(
    {
        "/", "-", "@", "relax", "protect", "null", "nobreak", "noindent",
        "xspace", "unskip", "ignorespaces", "allowbreak", "left",
        "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "displaystyle",
        "textstyle", "scriptstyle", "nolinebreak", "cyrchar", "!", "smallskip",
        "medskip", "bigskip", "spacefactor", "sloppy", "leavevmode", "strut",
        "limits", "nolimits", "not", "selectfont", "mathstrut", "empty", "fi",
        "endtoenglish", "toenglish", "item", "noexpand", "expandafter",
    }
)  # fmt: skip

#: Commands whose one argument prints nothing (sort keys, spacing, labels).
DROP_ARGUMENT = frozenset(
    {
        "noopsort", "SortNoop", "sortnoop", "NOOP", "noop", "hspace", "vspace",
        "hphantom", "vphantom", "phantom", "label", "index", "nocite",
        "hyphenation", "typeout",
    }
)  # fmt: skip

#: Accent commands and the combining character each adds to its argument.
ACCENTS: dict[str, str] = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331",
    "t": "\u0361", "acute": "\u0301", "grave": "\u0300", "hat": "\u0302",
    "widehat": "\u0302", "tilde": "\u0303", "widetilde": "\u0303",
    "bar": "\u0304", "overline": "\u0305", "vec": "\u20d7", "dot": "\u0307",
    "ddot": "\u0308", "check": "\u030c", "breve": "\u0306", "underline": "\u0332",
}  # fmt: skip

#: What an accent prints over an empty argument (``\~{}`` is a tilde).
SPACING_ACCENTS: dict[str, str] = {
    "'": "´", "`": "`", "^": "^", '"': "¨", "~": "~", "=": "¯", ".": "˙",
    "u": "˘", "v": "ˇ", "H": "˝", "c": "¸", "k": "˛", "r": "˚",
}  # fmt: skip

#: Commands whose argument is set in a style (None: upright, as the text around).
STYLED: dict[str, Mark | None] = {
    "emph": Mark.ITALIC, "textit": Mark.ITALIC, "textsl": Mark.ITALIC,
    "mathit": Mark.ITALIC, "mkbibemph": Mark.ITALIC, "booktitle": Mark.ITALIC,
    "textbf": Mark.BOLD, "mathbf": Mark.BOLD, "boldsymbol": Mark.BOLD,
    "bm": Mark.BOLD, "mkbibbold": Mark.BOLD, "textsc": Mark.SMALLCAPS,
    "texttt": Mark.MONO, "mathtt": Mark.MONO, "textsuperscript": Mark.SUP,
    "textsubscript": Mark.SUB, "textrm": None, "textsf": None, "textup": None,
    "textmd": None, "textnormal": None, "mathrm": None, "mathsf": None,
    "mathcal": None, "mathbb": None, "mathfrak": None, "mathscr": None,
    "operatorname": None, "text": None, "textnormal*": None, "mbox": None,
    "hbox": None, "fbox": None, "acro": None, "pkg": None, "pgm": None,
    "file": None, "pname": None, "env": None, "ensuremath": None,
    "mathnormal": None, "bibcyr": None, "foreignlanguage": None,
    "textcyrillic": None, "textgreek": None, "unit": None, "lowercase": None,
    "uppercase": None, "MakeUppercase": None, "MakeLowercase": None,
}  # fmt: skip

#: Font declarations: the mark they switch on for the rest of their group
#: (None: back to upright roman; sizes and families change nothing we print).
DECLARATIONS: dict[str, Mark | None] = {
    "em": Mark.ITALIC, "it": Mark.ITALIC, "itshape": Mark.ITALIC,
    "sl": Mark.ITALIC, "slshape": Mark.ITALIC, "slnine": Mark.ITALIC,
    "bf": Mark.BOLD, "bfseries": Mark.BOLD, "sc": Mark.SMALLCAPS,
    "scshape": Mark.SMALLCAPS, "smc": Mark.SMALLCAPS, "tt": Mark.MONO,
    "ttfamily": Mark.MONO, "rm": None, "upshape": None, "normalfont": None,
    "rmfamily": None, "mdseries": None,
}  # fmt: skip
#: Declarations that change only size or family: nothing a reference shows.
NEUTRAL_DECLARATIONS = frozenset(
    {
        "sf", "ssf", "sffamily", "manfnt", "tiny", "scriptsize", "footnotesize",
        "small", "normalsize", "large", "Large", "LARGE", "huge", "Huge",
    }
)  # fmt: skip

#: Commands that quote their argument.
QUOTES: dict[str, tuple[str, str]] = {
    "enquote": ("“", "”"), "mkbibquote": ("“", "”"), "textquote": ("“", "”"),
    "guillemets": ("«", "»"),
}  # fmt: skip

#: Commands whose argument is shown verbatim (URLs, paths, code).
VERBATIM = frozenset({"url", "path", "nolinkurl", "doi", "verb", "detokenize"})

#: Commands that show their argument preceded by a backslash (TUGboat's \cs{…}).
CONTROL_SEQUENCE = frozenset({"cs", "macro", "cmd", "csname"})

#: siunitx prefixes and units (``\kilo\meter`` → ``km``).
UNIT_PREFIXES: dict[str, str] = {
    "yocto": "y", "zepto": "z", "atto": "a", "femto": "f", "pico": "p",
    "nano": "n", "micro": "µ", "milli": "m", "centi": "c", "deci": "d",
    "deca": "da", "deka": "da", "hecto": "h", "kilo": "k", "mega": "M",
    "giga": "G", "tera": "T", "peta": "P", "exa": "E",
}  # fmt: skip
UNITS: dict[str, str] = {
    "meter": "m", "metre": "m", "gram": "g", "second": "s", "kelvin": "K",
    "ampere": "A", "mole": "mol", "candela": "cd", "hertz": "Hz",
    "newton": "N", "pascal": "Pa", "joule": "J", "watt": "W", "coulomb": "C",
    "volt": "V", "ohm": "Ω", "siemens": "S", "farad": "F", "henry": "H",
    "tesla": "T", "weber": "Wb", "becquerel": "Bq", "gray": "Gy",
    "electronvolt": "eV", "liter": "L", "litre": "L", "hour": "h",
    "minute": "min", "day": "d", "angstrom": "Å", "bar": "bar", "gauss": "G",
    "decibel": "dB", "bel": "B", "celsius": "°C", "degreeCelsius": "°C",
    "degree": "°", "arcminute": "′", "arcsecond": "″", "percent": "%",
    "dalton": "Da", "atomicmassunit": "u", "tonne": "t", "barn": "b",
    "kilogram": "kg", "radian": "rad", "steradian": "sr", "lux": "lx",
    "lumen": "lm", "katal": "kat", "sievert": "Sv", "mmHg": "mmHg",
    "torr": "Torr", "molar": "M", "Molar": "M", "K": "K", "m": "m", "s": "s",
    "g": "g", "Hz": "Hz", "eV": "eV", "V": "V", "W": "W", "J": "J", "A": "A",
    "nm": "nm", "um": "µm", "mm": "mm", "cm": "cm", "km": "km", "kg": "kg",
    "mg": "mg", "ms": "ms", "us": "µs", "ns": "ns", "ps": "ps", "fs": "fs",
    "kHz": "kHz", "MHz": "MHz", "GHz": "GHz", "THz": "THz", "meV": "meV",
    "keV": "keV", "MeV": "MeV", "GeV": "GeV", "mV": "mV", "kV": "kV",
    "mW": "mW", "kW": "kW", "MW": "MW", "mA": "mA", "uA": "µA", "nA": "nA",
    "mol": "mol", "L": "L", "mL": "mL", "uL": "µL", "Pa": "Pa", "kPa": "kPa",
    "MPa": "MPa", "GPa": "GPa", "N": "N", "T": "T", "mT": "mT", "C": "C",
}  # fmt: skip
#: siunitx powers, written after the unit they raise.
UNIT_POWERS: dict[str, str] = {"squared": "2", "cubed": "3"}
UNIT_LEADING_POWERS: dict[str, str] = {"square": "2", "cubic": "3"}

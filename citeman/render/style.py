"""Find a style folder, read its ``style.toml``, and build its Jinja environment.

A style is data: a folder of Jinja templates (one per entry type, plus a
fallback and shared macros) and a small ``style.toml`` saying which sort order
and which template each entry type uses. Templates run in Jinja's sandbox with
``StrictUndefined``, so a user's style cannot reach into Python and a mistyped
name fails with a message naming the template and the line.
"""

from __future__ import annotations

import tomllib
import traceback
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MethodType

import jinja2
import markupsafe
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr
from jinja2.sandbox import SandboxedEnvironment

import citeman
from citeman.dates import Date
from citeman.errors import CitemanError
from citeman.render import apa, budget, filters
from citeman.render.markup import Markup
from citeman.render.reference import Name, Reference

#: The sort orders a style may ask for; see :mod:`citeman.render.order`.
SORT_ORDERS = ("author-date", "none")
_KEYS = ("name", "description", "sort", "disambiguate", "fallback", "templates")
#: citeman's own objects as templates see them, and an imported template's
#: macros (``m.head``): every public attribute is data, a plain method or a
#: macro, which the sandbox's checks always let through.
_OWN_TYPES = frozenset({Reference, Name, Date, jinja2.environment.TemplateModule})
#: Whose bound methods a template calls without the sandbox's checks (see
#: :meth:`BoundedEnvironment.call`).
_OWN_METHODS = frozenset({Reference, Name, Date})


class StyleError(CitemanError):
    """A style that cannot be found, read, or rendered."""


@dataclass(frozen=True)
class Style:
    """A style folder and what its ``style.toml`` says (all keys optional)."""

    folder: Path
    name: str
    description: str = ""
    sort: str = "none"
    disambiguate: bool = False
    fallback: str = "misc"
    templates: Mapping[str, str] = field(default_factory=dict)

    def template_name(self, entry_type: str, available: frozenset[str]) -> str:
        """Return the template file for an entry type: mapped, own, or the fallback."""
        for candidate in (self.templates.get(entry_type), entry_type):
            if candidate and f"{candidate}.j2" in available:
                return f"{candidate}.j2"
        return f"{self.fallback}.j2"


def styles_folder(package: Path | None = None) -> Path:
    """Return the folder of the built-in styles, installed or in a checkout.

    A wheel installs them as ``citeman/styles`` (in the repository a link to
    the top-level ``styles/``); where that link did not survive (a checkout on
    a file system without links) they are found next to the package.
    """
    package = package or Path(citeman.__file__).resolve().parent
    installed = package / "styles"
    if (installed / "apa" / "style.toml").is_file():
        return installed
    return package.parent / "styles"


def builtin_names() -> list[str]:
    """Return the names of the built-in styles."""
    folder = styles_folder()
    return sorted(p.name for p in folder.iterdir() if (p / "style.toml").is_file())


def find(name_or_path: str) -> Style:
    """Return the built-in style ``name_or_path``, or the style in that folder."""
    builtin = styles_folder() / name_or_path
    folder = builtin if "/" not in name_or_path and builtin.is_dir() else None
    if folder is None:
        folder = Path(name_or_path)
    if not folder.is_dir():
        known = ", ".join(builtin_names())
        raise StyleError(
            f'no style "{name_or_path}"; use one of {known} or a folder of templates'
        )
    return load(folder)


def load(folder: Path) -> Style:
    """Read ``folder/style.toml`` (if any) and check its keys and values."""
    path = folder / "style.toml"
    table: dict[str, object] = {}
    if path.exists() or path.is_symlink():
        confined(path, folder.resolve())
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise StyleError(f"{path}: cannot be read: {error}") from error
    for key in table:
        if key not in _KEYS:
            raise StyleError(
                f'{path}: unknown key "{key}"; allowed keys are {", ".join(_KEYS)}'
            )
    sort = table.get("sort", "none")
    if sort not in SORT_ORDERS:
        raise StyleError(
            f'{path}: "sort" must be one of {", ".join(SORT_ORDERS)}; got {sort!r}'
        )
    templates = table.get("templates", {})
    if not isinstance(templates, dict) or not all(
        isinstance(value, str) for value in templates.values()
    ):
        raise StyleError(f"{path}: [templates] must map entry types to template names")
    return Style(
        folder=folder,
        name=str(table.get("name", folder.name)),
        description=str(table.get("description", "")),
        sort=str(sort),
        disambiguate=bool(table.get("disambiguate", False)),
        fallback=str(table.get("fallback", "misc")),
        templates=templates,
    )


#: The largest template file a style may hold.
TEMPLATE_BYTES = 1_000_000


class ConfinedLoader(jinja2.BaseLoader):
    """Load templates from one folder, refusing any path that leaves it.

    Jinja already refuses ``..`` in a template name; a symbolic link inside
    the folder (``a.j2 -> /etc/passwd``, or a linked subfolder) would still
    lead out of it, so each path is resolved before anything is read.
    """

    def __init__(self, folder: Path) -> None:
        """Serve the templates of ``folder`` (itself resolved once)."""
        self.folder = folder
        self.root = folder.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        """Return the text of ``template``, its path and an up-to-date check."""
        pieces = jinja2.loaders.split_template_path(template)
        path = self.folder.joinpath(*pieces)
        real = confined(path, self.root)
        if not real.is_file():
            raise jinja2.TemplateNotFound(template)
        with real.open("rb") as handle:
            data = handle.read(TEMPLATE_BYTES + 1)
        if len(data) > TEMPLATE_BYTES:
            raise StyleError(f"{path}: larger than {TEMPLATE_BYTES} bytes")
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise StyleError(f"{path}: not UTF-8 text ({error.reason})") from error
        return source, str(path), lambda: True


def confined(path: Path, root: Path) -> Path:
    """Return ``path`` resolved, or raise StyleError if it leads out of ``root``."""
    real = path.resolve()
    if not real.is_relative_to(root):
        raise StyleError(
            f"{path}: leads to {real}, outside the style folder {root};"
            " a style may only read its own files"
        )
    return real


class _FinalizedOutput(CodeGenerator):
    """Jinja's code generator, printing ``{{ value }}`` as ``finalize`` returns it.

    Under autoescaping Jinja prints ``escape(finalize(value))``. Our
    ``finalize`` (:func:`environment`) already returns the value escaped, as a
    ``markupsafe.Markup``, which ``escape`` would only copy into a new one
    (90,000 copies per 10,000 references, ~6% of rendering). Where the
    template's escaping can change while it runs (``{% autoescape %}``
    blocks), or with no ``finalize``, the code is Jinja's own.
    """

    def _output_child_pre(
        self,
        node: Expr,
        frame: Frame,
        finalize: CodeGenerator._FinalizeInfo,
    ) -> None:
        if _finalized(frame, finalize):
            self.write(_FINALIZE)
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(
        self,
        node: Expr,
        frame: Frame,
        finalize: CodeGenerator._FinalizeInfo,
    ) -> None:
        if _finalized(frame, finalize):
            self.write(")")  # closes finalize.src's call
        else:
            super()._output_child_post(node, frame, finalize)


def _finalized(frame: Frame, finalize: CodeGenerator._FinalizeInfo) -> bool:
    """Return whether ``finalize`` alone escapes this output (see above)."""
    escaping = frame.eval_ctx.autoescape and not frame.eval_ctx.volatile
    return escaping and finalize.src == _FINALIZE


#: How Jinja's generated code calls a ``finalize`` that takes the value alone.
_FINALIZE = "environment.finalize("


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with a budget: see :mod:`citeman.render.budget`."""

    intercepted_binops = frozenset({"**", "*"})
    code_generator_class = _FinalizedOutput

    def __init__(
        self, loader: jinja2.BaseLoader, finalize: Callable[[object], object]
    ) -> None:
        """Build the sandbox; ``range`` counts against the current meter.

        Autoescaping is on so that macros and blocks return already-escaped
        text; ``finalize`` escapes every other value once, in the format's way,
        and must return a ``markupsafe.Markup``: it alone escapes what
        ``{{ }}`` prints (:class:`_FinalizedOutput`).
        """
        super().__init__(
            loader=loader,
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            finalize=finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            # Each reference imports the style's macros: with auto_reload the
            # file's up-to-date check ran for every one of them.
            auto_reload=False,
        )
        self.meter = budget.Meter(budget.Budget())
        self.globals["range"] = self._range

    def make_globals(
        self, d: MutableMapping[str, object] | None
    ) -> MutableMapping[str, object]:
        """Return a template's globals as one plain dict, not Jinja's ChainMap.

        Every reference's template builds a context from its globals and
        imports the macros, which compares its globals with theirs: through a
        ChainMap, pure-Python lookups that cost ~5% of rendering. Nothing
        changes the environment's globals once templates are loaded (set in
        ``__init__``), so a copy says the same.
        """
        return {**self.globals, **(d or {})}

    def _range(self, *bounds: int) -> Iterator[int]:
        return self.meter.counted_range(*bounds)

    def getattr(self, obj: object, attribute: str) -> object:
        """Return ``obj.attribute`` as the sandbox would, quicker for our own objects.

        A template reads a dozen attributes of each reference: for citeman's
        own types the sandbox's checks (private names, internals of functions
        and frames, ``str.format``) cannot refuse a public name, so they are
        skipped; a private name or any other object goes through them.
        """
        if type(obj) in _OWN_TYPES and not attribute.startswith("_"):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass  # the sandbox says it is undefined, as it would anyway
        return super().getattr(obj, attribute)

    def call(
        __self,  # Jinja's spelling: a keyword argument may be called "self"
        __context: jinja2.runtime.Context,
        __obj: object,
        *args: object,
        **kwargs: object,
    ) -> object:
        """Call ``__obj`` as the sandbox would, at once for macros and our methods.

        A reference calls half a dozen macros and a dozen methods of its entry
        (``entry.get("volume")``); a macro is template code, and the methods of
        citeman's own objects are plain ones: neither is marked unsafe nor
        takes a context, so the sandbox's checks and ``Context.call``'s look
        for a context argument cannot change the call.
        """
        if isinstance(__obj, jinja2.runtime.Macro) or (
            isinstance(__obj, MethodType) and type(__obj.__self__) in _OWN_METHODS
        ):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:  # as Context.call answers it
                return __self.undefined(
                    "value was undefined because a callable raised a"
                    " StopIteration exception"
                )
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(
        self,
        context: jinja2.runtime.Context,
        operator: str,
        left: object,
        right: object,
    ) -> object:
        """Compute ``**`` and ``*`` within the budget."""
        return budget.call_binop(operator, left, right)


def environment(style: Style, markup: Markup) -> BoundedEnvironment:
    """Return the sandbox that renders ``style`` in ``markup``'s format."""

    def finalize(value: object) -> markupsafe.Markup:
        if isinstance(value, markupsafe.Markup):
            return value
        return markup.escape(value)

    env = BoundedEnvironment(ConfinedLoader(style.folder), finalize)
    env.filters.update(filters.bind(markup))
    env.filters.update(apa.bind(markup))
    return env


def templates_of(style: Style) -> frozenset[str]:
    """Return the template file names in the style's folder."""
    return frozenset(path.name for path in style.folder.glob("*.j2"))


def template(env: SandboxedEnvironment, name: str, folder: Path) -> jinja2.Template:
    """Return a compiled template, turning a syntax error into a StyleError."""
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as error:
        raise failure(error, Path(name), name) from error
    except jinja2.TemplateNotFound as error:
        raise StyleError(
            f"{folder}: no template {error.name}; add it, or name another"
            ' "fallback" in style.toml'
        ) from error


def failure(error: Exception, folder: Path, key: str) -> StyleError:
    """Return a one-line StyleError naming the template file and line at fault.

    A syntax error carries its own place; for an error raised while a template
    ran, the place is the innermost template frame of the traceback (Jinja
    maps compiled code back to template lines). ``key`` names the entry.
    """
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = f"{error.filename or error.name}:{error.lineno}"
        reason = (error.message or "syntax error").splitlines()[0]
        return StyleError(f"{where}: {reason}")
    where = str(folder)
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2"):
            where = f"{frame.filename}:{frame.lineno}"
            break
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    return StyleError(f"{where}: {reason} (rendering entry {key})")

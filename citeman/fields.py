"""The entry types and field names BibTeX and biblatex know; what each type requires.

Sources: BibTeX's standard styles (``btxdoc``: the entry types, their required
fields, and the fields ``plain.bst`` reads), the biblatex manual (§2.1 entry
types, §2.2 fields, §2.3 aliases), and the fields that reference managers
commonly export (Zotero/Better BibTeX, Mendeley, JabRef, BibDesk, dblp, ACM,
arXiv, ADS). A name in these tables is never reported as a typo.
"""

from __future__ import annotations

from collections.abc import Mapping


def _words(text: str) -> list[str]:
    """Return the whitespace-separated names of a table written as prose."""
    return text.split()


#: BibTeX's 14 standard entry types, biblatex's types and aliases.
ENTRY_TYPES: frozenset[str] = frozenset(
    _words(
        """
    article book booklet conference inbook incollection inproceedings manual
    mastersthesis misc phdthesis proceedings techreport unpublished

    bookinbook collection dataset inreference mvbook mvcollection mvproceedings
    mvreference online patent periodical reference report set software suppbook
    suppcollection suppperiodical thesis xdata electronic www artwork audio
    bibnote commentary image jurisdiction legal legislation letter movie music
    performance review standard video customa customb customc customd custome
    customf
    """
    )
)

#: Fields of BibTeX's standard styles.
BIBTEX_FIELDS: frozenset[str] = frozenset(
    _words(
        """
    address annote author booktitle chapter crossref edition editor howpublished
    institution journal key month note number organization pages publisher
    school series title type volume year
    """
    )
)

#: biblatex's data fields, special fields, date parts and aliases.
BIBLATEX_FIELDS: frozenset[str] = frozenset(
    _words(
        """
    abstract addendum afterword annotation annotator author authortype
    bookauthor bookpagination booksubtitle booktitle booktitleaddon chapter
    commentator date doi edition editor editora editorb editorc editortype
    editoratype editorbtype editorctype eid entrysubtype eprint eprintclass
    eprinttype eventdate eventtitle eventtitleaddon file foreword holder
    howpublished indextitle institution introduction isan isbn ismn isrn issn
    issue issuesubtitle issuetitle issuetitleaddon iswc journalsubtitle
    journaltitle journaltitleaddon label language library location mainsubtitle
    maintitle maintitleaddon month nameaddon note number organization origdate
    origlanguage origlocation origpublisher origtitle pages pagetotal pagination
    part publisher pubstate reprinttitle series shortauthor shorteditor
    shorthand shorthandintro shortjournal shortseries shorttitle subtitle title
    titleaddon translator type url urldate venue version volume volumes year

    crossref entryset execute gender hyphenation ids indexsorttitle keywords
    langid langidopts options presort related relatedoptions relatedtype
    relatedstring sortkey sortname sortshorthand sorttitle sortyear xdata xref

    day endday endmonth endyear eventday eventendday eventendmonth eventendyear
    eventmonth eventyear origday origendday origendmonth origendyear origmonth
    origyear urlday urlendday urlendmonth urlendyear urlmonth urlyear

    address annote archiveprefix journal key pdf primaryclass school

    lista listb listc listd liste listf namea nameb namec usera userb userc
    userd usere userf verba verbb verbc
    """
    )
)

#: Fields reference managers and databases write that no style defines.
EXPORT_FIELDS: frozenset[str] = frozenset(
    _words(
        """
    acmid adsnote adsurl affiliation affiliations articleno arxivid bibdate
    bibsource biburl comment contents copyright eissn groups journalabbr
    journalabbreviation keyword lccn mrclass mrnumber numpages owner pmcid pmid
    price printed priority qualityassured ranking rating readstatus relevance
    review rights size timestamp uri zbl
    """
    )
) | frozenset(
    # Nelson Beebe's bibliographies (TeX Live's beebe/, ftp.math.utah.edu):
    # fjournal is the full journal name beside an abbreviated journal, ajournal
    # the abbreviation, bibdate/bibsource the record's history; CODEN, MR and
    # zbMATH numbers, and the cataloguing fields of his library records.
    _words(
        """
    fjournal ajournal acknowledgement remark coden zmnumber zblnumber mrreviewer
    confnote confdate conflocation confsponsor subject classification thesaurus
    tableofcontents shorttableofcontents idnumber crossrefold bookpages pubcountry
    topic history inprint bibliography glossary index nationality corpsource
    treatment libnote classcodes listoffigures listoftables bookreview ean
    procdate procloc pubdates dbasekey printermarks partnumber pagecount
    """
    )
    # Mendeley (city, websites, day), arXiv and DBLP exports (arxiv, refid, ee,
    # oai, collaboration).
    + _words("city websites day arxiv refid ee oai collaboration advisor")
)

#: Every field name citeman treats as known.
FIELDS: frozenset[str] = BIBTEX_FIELDS | BIBLATEX_FIELDS | EXPORT_FIELDS

#: What each entry type requires: every tuple names alternatives, one of which
#: must be present. BibTeX's standard table, with biblatex's names accepted
#: (``journaltitle`` for ``journal``, ``date`` for ``year``, ``institution`` for
#: ``school``), and biblatex's own types as its manual requires them. An
#: ``@unpublished`` needs a ``note`` in BibTeX; its date serves in biblatex.
REQUIRED: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "article": (("author",), ("title",), ("journal", "journaltitle"), ("year", "date")),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year", "date")),
    "booklet": (("title",),),
    "inbook": (
        ("author", "editor"),
        ("title",),
        ("chapter", "pages"),
        ("publisher",),
        ("year", "date"),
    ),
    "incollection": (
        ("author",),
        ("title",),
        ("booktitle",),
        ("publisher",),
        ("year", "date"),
    ),
    "inproceedings": (("author",), ("title",), ("booktitle",), ("year", "date")),
    "conference": (("author",), ("title",), ("booktitle",), ("year", "date")),
    "manual": (("title",),),
    "mastersthesis": (
        ("author",),
        ("title",),
        ("school", "institution"),
        ("year", "date"),
    ),
    "phdthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "proceedings": (("title",), ("year", "date")),
    "techreport": (("author",), ("title",), ("institution",), ("year", "date")),
    "unpublished": (("author",), ("title",), ("note", "year", "date")),
    "report": (("author",), ("title",), ("institution",), ("year", "date")),
    "thesis": (
        ("author",),
        ("title",),
        ("type",),
        ("institution", "school"),
        ("year", "date"),
    ),
    "online": (("title",), ("url", "doi", "eprint")),
    "dataset": (("author", "editor"), ("title",), ("year", "date")),
    "software": (("author", "editor", "organization"), ("title",), ("year", "date")),
    "patent": (("author",), ("title",), ("number",), ("year", "date")),
    "collection": (("editor",), ("title",), ("year", "date")),
    "periodical": (("editor",), ("title",), ("year", "date")),
}

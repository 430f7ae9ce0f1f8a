"""Each loader yields Documents with the metadata the index needs, or a named error."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import write_docx, write_pdf, write_scanned_pdf
from conftest import GUIDANCE

from advisor.documents import LoadError, load


def _load(path: Path):
    return load(path, path.parents[1])


@pytest.fixture
def gdir(tmp_path) -> Path:
    d = tmp_path / "knowledge" / "guidance"
    d.mkdir(parents=True)
    return d


def test_markdown_front_matter_and_sections():
    src = load(GUIDANCE / "maicp-about.md", GUIDANCE.parent)
    assert src.id == "guidance/maicp-about.md"
    assert src.url == "https://maicp.org/about"
    assert src.publisher.startswith("Massachusetts Innovation Career Pathways")
    sections = {u.metadata["section"] for u in src.units}
    assert "Guiding Principles › Connection to Career" in sections
    unit = next(u for u in src.units if u.metadata["section"].endswith("Connection to Career"))
    assert "100-hour internship or capstone project" in unit.page_content
    assert set(unit.metadata) == {"source", "title", "section", "page", "publisher", "url"}
    assert "Sitemap" not in src.text and "All rights reserved" not in src.text


def test_every_shipped_seed_keeps_its_stem():
    stems = {p.stem for p in GUIDANCE.iterdir()}
    assert {"dese-pathways-strategies", "district-wide-system-of-pathways", "maicp-about",
            "national-pathway-exemplars", "masscore"} <= stems


def test_txt_cp1252_falls_back_instead_of_crashing(gdir):
    path = gdir / "legacy.txt"
    text = "Students earn a \u201ccredential\u201d \u2013 caf\u00e9 hours"
    path.write_bytes(text.encode("cp1252"))
    src = _load(path)
    assert "\u201ccredential\u201d \u2013 caf\u00e9" in src.text
    # said, not silent: which byte first, and how the file was read
    [warning] = src.warnings
    assert "not valid UTF-8: 4 byte sequences" in warning
    assert "byte offset 16 (line 1, 0x93)" in warning and "cp1252" in warning


def test_utf8_with_one_stray_byte_keeps_every_other_character(gdir):
    path = gdir / "damaged.md"
    good = "# Co-op\n\nCo-op \u2013 paid weeks, caf\u00e9 shifts.\n\nMen\u00fc planning.\n"
    path.write_bytes(good.encode("utf-8").replace("Men\u00fc".encode(), b"Men\xfc"))
    src = _load(path)
    assert "Co-op \u2013 paid weeks, caf\u00e9 shifts." in src.text  # not "â€“", "cafÃ©"
    assert "Men\u00fc planning." in src.text
    [warning] = src.warnings
    offset = path.read_bytes().index(b"\xfc")
    assert f"1 byte sequence not UTF-8, the first at byte offset {offset} (line 5" in warning


def test_utf8_files_carry_no_warning(gdir):
    path = gdir / "clean.md"
    path.write_bytes("\ufeff# Caf\u00e9\n\nThe caf\u00e9 \u2013 and \ufffd as written.\n"
                     .encode("utf-8"))
    assert _load(path).warnings == []


def test_a_symlink_out_of_the_knowledge_folder_is_refused_without_its_target(gdir, tmp_path):
    target = tmp_path / "private" / "notes.md"
    target.parent.mkdir()
    target.write_text("# Notes\n\nPrivate.\n")
    (gdir / "inside.md").write_text("# Inside\n\nShared.\n")
    (gdir / "alias.md").symlink_to(gdir / "inside.md")  # inside the folder: read as itself
    assert _load(gdir / "alias.md").id == "guidance/alias.md"
    (gdir / "linked.md").symlink_to(target)
    with pytest.raises(LoadError, match="symbolic link that leads outside the knowledge") as err:
        _load(gdir / "linked.md")
    assert str(target.parent) not in str(err.value) and "notes" not in str(err.value)


def test_latin1_bytes_that_are_not_cp1252(gdir):
    path = gdir / "odd.md"
    path.write_bytes(b"# Notes\n\nGr\x81n \xe9t\xe9 text")  # 0x81 is undefined in cp1252
    src = _load(path)
    assert "\u00e9t\u00e9 text" in src.text


def test_html_drops_scripts_styles_and_navigation(gdir):
    path = gdir / "page.html"
    path.write_text("""<html><head><title>Co-op guide</title><style>p{color:red}</style>
      <script>alert('x')</script></head><body><nav>Home | About</nav>
      <h1>Co-op guide</h1><p>Co-op placements pay students.</p>
      <h2>Hours</h2><p>Students work alternate weeks.</p>
      <footer>Copyright</footer></body></html>""")
    src = _load(path)
    assert src.title == "Co-op guide"
    text = src.text
    assert "Co-op placements pay students." in text and "alternate weeks" in text
    for junk in ("alert", "color:red", "Home | About", "Copyright"):
        assert junk not in text
    assert [u.metadata["section"] for u in src.units] == ["Co-op guide", "Hours"]


def test_pdf_one_unit_per_page_with_page_numbers(gdir):
    path = write_pdf(gdir / "guide.pdf", ["Page one talks about welding.",
                                          "Page two talks about nursing.",
                                          "Page three talks about banking."], title="Guide")
    src = _load(path)
    assert src.title == "Guide"
    assert [u.metadata["page"] for u in src.units] == [1, 2, 3]
    assert "nursing" in src.units[1].page_content


def test_pdf_with_empty_user_password_opens(gdir):
    path = write_pdf(gdir / "open.pdf", ["Readable despite owner password."], password="")
    assert "Readable" in _load(path).text


def test_docx_headings_become_sections(gdir):
    path = write_docx(gdir / "mapping-tool.docx", "Pathways Mapping Tool",
                      {"Step 1": "List the courses offered.", "Step 2": "Map them to sectors."})
    src = _load(path)
    assert src.title == "Pathways Mapping Tool"
    assert [u.metadata["section"] for u in src.units] == ["Step 1", "Step 2"]
    assert "Map them to sectors." in src.units[1].page_content


@pytest.mark.parametrize("name,make,reason", [
    ("corrupt.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n1 0 obj<<>>junk\x00\x01"), "corrupt PDF"),
    ("locked.pdf", lambda p: write_pdf(p, ["secret"], password="hunter2"), "encrypted PDF"),
    ("scan.pdf", write_scanned_pdf, "no text layer"),
    ("empty.md", lambda p: p.write_bytes(b""), "empty file"),
    ("blank.txt", lambda p: p.write_text("   \n\n  "), "empty file"),
    ("binary.md", lambda p: p.write_bytes(bytes(range(256)) * 40), "binary data"),
    ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "corrupt DOCX"),
    ("bad-front.md", lambda p: p.write_text("---\ntitle: [unclosed\n---\nBody"), "front matter"),
    ("bad-date.md", lambda p: p.write_text("---\nupdated: 2025-02-30\n---\nBody"),
     r"front matter `updated: 2025-02-30` is not a real date \(day is out of range"),
    ("bad-month.md", lambda p: p.write_text("---\nupdated: 2024-13-1\n---\nBody"),
     "`updated: 2024-13-1` is not a real date"),
])
def test_bad_files_raise_named_errors(gdir, name, make, reason):
    path = gdir / name
    make(path)
    with pytest.raises(LoadError, match=reason):
        _load(path)


def test_oversized_file_is_refused_before_reading(gdir):
    path = gdir / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(3 * 1024 * 1024)
    with pytest.raises(LoadError, match=r"file too large: 3.0 MB \(limit 1 MB\)"):
        load(path, gdir.parent, max_mb=1)


@pytest.mark.parametrize("text", ["updated: spring 2024", "updated: 2024-04-24 10:00",
                                  "updated:", "title: 2025-02-30"])
def test_free_text_dates_are_undated_not_errors(gdir, text):
    path = gdir / "dated.md"
    path.write_text(f"---\n{text}\n---\n# Body\n\nText.\n")
    from advisor.documents.dated import as_date

    assert as_date(_load(path).updated) is None


def test_a_valid_date_is_read(gdir):
    from advisor.documents.dated import as_date

    path = gdir / "dated.md"
    path.write_text("---\nupdated: 2024-2-29\n---\n# Body\n\nText.\n")
    assert str(as_date(_load(path).updated)) == "2024-02-29"


@pytest.mark.parametrize("content,message", [
    ("", "empty.csv: is empty: no header row"),
    ("\n  \n", "empty.csv: is empty: no header row"),
    ("\nschool,pathway_name\n", "empty.csv: row 1 is blank: it must be the header row"),
])
def test_an_empty_district_csv_is_one_error_naming_the_file(tmp_path, content, message):
    from advisor.catalog.districts import load_districts

    (tmp_path / "empty.csv").write_text(content)
    errors = load_districts(tmp_path, set()).errors
    assert len(errors) == 1, errors
    assert str(errors[0]).startswith(message)
    assert errors[0].row <= 1  # a file-level problem: ingest keeps the file's indexed rows

"""The CSV reader: encodings, delimiters, header aliases, line numbers, and it never crashes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portail_famille.services.imports import ImportFileError
from portail_famille.services.imports.kinds import students
from portail_famille.services.imports.reader import read_rows

FRENCH = "numéro de fiche;Nom;Prénom;Date de naissance\n1000009;Côté;Zoé;2018-05-02\n"
ENGLISH = "file_number,last_name,first_name,birth_date\r\n1000009,Côté,Zoé,2018-05-02\r\n"


@pytest.mark.parametrize(
    "data",
    [
        FRENCH.encode("utf-8"),
        b"\xef\xbb\xbf" + FRENCH.encode("utf-8"),
        FRENCH.encode("cp1252"),
        ENGLISH.encode("utf-8"),
        ENGLISH.encode("cp1252"),
    ],
)
def test_utf8_or_windows_1252_comma_or_semicolon_french_or_english(data: bytes) -> None:
    (row,) = list(read_rows("eleves.csv", data, students.COLUMNS))
    assert row.line == 2
    assert row.values["first_name"] == "Zoé" and row.values["last_name"] == "Côté"


def test_a_multi_line_cell_keeps_the_line_where_its_row_starts() -> None:
    data = 'nom,prenom,numero_fiche,date_naissance\n"Côté\nJr",Zoé,1,x\nRoy,Émile,2,y\n'
    rows = list(read_rows("e.csv", data.encode(), students.COLUMNS))
    assert [row.line for row in rows] == [2, 4]


@pytest.mark.parametrize(
    ("data", "key", "line"),
    [
        ("nom,prénom\nRoy,Émile\n".encode(), "imports.error.missing_column", 1),
        ("hé".encode("utf-16"), "imports.error.encoding", 0),
        (b"\x81\x8d\x8f", "imports.error.encoding", 0),
        (b"\n\n", "imports.error.no_header", 1),
    ],
)
def test_unreadable_files_say_why(data: bytes, key: str, line: int) -> None:
    with pytest.raises(ImportFileError) as raised:
        list(read_rows("eleves.csv", data, students.COLUMNS))
    assert (raised.value.issue.key, raised.value.issue.line) == (key, line)


def _read_all(data: bytes) -> None:
    try:
        for row in read_rows("fuzz.csv", data, students.COLUMNS):
            assert row.line >= 2
    except ImportFileError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_raise_only_our_error(data: bytes) -> None:
    _read_all(data)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list(';,"\n\r\t aé0123456789-/numerofichd_')), max_size=800)
)
def test_random_csv_text_raises_only_our_error(text: str) -> None:
    _read_all(("numero_fiche;nom;prenom;date_naissance\n" + text).encode())

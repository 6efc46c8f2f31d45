"""Vietnamese text handling for search (issue 4, part 2): one analyser at index and query time."""

import random
import re
import time
import unicodedata

import pytest

from eoffice.core.text import fold as core_fold
from eoffice.search.legacy import is_syllable
from eoffice.search.vntext import (
    MAX_TOKEN_LENGTH,
    analyze,
    detect_legacy,
    fold,
    folded_tokens,
    from_legacy,
    normalize,
    repair,
    to_legacy,
    tokens,
)


def nfd(text):
    return unicodedata.normalize("NFD", text)


def matches(query, document):
    """A document matches when every folded word of the query is among its folded tokens."""
    return set(folded_tokens(query)) <= set(folded_tokens(document))


def exact_hits(query, document):
    """How many exact (accented) query tokens the document holds: the ranking signal."""
    return len(set(tokens(query)) & set(tokens(document)))


# --- normalize: one tone placement ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("thuý", "thúy"),
        ("thúy", "thúy"),
        ("khoẻ", "khỏe"),
        ("khỏe", "khỏe"),
        ("Thuỷ Xuân", "Thủy Xuân"),
        ("Thủy Xuân", "Thủy Xuân"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("Cộng hoà xã hội chủ nghĩa", "Cộng hòa xã hội chủ nghĩa"),
        ("xoá bỏ", "xóa bỏ"),
        ("hoá đơn", "hóa đơn"),
        ("tuỳ", "tùy"),
        ("goá", "góa"),
        # qu and gi are initials: the tone belongs on the vowel after them
        ("qúy", "quý"),
        ("QÚY", "QUÝ"),
        ("qùa", "quà"),
        ("gìa", "già"),
        # before a final consonant or glide the tone is on the second vowel in both styles
        ("hòan thành", "hoàn thành"),
        ("Hùynh", "Huỳnh"),
        ("ngòai", "ngoài"),
        ("khủyu", "khuỷu"),
        # a hatted vowel carries the tone
        ("ngừơi", "người"),
        ("tíêng", "tiếng"),
        ("thủơ", "thuở"),
        ("âý", "ấy"),
        ("nghiã", "nghĩa"),
    ],
)
def test_normalize_places_tone_marks_one_way(written, canonical):
    assert normalize(written) == canonical


WELL_PLACED = ["quý", "Quỳnh", "quyết", "quà", "già", "gìn", "giá", "kìa", "của", "người", "hoàng", "toán", "ngoài", "khuỷu"]


@pytest.mark.parametrize("word", [*WELL_PLACED, "Nguyễn", "thuở"])
def test_normalize_leaves_well_placed_tones_alone(word):
    assert normalize(word) == word


def test_normalize_composes_decomposed_input():
    text = "Quyết định thu hồi đất phường Thủy Xuân"
    assert nfd(text) != text
    assert normalize(nfd(text)) == text
    assert normalize(nfd("Thuỷ Xuân")) == "Thủy Xuân"


def test_normalize_composes_combining_tones_from_old_keyboards():
    assert normalize("ô\u0301ng") == "ống"  # precomposed hat + combining tone (Unicode tổ hợp)
    assert normalize("o\u0301\u0302ng") == "ống"  # tone typed before the hat
    assert normalize("a\u0341") == "á"  # deprecated acute tone mark
    assert normalize("u\u031b\u0300") == "ừ"


def test_normalize_unifies_lookalikes_and_whitespace():
    assert normalize("\u00d0ồng Nai") == "Đồng Nai"  # eth, not Đ
    assert normalize("123/QĐ\u2011UBND") == "123/QĐ-UBND"  # Word's non-breaking hyphen
    assert normalize("Quyết\u00a0định\u200b \t\n  số") == "Quyết định số"
    assert normalize("tr\u00adích yếu") == "trích yếu"  # soft hyphen


def test_normalize_is_idempotent():
    random.seed(20261126)
    alphabet = "aăâeêioôơuưy" + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ" + "qgnhtcÐ\u0301\u0302 -/"
    samples = ["".join(random.choice(alphabet) for _ in range(random.randint(1, 8))) for _ in range(5000)]
    samples += ["Thuỷ Xuân hoà", "ngừơì", "QÙA GÌA", nfd("Quyết định")]
    for text in samples:
        once = normalize(text)
        assert normalize(once) == once, text


# --- fold ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đồng Nai", "dong nai"),
        ("ĐỒNG  NAI", "dong nai"),
        ("đ", "d"),
        ("\u00d0à Nẵng", "da nang"),
        ("Quyết định thu hồi đất phường Thủy Xuân", "quyet dinh thu hoi dat phuong thuy xuan"),
        ("Thuỷ Xuân", "thuy xuan"),
        ("hoà hòa", "hoa hoa"),
        ("Hello  World", "hello world"),
        ("", ""),
    ],
)
def test_fold_removes_every_diacritic_including_d_bar(text, folded):
    assert fold(text) == folded
    assert fold(nfd(text)) == folded


def test_core_text_fold_is_the_same_function():
    for text in ["Đồng Nai", nfd("Thuỷ Xuân"), "Sở Xây dựng", "ÐÀ"]:
        assert core_fold(text) == fold(text)


# --- tokens --------------------------------------------------------------------------------------
def test_words_keep_order_accents_and_lower_case():
    assert tokens("Quyết định thu hồi đất phường Thuỷ Xuân") == ["quyết", "định", "thu", "hồi", "đất", "phường", "thủy", "xuân"]
    assert folded_tokens("Đồng Nai") == ["dong", "nai"]


def test_unaccented_query_matches_and_accents_rank():
    document = "Quyết định thu hồi đất phường Thuỷ Xuân"
    assert matches("quyet dinh thu hoi dat phuong thuy xuan", document)
    assert matches("Thủy Xuân", document) and matches("thuy xuan", document)
    assert not matches("thu hoi dat phuong an cuu", document)
    # folding alone makes "hải quan" match "hai quận"; the exact tokens tell them apart
    customs, district = "Cục hải quan", "Ủy ban nhân dân hai quận"
    assert matches("hải quan", customs) and matches("hải quan", district)
    assert exact_hits("hải quan", customs) > exact_hits("hải quan", district)


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("123/QĐ-UBND", ["123", "qđ", "ubnd", "123qđubnd", "qđubnd"]),
        ("số 123/QĐ-UBND", ["số", "123", "qđ", "ubnd", "123qđubnd", "qđubnd"]),
        ("12/2026/QĐ-UBND", ["12", "2026", "qđ", "ubnd", "122026qđubnd", "qđubnd"]),
        ("05/UBND-VP", ["5", "ubnd", "vp", "5ubndvp", "ubndvp"]),
        ("125/SXD-QLXD", ["125", "sxd", "qlxd", "125sxdqlxd", "sxdqlxd"]),
        ("qđ-ubnd 123", ["qđ", "ubnd", "123", "qđubnd", "123qđubnd"]),
        ("123 qd-ubnd", ["123", "qd", "ubnd", "qdubnd", "123qdubnd"]),
        ("123 qd ubnd", ["123", "qd", "ubnd"]),
        ("123 / QĐ\u2011UBND", ["123", "qđ", "ubnd", "123qđubnd", "qđubnd"]),
        ("ngày 15/3/2026", ["ngày", "15", "3", "2026"]),  # a date is no symbol
    ],
)
def test_symbol_tokens(symbol, expected):
    assert tokens(symbol) == expected


@pytest.mark.parametrize("query", ["123/QĐ-UBND", "123 qd ubnd", "123 qd-ubnd", "qđ-ubnd 123", "số 123/QĐ-UBND", "123/qd-ubnd"])
def test_every_way_of_typing_a_symbol_finds_the_document(query):
    document = "Quyết định số 123/QĐ-UBND về việc thu hồi đất"
    assert matches(query, document)
    assert not matches(query, "Quyết định số 124/QĐ-UBND về việc thu hồi đất")


def test_exact_symbol_ranks_above_loose_forms():
    document = "Công văn số 05/UBND-VP"
    other = "Công văn số 5 của UBND gửi VP Sở"
    assert matches("5 ubnd vp", document) and matches("5 ubnd vp", other)
    assert exact_hits("05/UBND-VP", document) > exact_hits("05/UBND-VP", other)
    assert exact_hits("123/QĐ-UBND", "123/QĐ-UBND") > exact_hits("123 qd ubnd", "123/QĐ-UBND")


SYNTAX = [
    *["AND", "OR", "NOT", "NEAR", '"', "*", ":", "(", ")"],
    '"quyết định',
    "thu hồi*",
    "subject:abc",
    "(a OR b) AND c",
    "a -b +c ^2 ~1 {x} [y] \\ ' ` | & !",
]


@pytest.mark.parametrize("query", SYNTAX)
def test_syntax_characters_never_reach_a_token(query):
    exact, folded = analyze(query)
    for token in exact + folded:
        assert re.fullmatch(r"[^\W_]+", token), token
        assert token == token.lower()
    assert not {"AND", "OR", "NOT", "NEAR"} & set(exact + folded)


def test_pure_punctuation_gives_no_tokens():
    for query in ['"', "*", ":", "(", ")", '"()*:"', " - / ", ""]:
        assert analyze(query) == ([], [])


def test_empty_and_long_input():
    assert normalize("") == "" and fold("") == ""
    assert tokens("") == [] and folded_tokens("") == []
    long_text = ("Quyết định số 123/QĐ-UBND thu hồi đất phường Thuỷ Xuân. " * 200)[:10_000]
    exact, folded = analyze(long_text)
    assert len(exact) == len(folded) > 1000
    assert tokens("ạ" * 10_000) == ["ạ" * MAX_TOKEN_LENGTH]


@pytest.mark.parametrize(
    "hostile",
    ["1/" * 5000, "1" * 5000 + "/" + "a" * 5000, "ab" * 5000 + "-", "1 / " * 2500, "0" * 5000 + "a"]
    + ["a" * 9999 + "é", "ó" * 10_000, "-a" * 5000],
)
def test_hostile_input_stays_fast(hostile):
    started = time.perf_counter()
    analyze(hostile)
    assert time.perf_counter() - started < 0.5  # a quadratic regex takes seconds here


# --- legacy encodings ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("QuyÕt ®Þnh", "Quyết định"),
        ("B¶o Th¾ng", "Bảo Thắng"),
        ("M\xadêng Kh\xad¬ng", "Mường Khương"),  # ư is 0xAD, the soft hyphen
        ("Sè 123/Q§-UBND", "Số 123/QĐ-UBND"),
        ("QUYÕT ®ÞNH", "QUYẾT ĐỊNH"),  # .VnTimeH capitals use the lower-case codes
    ],
)
def test_tcvn3_to_unicode(legacy, unicode):
    assert detect_legacy(legacy) == "tcvn3"
    assert repair(legacy) == from_legacy(legacy, "tcvn3") == unicode


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Quyeát ñònh", "Quyết định"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("ngöôøi", "người"),
        ("Ñoàng Nai", "Đồng Nai"),
        ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
    ],
)
def test_vni_to_unicode(legacy, unicode):
    assert detect_legacy(legacy) == "vni"
    assert repair(legacy) == from_legacy(legacy, "vni") == unicode


def test_unicode_to_legacy():
    assert to_legacy("Quyết định", "tcvn3") == "QuyÕt ®Þnh"
    assert to_legacy("Xin chào các bạn", "vni") == "Xin chaøo caùc baïn"
    with pytest.raises(ValueError):
        to_legacy("x", "viscii")


TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
ALL_LETTERS = "".join(sorted({unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in TONES} | {"đ"}))


def test_round_trip_every_vietnamese_letter():
    assert len(ALL_LETTERS) == 73
    assert from_legacy(to_legacy(ALL_LETTERS, "tcvn3"), "tcvn3") == ALL_LETTERS
    for letters in (ALL_LETTERS, ALL_LETTERS.upper()):
        assert from_legacy(to_legacy(letters, "vni"), "vni") == letters


SENTENCES = [
    "Quyết định về việc thu hồi đất phường Thủy Xuân, thành phố Huế",
    "Công văn số 05/UBND-VP gửi Sở Xây dựng tỉnh Đồng Nai",
    "Kế hoạch tổ chức hội nghị tổng kết công tác năm 2026",
    "Nguyễn Thị Hương, Trưởng phòng Quản lý đô thị",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_pasted_legacy_text_is_detected_and_repaired(sentence):
    assert repair(to_legacy(sentence, "vni")) == sentence
    lower = sentence.lower()
    assert repair(to_legacy(lower, "tcvn3")) == lower
    assert tokens(to_legacy(sentence, "vni")) == tokens(sentence)
    assert tokens(to_legacy(lower, "tcvn3")) == tokens(sentence)


@pytest.mark.parametrize(
    "text",
    [
        "The quick brown fox jumps over the lazy dog",
        "Café, naïve résumé",
        "Müller, Straße, Über Äpfel",
        "São Paulo, El niño está aquí",
        "Où est la gare? À bientôt",
        "25°C, © 2026, ½ cup, Ångström",
        "chào các bạn",  # real Unicode Vietnamese made only of Latin-1 letters
        "Tô Hà",
        "Quyết định thu hồi đất",
        nfd("Quyết định thu hồi đất"),
    ],
)
def test_repair_leaves_unicode_and_other_languages_alone(text):
    assert detect_legacy(text) is None
    assert repair(text) == text


@pytest.mark.parametrize("word", ["quyết", "định", "người", "khuya", "Nguyễn", "giữa", "gì", "học", "quốc", "thủy", "hòa", "hoà"])
def test_syllable_check_accepts_vietnamese(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["quyeát", "ñònh", "café", "müller", "cảc", "thúýt", "chỔo"])
def test_syllable_check_rejects_the_rest(word):
    assert not is_syllable(word)


def test_fold_aligned_keeps_positions_or_declines():
    from eoffice.search import vntext

    assert vntext.fold_aligned("Thủy Xuân, Đồng Nai") == "thuy xuan, dong nai"
    assert vntext.fold_aligned(unicodedata.normalize("NFD", "Thủy")) is None

import unicodedata

from eoffice.search.snippets import WINDOW, body_snippet, highlight, mentions


def test_words_are_marked_in_place_and_the_text_escaped():
    html = str(highlight("Về việc <b>thu hồi</b> đất phường Thủy Xuân", {"thu", "hoi", "thuy"}))
    assert html == "Về việc &lt;b&gt;<mark>thu</mark> <mark>hồi</mark>&lt;/b&gt; đất phường <mark>Thủy</mark> Xuân"


def test_a_long_text_is_cut_around_the_first_match():
    text = "mở đầu " * 200 + "kết luận về thu hồi đất " + "phần cuối " * 200
    html = str(highlight(text, {"thu", "hoi", "dat"}, window=120))
    assert html.startswith("… ") and html.endswith(" …") and "<mark>thu</mark> <mark>hồi</mark> <mark>đất</mark>" in html
    assert len(html) < 400 and mentions(text, {"dat"}) and not mentions(text, {"xuan"})


def test_every_spelling_that_folds_to_a_query_word_is_marked_and_only_whole_words():
    html = str(highlight("ĐỒNG NAI, Đồng Nai, dong-nai; Đồngnai và Hoà hòa HOÀ", {"dong", "nai", "hoa"}))
    marked = "<mark>ĐỒNG</mark> <mark>NAI</mark>, <mark>Đồng</mark> <mark>Nai</mark>, <mark>dong</mark>-<mark>nai</mark>; Đồngnai"
    assert html == marked + " và <mark>Hoà</mark> <mark>hòa</mark> <mark>HOÀ</mark>"


def test_decomposed_text_is_still_marked():
    decomposed = unicodedata.normalize("NFD", "thu hồi đất")
    assert str(highlight(decomposed, {"hoi"})).count("<mark>") == 1


def test_the_attachment_snippet_is_the_window_around_the_first_word_and_cuts_no_word():
    before = "mở đầu " * 100
    # The window ends right after "đất" of "đấtxyz": a cut word is not a word of the text.
    text = before + "thu" + " " * (WINDOW - WINDOW // 3 - 6) + "đấtxyz hồi"
    snippet = str(body_snippet(text, {"dat", "thu", "hoi"}))
    start = len(before) - WINDOW // 3
    assert snippet == "… " + text[start : len(before)] + "<mark>thu</mark>" + text[len(before) + 3 : start + WINDOW] + " …"
    assert body_snippet("mở đầu " * 5_000 + "thu hồi đất", {"dat"}) == ""  # past SCAN_LIMIT: the heading matched
    assert body_snippet("", {"dat"}) == "" and body_snippet("đất", set()) == ""

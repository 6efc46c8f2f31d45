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


def test_a_word_typed_with_diacritics_marks_that_word_not_the_ones_that_only_fold_alike():
    """Searched as "hoà" (= "hòa"), a letter ranks for its "CỘNG HÒA": the snippet shows that,
    not the "số hóa" before it; where the text has no such spelling every "hoa" is marked."""
    typed = {"hoa": {"hòa"}}
    body = "Việc số hóa còn chậm. " * 3 + "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM, Cộng hòa"
    snippet = str(body_snippet(body, {"hoa"}, typed))
    assert "<mark>HOÀ</mark>" in snippet and "<mark>hòa</mark>" in snippet and "<mark>hóa</mark>" not in snippet
    assert str(highlight("Lễ hội Hoa và hòa giải", {"hoa"}, typed=typed)) == "Lễ hội Hoa và <mark>hòa</mark> giải"
    assert str(highlight("Gia đình văn hóa", {"hoa", "van"}, typed=typed)) == "Gia đình <mark>văn</mark> <mark>hóa</mark>"
    assert "<mark>hóa</mark>" in str(body_snippet("Việc số hóa còn chậm.", {"hoa"}, typed))
    assert str(highlight("Lễ hội Hoa", {"hoa"})) == "Lễ hội <mark>Hoa</mark>"  # typed without diacritics: all

from eoffice.search.snippets import highlight, mentions


def test_words_are_marked_in_place_and_the_text_escaped():
    html = str(highlight("Về việc <b>thu hồi</b> đất phường Thủy Xuân", {"thu", "hoi", "thuy"}))
    assert html == "Về việc &lt;b&gt;<mark>thu</mark> <mark>hồi</mark>&lt;/b&gt; đất phường <mark>Thủy</mark> Xuân"


def test_a_long_text_is_cut_around_the_first_match():
    text = "mở đầu " * 200 + "kết luận về thu hồi đất " + "phần cuối " * 200
    html = str(highlight(text, {"thu", "hoi", "dat"}, window=120))
    assert html.startswith("… ") and html.endswith(" …") and "<mark>thu</mark> <mark>hồi</mark> <mark>đất</mark>" in html
    assert len(html) < 400 and mentions(text, {"dat"}) and not mentions(text, {"xuan"})

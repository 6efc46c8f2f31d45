from django.template import Context, Template
from django.test import RequestFactory


def test_the_pager_keeps_the_filters_and_replaces_the_page():
    request = RequestFactory().get("/van-ban-den/", {"q": "xây dựng", "tab": "all", "page": "2"})
    html = Template("{% load vn %}{% page_url 3 %}").render(Context({"request": request}))
    assert html == "?q=x%C3%A2y+d%E1%BB%B1ng&amp;tab=all&amp;page=3"

"""The statistics page /mot-cua/thong-ke/ (who may see it, periods, groupings,
bars, errors that keep the input, the XLSX) and the API
/api/v1/dossiers/statistics/ (figures, validation in Vietnamese, permissions,
not shadowed by the dossiers router). The clock is frozen at 15/04/2026 09:00."""

import re
from io import BytesIO

import pytest
from django.test import Client
from django.urls import resolve
from openpyxl import load_workbook
from rest_framework.test import APIClient

from eoffice.conftest import person
from eoffice.core.forms import iso_date
from eoffice.core.tests.api_helpers import API, login
from eoffice.onestop.statistics.api import DossierStatisticsView
from eoffice.onestop.statistics.queries import NO_UNIT
from eoffice.onestop.tests.test_statistics import NOW, build_office
from eoffice.organisation.models import Role

pytestmark = pytest.mark.django_db

PAGE, XLSX, STATS_API = "/mot-cua/thong-ke/", "/mot-cua/thong-ke.xlsx", f"{API}/dossiers/statistics/"
MARCH_QUERY = {"period": "custom", "date_from": "01/03/2026", "date_to": "31/03/2026", "group_by": "procedure"}


@pytest.fixture
def office(onestop, clock):
    clock.set(NOW)
    c = build_office(onestop)
    c.admin = person("quantri", c.office, Role.ADMIN, position="Quản trị")
    return c


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# --------------------------------------------------------------------------- who may see it
@pytest.mark.parametrize("who", ["leader", "one_stop", "admin"])
def test_leaders_one_stop_officers_and_administrators_see_the_page(office, who):
    response = client_for(getattr(office, who)).get(PAGE, MARCH_QUERY)
    assert response.status_code == 200
    assert "Thống kê tình hình giải quyết hồ sơ" in text_of(response)


@pytest.mark.parametrize("who", ["clerk", "head", "specialist", "kt_specialist", "outsider"])
def test_everyone_else_gets_403(office, who):
    user = getattr(office, who)
    assert client_for(user).get(PAGE, MARCH_QUERY).status_code == 403
    assert client_for(user).get(XLSX, MARCH_QUERY).status_code == 403


def test_anonymous_is_sent_to_sign_in(office):
    response = Client().get(PAGE)
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


# --------------------------------------------------------------------------- the page
def test_march_by_procedure_shows_the_figures_the_totals_and_the_bars(office):
    response = client_for(office.leader).get(PAGE, MARCH_QUERY)
    page = text_of(response)
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026" in page
    assert "1.009972.000.00.00.H26 Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in page
    assert "1.000894.000.00.00.H26 Đăng ký khai sinh" in page
    total = response.context["total"]
    assert (total.carried_over, total.received, total.resolved, total.pending, total.overdue) == (2, 8, 3, 6, 4)
    # Totals: kỳ trước, mới (trực tuyến), đã giải quyết, trước/đúng/quá hạn, từ chối, rút, đang, trong hạn, quá hạn, tỉ lệ.
    assert "Tổng cộng 2 8 (1) 3 1 1 1 1 0 6 2 4 66,7%" in page
    html = response.content.decode()
    # CSS bars (forms.js turns data-width into the width: no inline style under the CSP),
    # widths with a decimal point whatever the locale; no chart library, nothing from another site.
    widths = re.findall(r'class="bar-[a-z-]+" data-width="([0-9.]+)"', html)
    assert widths and all(0 < float(w) <= 100 for w in widths)
    # Bars in plain HTML, no chart script from elsewhere (a random CSRF token may spell "cdn").
    assert "<canvas" not in html and not re.search(r'(src|href)="(https?:)?//', html)


def test_the_bars_are_scaled_to_the_largest_row(office):
    response = client_for(office.leader).get(PAGE, MARCH_QUERY)
    (building, building_bars), (birth, birth_bars) = response.context["groups"]
    assert building.handled == 7 and birth.handled == 3
    assert sum(float(s["width"]) for s in building_bars) == pytest.approx(100, abs=0.05)
    assert sum(float(s["width"]) for s in birth_bars) == pytest.approx(300 / 7, abs=0.05)
    assert [s["css"] for s in birth_bars] == ["bar-on-time", "bar-pending", "bar-overdue"]


def test_without_a_query_this_month_by_procedure(office):
    response = client_for(office.one_stop).get(PAGE)
    assert response.status_code == 200
    assert (response.context["start"].isoformat(), response.context["end"].isoformat()) == ("2026-04-01", "2026-04-30")
    assert response.context["group_by"] == "procedure"
    assert response.context["total"].received == 1  # D, received at 00:00 on 1 April


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [("quarter", "2026-04-01", "2026-06-30"), ("year", "2026-01-01", "2026-12-31"), ("month", "2026-04-01", "2026-04-30")],
)
def test_preset_periods_around_today(office, period, start, end):
    response = client_for(office.leader).get(PAGE, {"period": period, "group_by": "field"})
    assert (response.context["start"].isoformat(), response.context["end"].isoformat()) == (start, end)


def test_by_unit_the_page_says_how_dossiers_are_counted(office):
    response = client_for(office.leader).get(PAGE, {**MARCH_QUERY, "group_by": "unit"})
    page = text_of(response)
    assert "mỗi hồ sơ được tính cho mọi đơn vị có bước xử lý" in page
    assert "Bộ phận Một cửa" in page and NO_UNIT in page


def test_only_the_totals(office):
    response = client_for(office.leader).get(PAGE, {**MARCH_QUERY, "group_by": "none"})
    assert response.context["groups"] == [] and response.context["total"].received == 8


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "", "date_to": "31/03/2026"}, "Từ ngày: Cần nhập ngày theo dạng dd/mm/yyyy khi chọn kỳ tùy chọn."),
        ({"date_from": "31/02/2026"}, "Từ ngày: Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy"),
        ({"date_from": "01/04/2026"}, "Ngày bắt đầu (01/04/2026) phải trước hoặc trùng ngày kết thúc (31/03/2026)."),
        ({"date_from": "01/03/2020"}, "Khoảng thời gian thống kê tối đa 5 năm"),
    ],
)
def test_bad_input_is_explained_and_kept(office, query, message):
    response = client_for(office.leader).get(PAGE, {**MARCH_QUERY, **query})
    assert response.status_code == 200 and response.context["rows"] is None
    page, html = text_of(response), response.content.decode()
    assert message in page
    assert f'value="{iso_date(query["date_from"]) or query["date_from"]}"' in html  # the user's input stays in the form
    assert "Tổng cộng" not in page


# --------------------------------------------------------------------------- the workbook
def test_the_xlsx_is_the_table_of_the_page(office):
    response = client_for(office.leader).get(XLSX, MARCH_QUERY)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="thong-ke-ho-so-20260301-20260331.xlsx"'
    lines = [list(row) for row in load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert lines[1][0] == "Từ ngày 01/03/2026 đến ngày 31/03/2026; theo thủ tục"
    assert lines[2][:3] == ["STT", "Thủ tục", "Mã"]
    assert [line[:3] for line in lines[4:]] == [
        [1, "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "1.009972.000.00.00.H26"],
        [2, "Đăng ký khai sinh", "1.000894.000.00.00.H26"],
        [None, "Tổng cộng", None],
    ]
    assert lines[-1][3:] == [2, 8, 1, 3, 1, 1, 1, 1, 0, 6, 2, 4, 66.7]


def test_the_xlsx_of_a_bad_query_is_the_page_with_its_error(office):
    response = client_for(office.leader).get(XLSX, {**MARCH_QUERY, "date_from": "01/04/2026"})
    assert response.status_code == 400
    assert "phải trước hoặc trùng ngày kết thúc" in text_of(response)


# --------------------------------------------------------------------------- the API
def test_the_api_path_is_not_shadowed_by_the_dossiers_router():
    assert resolve("/api/v1/dossiers/statistics/").func.view_class is DossierStatisticsView


def test_the_api_gives_the_rows_and_the_totals(office):
    response = login("chanhvp").get(STATS_API, {"start": "2026-03-01", "end": "2026-03-31", "group_by": "procedure"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["start"], data["end"], data["group_by"]) == ("2026-03-01", "2026-03-31", "procedure")
    assert [(r["code"], r["received"]) for r in data["rows"]] == [("1.009972.000.00.00.H26", 5), ("1.000894.000.00.00.H26", 3)]
    assert data["rows"][0]["key"] == office.procedure.pk
    assert data["total"] == {
        "key": None,
        "code": "",
        "label": "Tổng cộng",
        "carried_over": 2,
        "received": 8,
        "received_online": 1,
        "resolved": 3,
        "early": 1,
        "on_time": 1,
        "late": 1,
        "refused": 1,
        "withdrawn": 0,
        "pending": 6,
        "pending_in_time": 2,
        "overdue": 4,
        "on_time_rate": 66.7,
    }


def test_the_api_by_unit_and_without_grouping(office):
    client = login("motcua")
    by_unit = client.get(STATS_API, {"start": "2026-03-01", "end": "2026-03-31", "group_by": "unit"}).json()
    assert [r["label"] for r in by_unit["rows"]] == ["Bộ phận Một cửa", "Phòng Kinh tế", "Phòng Tổng hợp", NO_UNIT]
    plain = client.get(STATS_API, {"start": "2026-04-01", "end": "2026-04-30"}).json()
    assert plain["rows"] == [] and plain["group_by"] is None and plain["total"]["overdue"] == 3


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"end": "2026-03-31"}, "start", "Cần tham số start (ngày bắt đầu), dạng YYYY-MM-DD."),
        ({"start": "2026-02-30", "end": "2026-03-31"}, "start", "Ngày bắt đầu “2026-02-30” không hợp lệ"),
        ({"start": "2026-03-01", "end": "31/03/2026"}, "end", "Ngày kết thúc “31/03/2026” không hợp lệ"),
        ({"start": "20260301", "end": "2026-03-31"}, "start", "Ngày bắt đầu “20260301” không hợp lệ"),
        ({"start": "2026-04-01", "end": "2026-03-31"}, "start", "Ngày bắt đầu (01/04/2026) phải trước hoặc trùng ngày kết thúc"),
        ({"start": "2020-01-01", "end": "2026-03-31"}, "end", "Khoảng thời gian thống kê tối đa 5 năm"),
        ({"start": "2026-03-01", "end": "2026-03-31", "group_by": "person"}, "group_by", "Cách nhóm “person” không hợp lệ"),
    ],
)
def test_the_api_refuses_bad_input_in_vietnamese(office, params, field, message):
    response = login("chanhvp").get(STATS_API, params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and message in error["message"] and field in error["fields"]


def test_the_api_is_for_the_same_people_as_the_page(office):
    response = login("vanthu").get(STATS_API, {"start": "2026-03-01", "end": "2026-03-31"})
    assert response.status_code == 403
    assert response.json()["error"]["message"].startswith("Chỉ lãnh đạo, cán bộ Bộ phận một cửa và quản trị")
    assert APIClient().get(STATS_API, {"start": "2026-03-01", "end": "2026-03-31"}).status_code == 401
    assert login("quantri").get(STATS_API, {"start": "2026-03-01", "end": "2026-03-31"}).status_code == 200

from portail_famille.domain.chart import HEIGHT, PAD_LEFT, PAD_Y, WIDTH, chart_points, polyline
from portail_famille.domain.masking import mask_account


def test_marks_spread_left_to_right_and_higher_is_higher() -> None:
    points = chart_points([50.0, 100.0, 0.0])
    assert [p.x for p in points] == [PAD_LEFT, (PAD_LEFT + WIDTH - 12) / 2, WIDTH - 12]
    assert points[1].y == PAD_Y and points[2].y == HEIGHT - PAD_Y
    assert points[0].y == (HEIGHT) / 2
    assert polyline(points) == "32.0,80.0 170.0,12.0 308.0,148.0"


def test_one_mark_sits_in_the_middle_and_none_draws_nothing() -> None:
    assert len(chart_points([70.0])) == 1
    assert chart_points([]) == []


def test_out_of_range_marks_stay_inside_the_chart() -> None:
    assert chart_points([120.0, -5.0])[0].y == PAD_Y


def test_only_the_last_four_characters_of_an_account_show() -> None:
    assert mask_account("FR76 3000 6000 0112 3456 7890 189") == "•••• 0189"
    assert "3000" not in mask_account("FR76 3000 6000 0112 3456 7890 189")
    assert mask_account("123") == "••••"

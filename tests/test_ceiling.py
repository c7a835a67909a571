import math

import pytest
import torch

from quadnet import QUADRANT_CENTERS, MyNet, accuracy, bayes_accuracy, \
    forward, near_axes, quadrant_rule, stripes_accuracy, train


def test_bayes_accuracy_is_phi_2_squared_for_std_half():
    phi_2 = 0.9772498680518208  # standard normal CDF at 2
    assert bayes_accuracy(0.5) == pytest.approx(phi_2 ** 2, rel=1e-12)
    assert bayes_accuracy() == bayes_accuracy(0.5)


@pytest.mark.parametrize("std", [0.5, 1.0])
def test_bayes_accuracy_agrees_with_monte_carlo_within_3_standard_errors(
        std):
    n = 200_000
    gen = torch.Generator().manual_seed(1)
    y = torch.randint(4, (n,), generator=gen)
    centers = torch.tensor(QUADRANT_CENTERS)
    X = centers[y] + std * torch.randn(n, 2, generator=gen)
    estimate = (quadrant_rule(X) == y).double().mean().item()
    p = bayes_accuracy(std)
    assert abs(estimate - p) < 3 * math.sqrt(p * (1 - p) / n)


def test_quadrant_rule_picks_the_nearest_quadrant_center():
    gen = torch.Generator().manual_seed(0)
    X = 3 * torch.randn(1000, 2, generator=gen)
    nearest = torch.cdist(X, torch.tensor(QUADRANT_CENTERS)).argmin(dim=1)
    assert torch.equal(quadrant_rule(X), nearest)


def test_quadrant_rule_reaches_765_of_800_on_the_chapters_data(data):
    X, y = data
    labels = quadrant_rule(X)
    assert labels.dtype == torch.int64 and labels.shape == (800,)
    assert (labels == y).sum().item() == 765


def test_network_is_within_a_point_of_the_quadrant_rule_and_ceiling(
        data, scratch_trained):
    # "三者相差不到一个百分点" / "all three within a percentage point"
    X, y = data
    W1, b1, W2, b2, W3, b3 = scratch_trained[1]
    with torch.no_grad():
        net_acc = accuracy(forward(X, W1, W2, W3, b1, b2, b3), y)
    rule_acc = (quadrant_rule(X) == y).float().mean().item()
    assert abs(net_acc - bayes_accuracy()) < 0.01
    assert abs(rule_acc - bayes_accuracy()) < 0.01


def test_most_misclassified_points_lie_near_the_axes(data, scratch_trained):
    X, y = data
    W1, b1, W2, b2, W3, b3 = scratch_trained[1]
    with torch.no_grad():
        wrong = forward(X, W1, W2, W3, b1, b2, b3).argmax(dim=1) != y
    near = near_axes(X, 0.5)
    assert near[wrong].float().mean() > 0.85  # 32 of the 36 errors
    assert near.float().mean() < 0.35  # but only 238 of all 800 points


def test_near_axes_uses_the_distance_to_the_nearer_axis():
    X = torch.tensor([[0.49, 5.], [5., -0.49], [0.51, -0.51], [0., 0.]])
    assert near_axes(X).tolist() == [True, True, False, True]
    assert near_axes(X, margin=0.6).tolist() == [True, True, True, True]


@pytest.mark.parametrize("std, error, match", [
    (0, ValueError, "std must be positive and finite, got 0"),
    (-0.5, ValueError, "std must be positive and finite, got -0.5"),
    (math.inf, ValueError, "std must be positive and finite, got inf"),
    ("0.5", TypeError, "std must be a number, got str '0.5'"),
])
def test_bayes_accuracy_rejects_bad_std_naming_it(std, error, match):
    with pytest.raises(error, match=match):
        bayes_accuracy(std)


@pytest.mark.parametrize("X, error, match", [
    (torch.zeros(5, 3), ValueError,
     r"X must have shape \(n, 2\), got \(5, 3\)"),
    (torch.zeros(5), ValueError, r"X must have shape \(n, 2\), got \(5,\)"),
    ([[1.0, 1.0]], AttributeError, "'list' object has no attribute"),
])
def test_quadrant_rule_and_near_axes_reject_bad_X_naming_it(X, error,
                                                             match):
    # an X of 3 columns would pass silently: only the first two are read
    for f in (quadrant_rule, near_axes):
        with pytest.raises(error, match=match):
            f(X)


def test_near_axes_rejects_non_positive_margin():
    with pytest.raises(ValueError, match="margin must be positive .*got 0"):
        near_axes(torch.zeros(2, 2), margin=0)


def test_autograd_net_learns_the_quadrant_rule_where_the_data_are(
        data, scratch_trained):
    # "决策区域和四个象限几乎重合" / "almost coincide with the quadrants"
    X, _ = data
    W1, b1, W2, b2, W3, b3 = scratch_trained[1]
    g = torch.linspace(-2, 2, 101)
    grid = torch.cartesian_prod(g, g)
    with torch.no_grad():
        on_data = forward(X, W1, W2, W3, b1, b2, b3).argmax(dim=1)
        on_grid = forward(grid, W1, W2, W3, b1, b2, b3).argmax(dim=1)
    assert (on_data == quadrant_rule(X)).sum().item() == 793  # of 800
    assert (on_grid == quadrant_rule(grid)).float().mean() > 0.95


def test_mynet_2_10_4_decision_regions_are_close_to_the_quadrants(
        data, mynet_trained):
    X, _ = data
    with torch.no_grad():
        agree = (mynet_trained(X).argmax(dim=1)
                 == quadrant_rule(X)).float().mean()
    assert agree > 0.98


def test_bayes_accuracy_is_exactly_1_for_a_tiny_std():
    assert bayes_accuracy(0.01) == 1.0


def test_best_stripes_reach_three_quarters_far_above_what_sgd_found(data, Y):
    # exercise 3: 48% is not the limit of parallel stripes
    X, y = data
    best = max(stripes_accuracy(X, y, angle) for angle in range(180))
    assert 0.74 < best < 0.76
    torch.manual_seed(0)
    net = MyNet([2, 1, 4])
    train(net, X, Y, num_epochs=2000)
    assert accuracy(net(X), y) < 0.5 < best


def test_best_stripes_lie_where_the_four_centers_project_apart(data):
    # exercise 3: not the diagonal (45 degrees), where the centers of
    # classes 1 and 3 project onto the same point, but about 119 degrees,
    # where the four centers project in the order 3, 2, 0, 1
    X, y = data
    accs = [stripes_accuracy(X, y, angle) for angle in range(180)]
    best_angle = accs.index(max(accs))
    assert best_angle == 119
    assert accs[45] < max(accs) - 0.05
    theta = math.radians(best_angle)
    along = torch.tensor(QUADRANT_CENTERS) @ torch.tensor(
        [math.cos(theta), math.sin(theta)])
    assert along.argsort().tolist() == [3, 2, 0, 1]
    diagonal = torch.tensor(QUADRANT_CENTERS) @ torch.tensor([1.0, 1.0])
    assert diagonal[1] == diagonal[3]
    # near 116.6 degrees (tan = -2) the four projections are evenly spaced
    even = torch.tensor(QUADRANT_CENTERS) @ torch.tensor([-1.0, 2.0])
    gaps = even.sort().values.diff()
    torch.testing.assert_close(gaps, gaps[:1].expand(3))
    assert even.argsort().tolist() == [3, 2, 0, 1]
    assert abs(math.degrees(math.atan2(2, -1)) - best_angle) < 3


def test_stripes_never_beat_the_quadrant_rule(data):
    X, y = data
    assert max(stripes_accuracy(X, y, angle) for angle in range(0, 180, 5)) < (
        quadrant_rule(X) == y).float().mean().item()


def test_stripes_reject_a_fifth_class():
    with pytest.raises(ValueError, match=r"\[0, 4\), got 4"):
        stripes_accuracy(torch.zeros(2, 2), torch.tensor([0, 4]), angle=0)


def test_some_errors_of_the_network_lie_in_their_own_quadrant(
        data, scratch_trained):
    # "任何分类规则都无法把它们分对" is false: the split is glued in the book
    X, y = data
    W1, b1, W2, b2, W3, b3 = scratch_trained[1]
    with torch.no_grad():
        pred = forward(X, W1, W2, W3, b1, b2, b3).argmax(dim=1)
    wrong, crossed = pred != y, quadrant_rule(X) != y
    assert (wrong & ~crossed).sum() > 0  # wrong, yet in its own quadrant
    assert (~wrong & crossed).sum() > 0  # right, yet across a border
    assert (wrong & crossed).sum() > (wrong & ~crossed).sum()


def test_on_new_data_the_rule_meets_the_ceiling_and_the_net_stays_below(
        new_data, scratch_trained):
    # the held-out paragraph: rule within 1 standard error, net below
    X, y = new_data
    n, ceiling = len(y), bayes_accuracy(0.5)
    se = math.sqrt(ceiling * (1 - ceiling) / n)
    rule = (quadrant_rule(X) == y).double().mean().item()
    W1, b1, W2, b2, W3, b3 = scratch_trained[1]
    with torch.no_grad():
        net = accuracy(forward(X, W1, W2, W3, b1, b2, b3), y)
    assert abs(rule - ceiling) < se
    assert net < ceiling - 2 * se

import pytest
import torch

from quadnet import QUADRANT_CENTERS, make_quadrants, one_hot


def original_quadrants():
    """The original notebook's code, kept verbatim as the reference."""
    torch.manual_seed(0)
    N, var = 200, 0.5
    x1 = torch.randn(N, 1) * var + 1
    y1 = torch.randn(N, 1) * var + 1
    l1 = torch.randn(N, 1) * 0 + 0
    x3 = torch.randn(N, 1) * var - 1
    y3 = torch.randn(N, 1) * var + 1
    l3 = torch.randn(N, 1) * 0 + 1
    x4 = torch.randn(N, 1) * var - 1
    y4 = torch.randn(N, 1) * var - 1
    l4 = torch.randn(N, 1) * 0 + 2
    x2 = torch.randn(N, 1) * var + 1
    y2 = torch.randn(N, 1) * var - 1
    l2 = torch.randn(N, 1) * 0 + 3
    X = torch.cat((torch.cat((x1, x2, x3, x4)),
                   torch.cat((y1, y2, y3, y4))), dim=1)
    y = torch.cat((l1, l2, l3, l4))
    idx = torch.randperm(800)
    X = X[idx, :]
    y = y[idx, :].flatten()
    return X, y


def test_make_quadrants_shapes_and_dtypes(data):
    X, y = data
    assert X.shape == (800, 2) and X.dtype == torch.float32
    assert y.shape == (800,) and y.dtype == torch.int64


def test_make_quadrants_has_200_points_per_class(data):
    assert data[1].bincount().tolist() == [200, 200, 200, 200]


@pytest.mark.parametrize("k", range(4))
def test_class_k_is_centred_on_its_quadrant(data, k):
    X, y = data
    mean = X[y == k].mean(dim=0)
    torch.testing.assert_close(mean, torch.tensor(QUADRANT_CENTERS[k]),
                               rtol=0, atol=0.1)


def test_make_quadrants_reproduces_original_notebook_bitwise(data):
    X_ref, y_ref = original_quadrants()
    X, y = data
    assert torch.equal(X, X_ref)
    assert torch.equal(y, y_ref.long())
    assert torch.equal(y.float(), y_ref)  # the original's labels are floats


def test_make_quadrants_leaves_global_rng_alone():
    torch.manual_seed(123)
    state = torch.get_rng_state()
    make_quadrants(seed=7)
    assert torch.equal(torch.get_rng_state(), state)


def test_different_seeds_give_different_data():
    X0, y0 = make_quadrants(seed=0)
    X1, y1 = make_quadrants(seed=1)
    assert not torch.equal(X0, X1)
    assert not torch.equal(y0, y1)


def test_one_hot_agrees_with_torch_one_hot(data, Y):
    expected = torch.nn.functional.one_hot(data[1], 4).float()
    torch.testing.assert_close(Y, expected)


def test_one_hot_accepts_whole_number_float_labels():
    expected = torch.tensor([[1., 0., 0.], [0., 0., 1.], [0., 1., 0.]])
    assert torch.equal(one_hot(torch.tensor([0., 2., 1.]), 3), expected)


@pytest.mark.parametrize("y, K, match", [
    (torch.tensor([0, 1]), 0, r"\[0, K\) = \[0, 0\), got 0"),
    (torch.tensor([-1, 0]), 4, r"\[0, K\) = \[0, 4\), got -1"),
    (torch.tensor([0, 4]), 4, r"\[0, K\) = \[0, 4\), got 4"),
    (torch.tensor([0., 0.5]), 4, "y must hold whole numbers .*got 0.5"),
])
def test_one_hot_rejects_labels_that_are_not_whole_numbers_in_0_to_K(
        y, K, match):
    # without the check -1 would mark the last class and 0.5 the first
    with pytest.raises(ValueError, match=match):
        one_hot(y, K)


@pytest.mark.parametrize("y, K, error, match", [
    (torch.tensor([0, 1]), 2.5, TypeError, "type must be tuple of ints,"
     "but got float"),
    ([0, 1], 4, AttributeError, "'list' object has no attribute"),
])
def test_one_hot_leaves_a_wrong_type_to_torchs_own_error(y, K, error, match):
    with pytest.raises(error, match=match):
        one_hot(y, K)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"n_per_class": 0}, ValueError,
     "n_per_class must be positive and finite, got 0"),
    ({"std": 0}, ValueError, "std must be positive and finite, got 0"),
    ({"std": -0.5}, ValueError, "std must be positive and finite, got -0.5"),
    ({"std": float("inf")}, ValueError, "std must be .*finite, got inf"),
    ({"std": "0.5"}, TypeError, "std must be a number, got str '0.5'"),
])
def test_make_quadrants_rejects_bad_input_naming_argument_and_value(
        kwargs, error, match):
    # an empty data set, or a negative or infinite std, would pass silently
    with pytest.raises(error, match=match):
        make_quadrants(**kwargs)


@pytest.mark.parametrize("kwargs, match", [
    ({"seed": "a"}, "manual_seed expected a long, but got str"),
    ({"seed": 1.5}, "manual_seed expected a long, but got float"),
])
def test_make_quadrants_leaves_a_seed_that_is_not_an_int_to_torch(kwargs,
                                                                   match):
    with pytest.raises(RuntimeError, match=match):
        make_quadrants(**kwargs)


def test_make_quadrants_leaves_a_fractional_size_to_torch():
    with pytest.raises(TypeError, match=r"randn\(\) received .*got \(float,"):
        make_quadrants(n_per_class=2.5)

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch
from matplotlib.axes import Axes

from quadnet import plot_data, plot_loss


def test_plot_data_returns_labelled_axes_holding_the_points(data):
    X, y = data
    ax = plot_data(X, y)
    assert isinstance(ax, Axes)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x1", "x2")
    np.testing.assert_array_equal(ax.collections[0].get_offsets(), X.numpy())


def test_plot_loss_returns_labelled_axes_holding_the_losses():
    losses = [2.5, 1.0, 0.5, 0.25]
    ax = plot_loss(losses)
    assert isinstance(ax, Axes)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("epoch", "loss")
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), losses)
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), range(4))


def test_plots_draw_on_the_given_axes():
    _, ax = plt.subplots()
    assert plot_loss([1.0], ax=ax) is ax
    assert plot_data(torch.zeros(2, 2), torch.tensor([0, 1]), ax=ax) is ax


@pytest.mark.parametrize("X", [torch.zeros(3, 3), torch.zeros(3)])
def test_plot_data_rejects_X_of_wrong_shape(X):  # noqa: N802
    with pytest.raises(ValueError, match=r"X must have shape \(n, 2\)"):
        plot_data(X, torch.tensor([0, 1, 2]))


def test_plot_data_rejects_y_of_wrong_length():
    with pytest.raises(ValueError, match=r"y must have shape \(3,\).*\(2,\)"):
        plot_data(torch.zeros(3, 2), torch.tensor([0, 1]))


def test_plot_loss_rejects_empty_losses():
    with pytest.raises(ValueError, match=r"losses must hold .*got \[\]"):
        plot_loss([])

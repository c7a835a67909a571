import io
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import noto_cjk_sans_otc
import numpy as np
import pytest
import torch
from matplotlib.axes import Axes
from matplotlib.font_manager import findfont
from matplotlib.ft2font import FT2Font

from quadnet import MyNet, forward, init_params, plateau_loss, plot_data, \
    plot_decision_regions, plot_errors, plot_loss, plot_network, plot_plateau


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


def test_plot_data_leaves_y_of_wrong_length_to_matplotlibs_error():
    with pytest.raises(ValueError, match="'c' argument has 2 elements, which "
                       "is inconsistent with 'x' and 'y' with size 3"):
        plot_data(torch.zeros(3, 2), torch.tensor([0, 1]))


def test_plot_errors_highlights_exactly_the_misclassified_points():
    X = torch.tensor([[1., 1.], [-1., 1.], [1., -1.], [-1., -1.]])
    y = torch.tensor([0, 1, 3, 2])
    scores = torch.eye(4)[[0, 2, 3, 1]]  # rows 1 and 3 are wrong
    ax = plot_errors(X, y, scores)
    assert isinstance(ax, Axes)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x1", "x2")
    correct, wrong = ax.collections
    np.testing.assert_array_equal(wrong.get_offsets(), X[[1, 3]].numpy())
    np.testing.assert_array_equal(correct.get_offsets(), X[[0, 2]].numpy())
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "correct (2)", "wrong (2)"]


def test_plot_errors_accepts_labels_as_well_as_scores():
    X, y = torch.zeros(3, 2), torch.tensor([0, 1, 2])
    a = plot_errors(X, y, torch.tensor([0, 1, 1]))
    b = plot_errors(X, y, torch.eye(3)[[0, 1, 1]])
    assert len(a.collections[1].get_offsets()) == 1
    assert len(b.collections[1].get_offsets()) == 1


def test_plot_errors_rejects_X_of_wrong_shape():  # noqa: N802
    with pytest.raises(ValueError, match=r"X must have shape \(n, 2\)"):
        plot_errors(torch.zeros(3, 3), torch.tensor([0, 1, 2]),
                    torch.tensor([0, 1, 2]))


def test_plot_errors_rejects_y_hat_of_wrong_shape():
    with pytest.raises(ValueError, match=r"y_hat must have shape \(3, K\)"):
        plot_errors(torch.zeros(3, 2), torch.tensor([0, 1, 2]),
                    torch.zeros(2, 4))


def test_plot_decision_regions_colours_the_argmax_of_the_net(data):
    X, y = data
    torch.manual_seed(0)
    net = MyNet([2, 10, 4])
    ax = plot_decision_regions(net, X, y, resolution=30)
    assert isinstance(ax, Axes)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x1", "x2")
    regions, points = ax.collections
    np.testing.assert_array_equal(regions.levels, [-0.5, 0.5, 1.5, 2.5,
                                                   3.5])
    assert points.get_cmap() is regions.get_cmap()  # same colour per class
    assert points.norm(2) == regions.norm(2)
    np.testing.assert_array_equal(points.get_offsets(), X.numpy())
    assert not any(p.grad is not None for p in net.parameters())


def test_plot_decision_regions_draws_the_quadrants_of_a_sign_net():
    def net(X):  # class of the quadrant, as one-hot scores
        right, up = X[:, 0] >= 0, X[:, 1] >= 0
        k = torch.where(up, torch.where(right, 0, 1),
                        torch.where(right, 3, 2))
        return torch.eye(4)[k]

    X = torch.tensor([[1., 1.], [-1., 1.], [-1., -1.], [1., -1.]])
    ax = plot_decision_regions(net, X, torch.arange(4), resolution=41)
    assert len(ax.collections[0].get_paths()) == 4  # one region per class


@pytest.mark.parametrize("X, error, match", [
    (torch.zeros(3, 3), ValueError, r"X must have shape \(n, 2\)"),
    (np.zeros((3, 2)), AttributeError,
     "'numpy.ndarray' object has no attribute"),
])
def test_plot_decision_regions_rejects_bad_X(X, error, match):
    with pytest.raises(error, match=match):
        plot_decision_regions(lambda X: X, X, torch.tensor([0, 1, 0]))


def test_plot_decision_regions_rejects_a_label_the_net_has_no_score_for():
    with pytest.raises(ValueError, match=r"\[0, 2\), got 2"):
        plot_decision_regions(lambda X: X, torch.zeros(3, 2),
                              torch.tensor([0, 1, 2]))


def test_plot_decision_regions_rejects_a_net_without_class_scores():
    with pytest.raises(ValueError, match=r"net must map .*got shape"):
        plot_decision_regions(lambda X: X.sum(dim=1), torch.zeros(3, 2),
                              torch.tensor([0, 0, 0]))


@pytest.mark.parametrize("resolution", [0, 1])
def test_plot_decision_regions_leaves_a_too_coarse_grid_to_matplotlib(
        resolution):
    with pytest.raises(TypeError, match=r"Input z must be at least a \(2, 2\)"
                       rf" shaped array, but has shape \({resolution},"):
        plot_decision_regions(lambda X: X, torch.zeros(3, 2),
                              torch.tensor([0, 1, 0]), resolution=resolution)


@pytest.mark.parametrize("topology", [[2, 3, 3, 4], [2, 10, 4]])
def test_plot_network_draws_one_circle_per_neuron_in_centred_columns(
        topology):
    ax = plot_network(topology)
    assert isinstance(ax, Axes)
    circles = ax.collections[1].get_offsets()
    assert len(circles) == sum(topology)
    for k, size in enumerate(topology):
        y = circles[circles[:, 0] == k, 1]
        assert len(y) == size
        assert y.mean() == pytest.approx(0)  # centred on the same line


@pytest.mark.parametrize("topology", [[2, 3, 3, 4], [2, 10, 4]])
def test_plot_network_joins_every_neuron_to_every_neuron_of_the_next(
        topology):
    ax = plot_network(topology)
    lines = ax.collections[0].get_segments()
    assert len(lines) == sum(a * b for a, b in zip(topology, topology[1:]))
    circles = {tuple(p) for p in ax.collections[1].get_offsets()}
    assert {tuple(p) for line in lines for p in line} == circles


@pytest.mark.parametrize("topology, texts", [
    ([2, 3, 3, 4], [
        "X\n(n, 2)", "Z1, A1\n(n, 3)", "Z2, A2\n(n, 3)", "Z3, A3\n(n, 4)",
        "W1 (2, 3), b1 (1, 3)\nZ1 = X @ W1 + b1\nA1 = sigmoid(Z1)",
        "W2 (3, 3), b2 (1, 3)\nZ2 = A1 @ W2 + b2\nA2 = sigmoid(Z2)",
        "W3 (3, 4), b3 (1, 4)\nZ3 = A2 @ W3 + b3\nA3 = sigmoid(Z3)"]),
    ([2, 10, 4], [
        "X\n(n, 2)", "Z1, A1\n(n, 10)", "Z2, A2\n(n, 4)",
        "W1 (2, 10), b1 (1, 10)\nZ1 = X @ W1 + b1\nA1 = sigmoid(Z1)",
        "W2 (10, 4), b2 (1, 4)\nZ2 = A1 @ W2 + b2\nA2 = sigmoid(Z2)"]),
])
def test_plot_network_labels_each_parameter_and_activation_with_its_shape(
        topology, texts):
    assert [t.get_text() for t in plot_network(topology).texts] == texts


def test_plot_network_shapes_are_those_of_the_chapters_tensors():
    torch.manual_seed(0)
    W1, b1, W2, b2, W3, b3 = init_params()
    n = 5
    A3 = forward(torch.zeros(n, 2), W1, W2, W3, b1, b2, b3)
    text = "\n".join(t.get_text() for t in plot_network([2, 3, 3, 4]).texts)
    for name, p in zip(["W1", "b1", "W2", "b2", "W3", "b3"],
                       [W1, b1, W2, b2, W3, b3]):
        assert f"{name} {tuple(p.shape)}" in text
    assert f"A3\n(n, {A3.shape[1]})" in text


def test_plot_network_draws_on_the_given_axes():
    _, ax = plt.subplots()
    assert plot_network([2, 4], ax=ax) is ax


@pytest.mark.parametrize("topology", [[2], [2, 0, 4]])
def test_plot_network_rejects_a_bad_topology_naming_it(topology):
    with pytest.raises(ValueError, match="topology"):
        plot_network(topology)


def test_plot_network_leaves_a_string_topology_to_python():
    with pytest.raises(TypeError, match="str"):
        plot_network("234")


# -- the plots' words: the language QUADNET_LANGUAGE names ------------------
def _added_words(X, y):
    """Every word that the plots add, as drawn: legend titles and texts."""
    plots = [plot_data(X, y), plot_decision_regions(
        lambda X: torch.eye(4)[torch.arange(len(X)) % 4], X, y,
        resolution=4), plot_errors(X, y, y), plot_plateau(4)]
    legends = [ax.get_legend() for ax in plots[:3]]
    return [legends[0].get_title(), legends[1].get_title(),
            *legends[2].get_texts(), plots[3].texts[0]]


@pytest.mark.parametrize("language, expected", [
    (None, ["class", "class", "correct (4)", "wrong (0)", "plateau"]),
    ("en", ["class", "class", "correct (4)", "wrong (0)", "plateau"]),
    ("zh", ["类别", "类别", "正确 (4)", "错误 (0)", "平台"]),
])
def test_plots_add_their_words_in_the_language_QUADNET_LANGUAGE_names(
        monkeypatch, language, expected):  # noqa: N802
    if language is None:
        monkeypatch.delenv("QUADNET_LANGUAGE", raising=False)
    else:
        monkeypatch.setenv("QUADNET_LANGUAGE", language)
    X, y = torch.zeros(4, 2), torch.arange(4)
    assert [t.get_text() for t in _added_words(X, y)] == expected


def test_chinese_words_are_set_in_the_pip_installed_noto_sans_cjk_sc(
        monkeypatch):
    monkeypatch.setenv("QUADNET_LANGUAGE", "zh")
    texts = _added_words(torch.zeros(4, 2), torch.arange(4))
    # the font file of noto-cjk-sans-otc, whatever fonts the system has
    package = Path(noto_cjk_sans_otc.__file__).parent
    files = {findfont(t.get_fontproperties()) for t in texts}
    assert len(files) == 1
    [file] = files
    assert Path(file).parent == package
    assert FT2Font(file, face_index=file.face_index).family_name == \
        "Noto Sans CJK SC"


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_chinese_words_draw_with_no_missing_glyph(monkeypatch, fmt):
    monkeypatch.setenv("QUADNET_LANGUAGE", "zh")
    ax = _added_words(torch.zeros(4, 2), torch.arange(4))[0].axes
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax.figure.savefig(io.BytesIO(), format=fmt)
    # matplotlib's default font alone would have warned
    ax.set_title("类别")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.savefig(io.BytesIO(), format=fmt)
    assert "Glyph 31867 (\\N{CJK UNIFIED IDEOGRAPH-7C7B}) missing from " \
        "font(s) DejaVu Sans." in [str(w.message) for w in caught]


def test_an_unknown_QUADNET_LANGUAGE_is_an_error_naming_it(  # noqa: N802
        monkeypatch):
    monkeypatch.setenv("QUADNET_LANGUAGE", "fr")
    with pytest.raises(ValueError, match=r"QUADNET_LANGUAGE must be one of "
                       r"\['en', 'zh'\], got 'fr'"):
        plot_plateau(4)


def test_plot_plateau_draws_the_plateau_height():
    ax = plot_plateau(3)
    assert list(ax.lines[0].get_ydata()) == [plateau_loss(3)] * 2

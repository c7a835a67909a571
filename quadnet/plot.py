"""Plots of data, training, and predictions: each returns its Axes.

The words that the plots add to the original's labels ("class", "correct",
"wrong", "plateau") are in the language that the environment variable
``QUADNET_LANGUAGE`` names: ``en`` (the default) or ``zh``. The book's build
sets it for each edition's kernels (``quadnet_kernel_env`` in its
``conf.py``), so both editions run the same code. Chinese words are set in
Noto Sans CJK SC from the package ``noto-cjk-sans-otc``: no system font is
needed.
"""
import os

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.collections import LineCollection
from matplotlib.font_manager import FontPath, FontProperties

from quadnet._checks import check_labels, check_points
from quadnet.train import plateau_loss

WORDS = {
    "en": {"class": "class", "correct": "correct", "wrong": "wrong",
           "plateau": "plateau"},
    "zh": {"class": "类别", "correct": "正确", "wrong": "错误",
           "plateau": "平台"},
}
# Noto Sans CJK SC is face 2 of the collection that noto-cjk-sans-otc ships
CJK_FACE = 2


def words():
    """The plots' words in the language ``QUADNET_LANGUAGE`` names, and a
    font that has their glyphs.

    Returns:
        A dict from the English word to the word in that language, and the
        font's properties: ``None`` (matplotlib's default font) for English.

    Raises:
        ValueError: If ``QUADNET_LANGUAGE`` is not a key of ``WORDS``.

    Example:
        >>> from quadnet.plot import words
        >>> words()[0]["plateau"]  # QUADNET_LANGUAGE unset, or en
        'plateau'
    """
    language = os.environ.get("QUADNET_LANGUAGE", "en")
    if language not in WORDS:
        raise ValueError(f"QUADNET_LANGUAGE must be one of {sorted(WORDS)}, "
                         f"got {language!r}")
    if language == "en":
        return WORDS["en"], None
    import noto_cjk_sans_otc  # only the Chinese words need it
    return WORDS[language], FontProperties(
        fname=FontPath(str(noto_cjk_sans_otc.FONT_PATH), CJK_FACE))


def plot_data(X, y, ax=None):
    """Scatter the points ``X``, colored by their class ``y``.

    Args:
        X: Points, shape ``(n, 2)``.
        y: Labels, shape ``(n,)``.
        ax: Axes to draw on. The default, ``None``, creates a new figure.

    Returns:
        The Axes with the plot.

    Example:
        >>> import torch
        >>> ax = plot_data(torch.zeros(3, 2), torch.tensor([0, 1, 2]))
        >>> ax.get_xlabel(), ax.get_ylabel()
        ('x1', 'x2')
    """
    check_points(X)
    if ax is None:
        _, ax = plt.subplots()
    points = ax.scatter(X[:, 0].detach(), X[:, 1].detach(), c=y.detach(),
                        s=12)
    word, font = words()
    ax.legend(*points.legend_elements(), title=word['class'],
              title_fontproperties=font,
              loc='upper left', bbox_to_anchor=(1.02, 1))
    ax.set_xlabel('x1')
    ax.set_ylabel('x2')
    return ax


def plot_loss(losses, ax=None):
    """Plot a loss history against the epoch, labeled as in the original.

    Args:
        losses: Loss history, one value per epoch.
        ax: Axes to draw on. The default, ``None``, creates a new figure.

    Returns:
        The Axes with the plot.

    Example:
        >>> ax = plot_loss([2.5, 1.0, 0.5])
        >>> ax.get_xlabel(), ax.get_ylabel()
        ('epoch', 'loss')
    """
    if ax is None:
        _, ax = plt.subplots()
    ax.plot(losses)
    ax.set_xlabel('epoch', fontsize=20)
    ax.set_ylabel('loss', fontsize=20)
    return ax


def plot_plateau(K=4, ax=None):
    """Draw the plateau's height (:func:`~quadnet.train.plateau_loss`) as a
    dotted line, with its name at the right end.

    Args:
        K: Number of classes, at least 2.
        ax: Axes to draw on. The default, ``None``, creates a new figure.

    Returns:
        The Axes with the plot.

    Example:
        >>> ax = plot_plateau(4)
        >>> ax.texts[0].get_text(), round(ax.lines[0].get_ydata()[0], 4)
        ('plateau', 2.2493)
    """
    height = plateau_loss(K)
    if ax is None:
        _, ax = plt.subplots()
    word, font = words()
    ax.axhline(height, color='gray', linestyle=':')
    ax.annotate(word['plateau'], (1, height),
                xycoords=('axes fraction', 'data'), xytext=(-4, 3),
                textcoords='offset points', ha='right', va='bottom',
                color='gray', fontproperties=font)
    return ax


def _predicted_labels(y_hat, n):
    """Labels from scores ``(n, K)`` (their argmax) or labels ``(n,)``."""
    if y_hat.dim() == 2 and y_hat.shape[0] == n:
        return y_hat.detach().argmax(dim=1)
    if y_hat.shape == (n,):
        return y_hat.detach()
    raise ValueError(f"y_hat must have shape ({n}, K) or ({n},), "
                     f"got {tuple(y_hat.shape)}")


def plot_errors(X, y, y_hat, ax=None):
    """Show all points faintly and highlight the misclassified ones.

    Args:
        X: Points, shape ``(n, 2)``.
        y: Labels, shape ``(n,)``.
        y_hat: Scores, shape ``(n, K)``, or predicted labels, shape ``(n,)``.
        ax: Axes to draw on. The default, ``None``, creates a new figure.

    Returns:
        The Axes with the plot.

    Example:
        >>> import torch
        >>> X = torch.tensor([[1., 1.], [-1., 1.], [1., -1.]])
        >>> ax = plot_errors(X, torch.tensor([0, 1, 3]),
        ...                  torch.tensor([0, 2, 3]))
        >>> ax.get_legend_handles_labels()[1]
        ['correct (2)', 'wrong (1)']
    """
    check_points(X)
    wrong = (_predicted_labels(y_hat, X.shape[0]) != y).numpy()
    X = X.detach().numpy()
    if ax is None:
        _, ax = plt.subplots()
    word, font = words()
    ax.scatter(X[~wrong, 0], X[~wrong, 1], s=8, c='lightgray',
               label=f"{word['correct']} ({(~wrong).sum()})")
    ax.scatter(X[wrong, 0], X[wrong, 1], s=30, c='red', marker='x',
               label=f"{word['wrong']} ({wrong.sum()})")
    ax.axhline(0, color='k', lw=0.5)
    ax.axvline(0, color='k', lw=0.5)
    ax.legend(prop=font, loc='upper left', bbox_to_anchor=(1.02, 1))
    ax.set_xlabel('x1')
    ax.set_ylabel('x2')
    return ax


def plot_decision_regions(net, X, y, ax=None, resolution=200):
    """Color the plane by the class ``net`` predicts, with the data on top.

    Args:
        net: The network, a callable that maps an ``(m, 2)`` float tensor
            to ``(m, K)`` scores, for example a module or a ``lambda`` around
            ``forward``.
        X: Points, shape ``(n, 2)``. The grid covers them with a margin.
        y: Labels in ``[0, K)``, shape ``(n,)``.
        ax: Axes to draw on. The default, ``None``, creates a new figure.
        resolution: Number of grid points along each axis.

    Returns:
        The Axes with the plot.

    Example:
        >>> import torch
        >>> X = torch.tensor([[1., 1.], [-1., -1.]])
        >>> ax = plot_decision_regions(
        ...     lambda X: torch.hstack([X[:, :1], -X[:, :1]]), X,
        ...     torch.tensor([0, 1]), resolution=20)
        >>> ax.get_xlabel(), ax.get_ylabel()
        ('x1', 'x2')
    """
    check_points(X)
    low = X.detach().min(dim=0).values - 0.5
    high = X.detach().max(dim=0).values + 0.5
    g1, g2 = torch.meshgrid(torch.linspace(low[0], high[0], resolution),
                            torch.linspace(low[1], high[1], resolution),
                            indexing='xy')
    with torch.no_grad():
        scores = net(torch.stack([g1.flatten(), g2.flatten()], dim=1))
    if scores.dim() != 2 or scores.shape[0] != g1.numel():
        raise ValueError(f"net must map (m, 2) points to (m, K) scores, "
                         f"got shape {tuple(scores.shape)}")
    K = scores.shape[1]
    check_labels(y, K)
    cmap = plt.get_cmap('viridis').resampled(K)  # one color per class
    if ax is None:
        _, ax = plt.subplots()
    ax.contourf(g1, g2, scores.argmax(dim=1).reshape(g1.shape),
                levels=np.arange(K + 1) - 0.5, cmap=cmap, alpha=0.35)
    points = ax.scatter(X[:, 0].detach(), X[:, 1].detach(), c=y.detach(),
                        cmap=cmap, vmin=-0.5, vmax=K - 0.5, s=12,
                        edgecolors='k', linewidths=0.3)
    word, font = words()
    ax.legend(*points.legend_elements(), title=word['class'],
              title_fontproperties=font,
              loc='upper left', bbox_to_anchor=(1.02, 1))
    ax.set_xlabel('x1')
    ax.set_ylabel('x2')
    return ax


def plot_network(topology, ax=None):
    """Draw a fully connected sigmoid network with the shape of each tensor.

    One column of circles per layer, each joined to every circle of the
    next. Under each column stand its values for ``n`` points; above each
    gap, the parameters that cross it and how
    :func:`~quadnet.scratch.forward` computes the next column from them.

    Args:
        topology: Layer sizes from input to output, for example
            ``[2, 3, 3, 4]``.
        ax: Axes to draw on. The default, ``None``, creates a new figure.

    Returns:
        The Axes with the plot.

    Example:
        >>> ax = plot_network([2, 3, 3, 4])
        >>> len(ax.collections[1].get_offsets())  # one circle per neuron
        12
        >>> print(ax.texts[-1].get_text())
        W3 (3, 4), b3 (1, 4)
        Z3 = A2 @ W3 + b3
        A3 = sigmoid(Z3)
    """
    if len(topology) < 2 or min(topology) < 1:
        raise ValueError(f"topology needs two or more sizes >= 1: {topology}")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4), layout='constrained')
    ys = [(size - 1) / 2 - np.arange(size) for size in topology]  # centered
    ax.add_collection(LineCollection(
        [[(k, a), (k + 1, b)] for k in range(len(topology) - 1)
         for a in ys[k] for b in ys[k + 1]], colors='gray', linewidths=0.5))
    diameter = min(17, 120 / max(topology))  # points: tall columns fit
    ax.scatter(np.repeat(np.arange(len(topology)), topology),
               np.concatenate(ys), s=diameter ** 2,
               c='white', edgecolors='k', zorder=2, clip_on=False)
    top = (max(topology) - 1) / 2  # height of the highest circle
    for k, size in enumerate(topology):
        name = f'Z{k}, A{k}' if k else 'X'
        ax.annotate(f'{name}\n(n, {size})', (k, -top), xytext=(0, -14),
                    textcoords='offset points', ha='center', va='top')
    for k in range(1, len(topology)):
        n_in, n_out = topology[k - 1], topology[k]
        prev = f'A{k - 1}' if k > 1 else 'X'
        ax.annotate(f'W{k} ({n_in}, {n_out}), b{k} (1, {n_out})\n'
                    f'Z{k} = {prev} @ W{k} + b{k}\nA{k} = sigmoid(Z{k})',
                    (k - 0.5, top), xytext=(0, 14),
                    textcoords='offset points', ha='center', va='bottom')
    ax.axis('off')
    return ax

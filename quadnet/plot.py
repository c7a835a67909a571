"""Plots of the data and of training: each returns its Axes."""
import matplotlib.pyplot as plt

from quadnet._checks import check_features, check_tensor


def plot_data(X, y, ax=None):
    """Scatter the points ``X``, coloured by their class ``y``.

    Args:
        X: Points, shape ``(n, 2)``.
        y: Labels, shape ``(n,)``.
        ax: Axes to draw on; a new figure by default.

    Returns:
        The Axes.

    Example:
        >>> import torch
        >>> ax = plot_data(torch.zeros(3, 2), torch.tensor([0, 1, 2]))
        >>> ax.get_xlabel(), ax.get_ylabel()
        ('x1', 'x2')
    """
    check_features(X, 2)
    check_tensor(y, "y")
    if y.shape != X.shape[:1]:
        raise ValueError(
            f"y must have shape ({X.shape[0]},) to match X, "
            f"got {tuple(y.shape)}")
    if ax is None:
        _, ax = plt.subplots()
    points = ax.scatter(X[:, 0].detach(), X[:, 1].detach(), c=y.detach(),
                        s=12)
    ax.legend(*points.legend_elements(), title='class',
              loc='upper left', bbox_to_anchor=(1.02, 1))
    ax.set_xlabel('x1')
    ax.set_ylabel('x2')
    return ax


def plot_loss(losses, ax=None):
    """Plot a loss history against the epoch, labelled as in the original.

    Args:
        losses: One loss value per epoch.
        ax: Axes to draw on; a new figure by default.

    Returns:
        The Axes.

    Example:
        >>> ax = plot_loss([2.5, 1.0, 0.5])
        >>> ax.get_xlabel(), ax.get_ylabel()
        ('epoch', 'loss')
    """
    if len(losses) == 0:
        raise ValueError("losses must hold at least one value, got []")
    if ax is None:
        _, ax = plt.subplots()
    ax.plot(losses)
    ax.set_xlabel('epoch', fontsize=20)
    ax.set_ylabel('loss', fontsize=20)
    return ax

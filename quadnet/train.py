"""Training helpers: the optimizer loop, the accuracy, the plateau."""
import math

import torch

from quadnet._checks import check_labels, check_positive
from quadnet.scratch import loss as bce_loss


def train(net, X, Y, loss=bce_loss, lr=0.5, num_epochs=10000,
          optimizer=None):
    """Train ``net`` on all of ``(X, Y)`` at once, one step per epoch.

    This is the chapter's optimizer loop: forward, loss, ``zero_grad``,
    ``backward``, record the loss, ``step``.

    Args:
        net: The network, a callable whose ``net(X)`` has the shape of
            ``Y``.
        X: Inputs, shape ``(n, d)``.
        Y: One-hot targets, shape ``(n, K)``.
        loss: Loss function ``loss(pred, target)`` that returns a scalar
            tensor. The default is the chapter's
            :func:`~quadnet.scratch.loss`.
        lr: Learning rate of the default ``torch.optim.SGD``.
        num_epochs: Number of update steps.
        optimizer: Optimizer over ``net``'s parameters. The default,
            ``None``, means ``torch.optim.SGD(net.parameters(), lr=lr)``.

    Returns:
        The loss before each update, a list of ``num_epochs`` floats.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> net = torch.nn.Sequential(torch.nn.Linear(2, 2),
        ...                           torch.nn.Sigmoid())
        >>> X, Y = torch.tensor([[1., 0.], [0., 1.]]), torch.eye(2)
        >>> losses = train(net, X, Y, lr=1.0, num_epochs=200)
        >>> len(losses), round(losses[0], 3), round(losses[-1], 3)
        (200, 1.489, 0.021)
    """
    if optimizer is None:
        optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    Loss = []
    for _ in range(num_epochs):
        pred = net(X)
        L = loss(pred, Y)
        optimizer.zero_grad()
        L.backward()
        Loss.append(L.item())
        optimizer.step()
    return Loss


def accuracy(y_hat, y):
    """Return the fraction of rows of ``y_hat`` whose argmax is ``y``.

    Args:
        y_hat: Scores, shape ``(n, K)``.
        y: Labels in ``[0, K)``, shape ``(n,)``.

    Returns:
        The accuracy, a float in ``[0, 1]``.

    Example:
        >>> accuracy(torch.tensor([[0.9, 0.1], [0.8, 0.2]]),
        ...          torch.tensor([0, 1]))
        0.5
    """
    if y_hat.dim() != 2 or y.shape != y_hat.shape[:1]:  # no broadcasting
        raise ValueError(f"y_hat must have shape (n, K) and y shape (n,), "
                         f"got {tuple(y_hat.shape)} and {tuple(y.shape)}")
    check_labels(y, y_hat.shape[1])
    correct = torch.argmax(y_hat, dim=1) == y
    return correct.sum().item() / y.numel()


def plateau_loss(K=4):
    """Return the loss of a network that outputs ``1/K`` for every class.

    With one-hot targets, the chapter's loss is then
    ``-K * (1/K * ln(1/K) + (1 - 1/K) * ln(1 - 1/K))``. This is the height
    of the plateau on which a network sits while it has learned only the
    class frequencies.

    Args:
        K: Number of classes, at least 2.

    Returns:
        The plateau's height, a float. It is about 2.2493 for ``K = 4``.

    Example:
        >>> round(plateau_loss(4), 4)
        2.2493
    """
    if K < 2:  # else a math domain error or a division by zero
        raise ValueError(f"K must be at least 2, got {K}")
    p = 1 / K
    return -K * (p * math.log(p) + (1 - p) * math.log(1 - p))


def plateau_epochs(losses, K=4, tol=0.01):
    """Find when a loss history reaches the plateau and when it leaves it.

    Args:
        losses: Loss history, one value per epoch.
        K: Number of classes. The plateau's height is
            ``plateau_loss(K)``.
        tol: Greatest distance from the plateau's height that still counts
            as on the plateau.

    Returns:
        The pair of epochs ``(enter, leave)``. ``enter`` is the first epoch
        whose loss lies within ``tol`` of the plateau, and ``leave`` the
        first epoch after it whose loss lies more than ``tol`` below it.
        Either is ``None`` if it never happens.

    Example:
        >>> plateau_epochs([2.8, 2.5, 2.25, 2.249, 2.0, 1.0])
        (2, 4)
    """
    check_positive(tol, "tol")
    height = plateau_loss(K)
    enter = next((i for i, L in enumerate(losses) if abs(L - height) < tol),
                 None)
    if enter is None:
        return None, None
    leave = next((i for i, L in enumerate(losses)
                  if i > enter and L < height - tol), None)
    return enter, leave

"""Training helpers: the optimizer loop and the accuracy."""
import torch

from quadnet._checks import check_labels, check_positive_float, \
    check_positive_int, check_same_shape, check_tensor
from quadnet.scratch import loss as bce_loss


def train(net, X, Y, loss=bce_loss, lr=0.5, num_epochs=10000,
          optimizer=None):
    """Train ``net`` on all of ``(X, Y)`` at once, one step an epoch.

    This is the chapter's optimizer loop: forward, loss, ``zero_grad``,
    ``backward``, record the loss, ``step``.

    Args:
        net: A callable module, ``net(X)`` of the same shape as ``Y``.
        X: Inputs, shape ``(n, d)``.
        Y: One-hot targets, shape ``(n, K)``.
        loss: ``loss(pred, target)``, a scalar tensor.
        lr: Learning rate of the default ``torch.optim.SGD``.
        num_epochs: Number of update steps.
        optimizer: An optimizer over ``net``'s parameters; by default
            ``torch.optim.SGD(net.parameters(), lr=lr)``.

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
    check_tensor(X, "X")
    check_tensor(Y, "Y")
    check_positive_float(lr, "lr")
    check_positive_int(num_epochs, "num_epochs")
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
        A float in ``[0, 1]``.

    Example:
        >>> accuracy(torch.tensor([[0.9, 0.1], [0.8, 0.2]]),
        ...          torch.tensor([0, 1]))
        0.5
    """
    check_tensor(y_hat, "y_hat")
    check_tensor(y, "y")
    if y_hat.dim() != 2 or y.shape != y_hat.shape[:1] or y.numel() == 0:
        raise ValueError(
            "y_hat must have shape (n, K) and y shape (n,) with n >= 1, "
            "got y_hat "
            f"{tuple(y_hat.shape)} and y {tuple(y.shape)}")
    check_labels(y, y_hat.shape[1])
    correct = torch.argmax(y_hat, dim=1) == y
    return correct.sum().item() / y.numel()

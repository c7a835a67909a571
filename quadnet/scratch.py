"""The network with autograd only: parameters, forward pass, loss, update."""
import torch

from quadnet._checks import check_features, check_positive_float, \
    check_same_shape, check_tensor, check_topology


def init_params(topology=(2, 3, 3, 4), scale=0.01, generator=None):
    """Draw small random weights and biases, as the original does.

    The draws come in the original's order ``W1, b1, W2, b2, ...``; like
    ``torch.nn.Linear``, they use the global generator unless one is given.

    Args:
        topology: Layer sizes, input first.
        scale: Standard deviation of the initial values.
        generator: Optional ``torch.Generator`` for the draws.

    Returns:
        A list ``[W1, b1, W2, b2, ...]`` of ``torch.nn.Parameter``; ``Wl``
        has shape ``(topology[l-1], topology[l])`` and ``bl`` ``(1,
        topology[l])``.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> W1, b1, W2, b2, W3, b3 = init_params()
        >>> W1.shape, b1.shape, W3.shape, b3.shape
        (torch.Size([2, 3]), torch.Size([1, 3]), torch.Size([3, 4]), torch.Size([1, 4]))
        >>> W1.round(decimals=4)
        tensor([[ 0.0154, -0.0029, -0.0218],
                [ 0.0057, -0.0108, -0.0140]], grad_fn=<RoundBackward1>)
    """
    check_topology(topology)
    check_positive_float(scale, "scale")
    params = []
    for n_in, n_out in zip(topology[:-1], topology[1:]):
        for shape in ((n_in, n_out), (1, n_out)):
            values = torch.randn(*shape, generator=generator) * scale
            params.append(torch.nn.Parameter(values, requires_grad=True))
    return params


def forward(X, W1, W2, W3, b1, b2, b3):
    """Run the 2-3-3-4 network forward: three weighted sums and sigmoids.

    Args:
        X: Points, shape ``(n, 2)``.
        W1, W2, W3, b1, b2, b3: The parameters from :func:`init_params`.

    Returns:
        The outputs ``A3``, shape ``(n, 4)``, each entry in ``(0, 1)``.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> W1, b1, W2, b2, W3, b3 = init_params()
        >>> forward(torch.zeros(1, 2), W1, W2, W3, b1, b2, b3).round(
        ...     decimals=3)
        tensor([[0.5040, 0.4950, 0.4990, 0.4980]], grad_fn=<RoundBackward1>)
    """
    check_features(X, W1.shape[0])
    A0 = X
    Z1 = torch.matmul(A0, W1) + b1
    A1 = torch.sigmoid(Z1)
    Z2 = torch.matmul(A1, W2) + b2
    A2 = torch.sigmoid(Z2)
    Z3 = torch.matmul(A2, W3) + b3
    A3 = torch.sigmoid(Z3)
    return A3


def loss(pred, target):
    """Binary cross-entropy, summed over the classes, averaged over points.

    Written out by hand as in the original; it equals
    ``torch.nn.functional.binary_cross_entropy(pred, target) * K``.

    Args:
        pred: Outputs in ``(0, 1)``, shape ``(n, K)``.
        target: One-hot targets, same shape as ``pred``.

    Returns:
        A scalar tensor.

    Example:
        >>> pred = torch.tensor([[0.9, 0.1], [0.2, 0.8]])
        >>> loss(pred, torch.eye(2)).round(decimals=4)
        tensor(0.3285)
    """
    check_same_shape(pred, target)
    E = pred.shape[0]
    return (-target * torch.log(pred)
            - (1 - target) * torch.log(1 - pred)).sum() / E


def manual_step(params, lr):
    """Update each parameter by ``-lr * grad``, then clear its gradient.

    This is the original's hand-written update, ``W.data = W.data -
    alpha * W.grad`` followed by ``W.grad.zero_()``.

    Args:
        params: Tensors whose ``.grad`` has been filled by ``backward()``.
        lr: The learning rate, greater than 0.

    Example:
        >>> w = torch.nn.Parameter(torch.tensor([1.0]))
        >>> (3 * w).sum().backward()
        >>> manual_step([w], lr=0.5)
        >>> w.data, w.grad
        (tensor([-0.5000]), tensor([0.]))
    """
    check_positive_float(lr, "lr")
    for p in params:
        check_tensor(p, "params")
        if p.grad is None:
            raise ValueError(
                f"params holds a tensor of shape {tuple(p.shape)} without "
                "a gradient; call backward() first")
    for p in params:
        p.data = p.data - lr * p.grad
    for p in params:
        p.grad.zero_()

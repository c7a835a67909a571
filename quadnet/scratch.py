"""The autograd-only network: parameters, forward pass, loss, update."""
import torch

from quadnet._checks import check_forward_order, check_positive, \
    check_same_shape


def init_params(scale=0.01):
    """Draw small random weights and biases, as the original does.

    The draws come in the original's order ``W1, b1, W2, b2, W3, b3``, from
    the global generator, as ``torch.nn.Linear`` does. Call
    ``torch.manual_seed`` first to get the chapter's numbers.

    Args:
        scale: Standard deviation of the initial values (the original's
            ``0.01``).

    Returns:
        The list ``[W1, b1, W2, b2, W3, b3]`` of ``torch.nn.Parameter`` for
        the 2-3-3-4 network. ``W1`` is 2×3, ``W2`` 3×3, and ``W3`` 3×4; each
        bias is one row.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> W1, b1, W2, b2, W3, b3 = init_params()
        >>> W1.shape, b1.shape, W3.shape, b3.shape
        (torch.Size([2, 3]), torch.Size([1, 3]), torch.Size([3, 4]), torch.Size([1, 4]))
        >>> W1.round(decimals=4)
        tensor([[ 0.0154, -0.0029, -0.0218],
                [ 0.0057, -0.0108, -0.0140]], grad_fn=<RoundBackward1>)
    """
    check_positive(scale, "scale")
    W1 = torch.nn.Parameter(torch.randn(2, 3) * scale, requires_grad=True)
    b1 = torch.nn.Parameter(torch.randn(1, 3) * scale, requires_grad=True)
    W2 = torch.nn.Parameter(torch.randn(3, 3) * scale, requires_grad=True)
    b2 = torch.nn.Parameter(torch.randn(1, 3) * scale, requires_grad=True)
    W3 = torch.nn.Parameter(torch.randn(3, 4) * scale, requires_grad=True)
    b3 = torch.nn.Parameter(torch.randn(1, 4) * scale, requires_grad=True)
    return [W1, b1, W2, b2, W3, b3]


def forward(X, W1, W2, W3, b1, b2, b3):
    """Run the 2-3-3-4 network forward: three weighted sums and sigmoids.

    The weights come before the biases, as in the original's call, whereas
    :func:`init_params` returns them in pairs. A bias may also be a vector,
    shape ``(k,)``.

    In float32 a sigmoid rounds to exactly 1 from an input of about 16.6,
    but to exactly 0 only below about −88.7, so an output reaches exactly 1
    long before any reaches exactly 0.

    Args:
        X: Points, shape ``(n, 2)``.
        W1: Weights of the first layer, shape ``(2, 3)``.
        W2: Weights of the second layer, shape ``(3, 3)``.
        W3: Weights of the output layer, shape ``(3, 4)``.
        b1: Bias of the first layer, shape ``(1, 3)``.
        b2: Bias of the second layer, shape ``(1, 3)``.
        b3: Bias of the output layer, shape ``(1, 4)``.

    Returns:
        The outputs ``A3``, shape ``(n, 4)``, each in ``[0, 1]``.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> W1, b1, W2, b2, W3, b3 = init_params()
        >>> forward(torch.zeros(1, 2), W1, W2, W3, b1, b2, b3).round(
        ...     decimals=3)
        tensor([[0.5040, 0.4950, 0.4990, 0.4980]], grad_fn=<RoundBackward1>)
    """
    check_forward_order(W1, W2, W3)
    A0 = X
    Z1 = torch.matmul(A0, W1) + b1
    A1 = torch.sigmoid(Z1)
    Z2 = torch.matmul(A1, W2) + b2
    A2 = torch.sigmoid(Z2)
    Z3 = torch.matmul(A2, W3) + b3
    A3 = torch.sigmoid(Z3)
    return A3


def loss(pred, target):
    """Binary cross-entropy, summed over the classes, averaged over the points.

    Written out by hand, as in the original. While no output is exactly 0
    or 1, it equals ``torch.nn.functional.binary_cross_entropy(pred, target)
    * K``. On an output of exactly 0 or 1 this one gives ``inf`` or
    ``nan``, whereas torch clamps each log at −100 and stays finite.

    Args:
        pred: Outputs in ``[0, 1]``, shape ``(n, K)``.
        target: One-hot targets, the same shape as ``pred``.

    Returns:
        The loss, a scalar tensor.

    Example:
        >>> pred = torch.tensor([[0.9, 0.1], [0.2, 0.8]])
        >>> loss(pred, torch.eye(2)).round(decimals=4)
        tensor(0.3285)
    """
    check_same_shape(pred, target)
    E = pred.shape[0]
    return (-target * torch.log(pred)
            - (1 - target) * torch.log(1 - pred)).sum() / E



def logit_loss(Z, target):
    """Compute the chapter's loss from the logits ``Z`` instead of ``A3``.

    ``Z`` holds the last layer's weighted sums, before the sigmoid. PyTorch
    takes each log straight from the logit (log-sigmoid), so an output
    that would round to exactly 0 or 1 still gives a finite loss and
    gradient. Otherwise it equals ``loss(torch.sigmoid(Z), target)``.

    Args:
        Z: Logits, shape ``(n, K)``.
        target: One-hot targets, the same shape as ``Z``.

    Returns:
        The loss, a scalar tensor.

    Example:
        >>> Z = torch.tensor([[30.0, -30.0]])
        >>> logit_loss(Z, torch.tensor([[1.0, 0.0]])).item() < 1e-12
        True
        >>> loss(torch.sigmoid(Z), torch.tensor([[1.0, 0.0]]))
        tensor(nan)
    """
    E = Z.shape[0]
    return torch.nn.functional.binary_cross_entropy_with_logits(
        Z, target, reduction="sum") / E

def manual_step(params, lr):
    """Update each parameter by ``-lr * grad``, then clear its gradient.

    This is the original's hand-written update, ``W.data = W.data -
    alpha * W.grad`` followed by ``W.grad.zero_()``. It returns nothing.

    Args:
        params: Tensors whose ``.grad`` has been filled by ``backward()``.
        lr: Learning rate, greater than 0.

    Example:
        >>> w = torch.nn.Parameter(torch.tensor([1.0]))
        >>> (3 * w).sum().backward()
        >>> manual_step([w], lr=0.5)
        >>> w.data, w.grad
        (tensor([-0.5000]), tensor([0.]))
    """
    check_positive(lr, "lr")
    for p in params:  # check them all before changing any
        if p.grad is None:
            raise ValueError(
                f"params holds a tensor of shape {tuple(p.shape)} without "
                "a gradient; call backward() first")
    for p in params:
        p.data = p.data - lr * p.grad
    for p in params:
        p.grad.zero_()

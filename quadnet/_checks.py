"""Argument checks that turn bad input into a clear error.

Each check raises ``TypeError`` or ``ValueError`` whose message names the
argument and the value it got, so that a mistake never surfaces as an
obscure failure deep inside torch.
"""
import math
import numbers

import torch


def check_tensor(value, name):
    """Raise ``TypeError`` unless ``value`` is a ``torch.Tensor``."""
    if not isinstance(value, torch.Tensor):
        raise TypeError(
            f"{name} must be a torch.Tensor, got {type(value).__name__}")


def check_features(X, num_features, name="X"):
    """Raise unless ``X`` is a default-dtype tensor of shape ``(n, d)``."""
    check_tensor(X, name)
    if X.dim() != 2 or X.shape[1] != num_features:
        raise ValueError(
            f"{name} must have shape (n, {num_features}), "
            f"got {tuple(X.shape)}")
    if X.dtype != torch.get_default_dtype():
        raise TypeError(
            f"{name} must be a {torch.get_default_dtype()} tensor, like the "
            f"parameters, got {X.dtype}")


def check_positive_int(value, name):
    """Raise unless ``value`` is an int (not a bool) of at least 1."""
    check_int(value, name)
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")


def check_int(value, name):
    """Raise ``TypeError`` unless ``value`` is an int (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"{name} must be an int, got {type(value).__name__} {value!r}")


def check_positive_float(value, name):
    """Raise unless ``value`` is a finite real number greater than 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number, got {type(value).__name__} {value!r}")
    if not 0 < value < math.inf:
        raise ValueError(f"{name} must be positive and finite, got {value}")


def check_topology(topology):
    """Raise unless ``topology`` lists at least two layer sizes, each >= 1."""
    if isinstance(topology, (str, bytes)) or not hasattr(topology, "__len__"):
        raise TypeError(
            "topology must be a list of layer sizes, "
            f"got {type(topology).__name__} {topology!r}")
    if len(topology) < 2:
        raise ValueError(
            f"topology needs at least two sizes (input and output), "
            f"got {list(topology)}")
    for size in topology:
        if isinstance(size, bool) or not isinstance(size, numbers.Integral):
            raise TypeError(
                f"topology sizes must be ints, got {size!r} in "
                f"{list(topology)}")
        if size < 1:
            raise ValueError(
                f"topology sizes must be at least 1, got {size} in "
                f"{list(topology)}")


def check_labels(y, K, name="y"):
    """Raise unless ``y`` holds integral class labels in ``[0, K)``."""
    check_tensor(y, name)
    check_positive_int(K, "K")
    if y.is_complex() or y.dtype == torch.bool:
        raise TypeError(f"{name} must hold class numbers, got {y.dtype}")
    if y.numel() == 0:
        return
    if y.is_floating_point() and not torch.equal(y, y.round()):
        bad = y[y != y.round()].flatten()[0].item()
        raise ValueError(f"{name} must hold whole numbers, got {bad}")
    low, high = y.min().item(), y.max().item()
    if low < 0 or high >= K:
        bad = low if low < 0 else high
        raise ValueError(
            f"{name} must lie in [0, K) = [0, {K}), got label {bad:g}")


def check_same_shape(pred, target):
    """Raise unless ``pred`` and ``target`` are tensors of the same shape."""
    check_tensor(pred, "pred")
    check_tensor(target, "target")
    if pred.shape != target.shape:
        raise ValueError(
            f"pred and target must have the same shape, got pred "
            f"{tuple(pred.shape)} and target {tuple(target.shape)}")


def check_forward_params(X, W1, W2, W3, b1, b2, b3):
    """Raise unless the weights and biases fit together, in forward's order.

    ``forward`` takes ``W1, W2, W3, b1, b2, b3``, while ``init_params``
    returns ``W1, b1, W2, b2, W3, b3``: passing the list straight through
    puts a bias where a weight belongs. Say so, instead of letting torch
    fail with "mat1 and mat2 shapes cannot be multiplied".
    """
    named = {"W1": W1, "W2": W2, "W3": W3, "b1": b1, "b2": b2, "b3": b3}
    for name, value in named.items():
        check_tensor(value, name)
        if value.dim() != 2:
            raise ValueError(
                f"{name} must be a matrix, got shape {tuple(value.shape)}")
    order = ("the order is forward(X, W1, W2, W3, b1, b2, b3), not the "
             "W1, b1, W2, b2, W3, b3 of init_params")
    for k, (W, prev) in enumerate(((W2, W1), (W3, W2)), start=2):
        if W.shape[0] != prev.shape[1]:
            raise ValueError(
                f"W{k} must have {prev.shape[1]} rows (W{k - 1} has "
                f"{prev.shape[1]} columns), got shape {tuple(W.shape)}; "
                + order)
    for k, (b, W) in enumerate(((b1, W1), (b2, W2), (b3, W3)), start=1):
        if b.shape != (1, W.shape[1]):
            raise ValueError(
                f"b{k} must have shape (1, {W.shape[1]}) to match W{k}, "
                f"got {tuple(b.shape)}; " + order)
    check_features(X, W1.shape[0])

"""Checks for the mistakes that torch lets pass, or reports misleadingly.

Each raises an error that names the argument and the value it got. Other
bad input is left to torch, whose own error already names the problem.
"""
import math
import numbers


def check_positive(value, name):
    """Raise unless ``value`` is a finite number greater than 0."""
    if not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number, got {type(value).__name__} {value!r}")
    if not 0 < value < math.inf:
        raise ValueError(f"{name} must be positive and finite, got {value}")


def check_labels(y, K):
    """Raise unless ``y`` holds class labels: whole numbers in ``[0, K)``.

    Unchecked, a label −1 would count as the last class and 0.5 as the first.
    """
    v = y.double()
    bad = v[(v < 0) | (v >= K) | (v != v.round())]
    if len(bad) > 0:
        raise ValueError(f"y must hold whole numbers in [0, K) = [0, {K}), "
                         f"got {bad[0].item():g}")


def check_points(X):
    """Raise unless ``X`` holds points of the plane: shape ``(n, 2)``."""
    if X.dim() != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n, 2), got {tuple(X.shape)}")


def check_same_shape(pred, target):
    """Raise unless ``pred`` and ``target`` have the same shape.

    Without this check, torch would broadcast a target of shape ``(K,)``, or
    labels of shape ``(n,)`` where ``n`` equals ``K``, and return a wrong
    loss without a word.
    """
    if pred.shape != target.shape:
        raise ValueError(
            f"pred and target must have the same shape, got pred "
            f"{tuple(pred.shape)} and target {tuple(target.shape)}")


def check_forward_order(W1, W2, W3):
    """Raise unless ``W1, W2, W3`` chain, as they do in forward's order.

    ``init_params`` returns ``W1, b1, W2, b2, W3, b3``: passing that list
    straight to ``forward`` puts ``b1`` where ``W2`` belongs, and torch would
    only say "mat1 and mat2 shapes cannot be multiplied".
    """
    if W1.shape[1] != W2.shape[0] or W2.shape[1] != W3.shape[0]:
        raise ValueError(
            f"W1, W2, W3 of shapes {tuple(W1.shape)}, {tuple(W2.shape)}, "
            f"{tuple(W3.shape)} do not chain; the order is forward(X, W1, "
            "W2, W3, b1, b2, b3), not the W1, b1, W2, b2, W3, b3 of "
            "init_params")

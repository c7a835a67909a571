"""The best any classifier can do on the quadrant data: the Bayes ceiling."""
import itertools
import math

import numpy as np
import torch

from quadnet._checks import check_labels, check_points, check_positive


def quadrant_rule(X):
    """Predict the class of the quadrant each point lies in.

    Quadrant I is class 0, II class 1, III class 2, and IV class 3, as in
    ``QUADRANT_CENTERS``. A point on an axis (a probability-zero event)
    counts as lying on its positive side.

    Args:
        X: Points, shape ``(n, 2)``.

    Returns:
        The predicted labels, int64, shape ``(n,)``.

    Example:
        >>> quadrant_rule(torch.tensor([[1., 1.], [-1., 1.], [-2., -0.5],
        ...                             [0.3, -4.]]))
        tensor([0, 1, 2, 3])
    """
    check_points(X)
    right, up = X[:, 0] >= 0, X[:, 1] >= 0
    labels = torch.where(up, torch.where(right, 0, 1),
                         torch.where(right, 3, 2))
    return labels.long()


def bayes_accuracy(std=0.5):
    """Return the highest expected accuracy any rule can reach, Φ(1/std)².

    The four classes are equally likely and are Gaussians with the same
    isotropic covariance std² · I around (±1, ±1). For such classes the
    Bayes-optimal rule (the one that picks the most probable class for each
    point) picks the nearest center, so its boundaries are the
    perpendicular bisectors between the centers, which are the two axes.
    That rule is :func:`quadrant_rule`. A point of class 0, centered at
    (1, 1), is classified correctly when both of its coordinates stay
    positive. Each coordinate is 1 + std · Z with Z standard normal, so it
    stays positive with probability Φ(1/std), where Φ is the standard
    normal distribution function. The two coordinates are independent, and
    by symmetry the same holds for every class.

    Args:
        std: Standard deviation of the noise in each coordinate.

    Returns:
        The accuracy, a float in ``(0.25, 1]``. It is about 0.955 for the
        chapter's 0.5, and exactly 1.0 in floating point for a very small
        ``std``.

    Example:
        >>> round(bayes_accuracy(0.5), 4)
        0.955
        >>> round(bayes_accuracy(1.0), 4)
        0.7079
    """
    check_positive(std, "std")
    phi = 0.5 * (1 + math.erf(1 / std / math.sqrt(2)))  # Phi(1/std)
    return phi ** 2


def near_axes(X, margin=0.5):
    """Tell which points lie within ``margin`` of an axis.

    These are the points near the quadrant boundaries, where the noise most
    often carries a point into a neighbor's quadrant.

    Args:
        X: Points, shape ``(n, 2)``.
        margin: Distance from the nearer axis, greater than 0.

    Returns:
        A bool tensor, shape ``(n,)``, that is True where
        ``min(|x1|, |x2|) < margin``.

    Example:
        >>> near_axes(torch.tensor([[1., 1.], [0.2, 3.], [-2., -0.4]]))
        tensor([False,  True,  True])
    """
    check_points(X)
    check_positive(margin, "margin")
    return X.abs().min(dim=1).values < margin


def stripes_accuracy(X, y, angle):
    """Return the best accuracy of parallel stripes across one direction.

    A network whose hidden layer has a single neuron, ``[2, 1, 4]``, sees
    each point only through ``h = sigmoid(w @ x + b)``, and each of its
    outputs compares ``a_k * h + c_k`` across the classes: every class wins
    on at most one interval of ``h``. Its decision regions are therefore
    parallel stripes, at most one per class. This sorts the points along
    the direction ``angle`` and, for every order of the four classes, places
    the three boundaries by dynamic programming.

    Args:
        X: Points, shape ``(n, 2)``.
        y: Labels in ``[0, 4)``, shape ``(n,)``.
        angle: Direction across the stripes, in degrees from the x1 axis
            (45 is the diagonal from the third quadrant to the first).

    Returns:
        The highest fraction of ``X`` that such stripes classify correctly,
        a float.

    Example:
        >>> X = torch.tensor([[-3., 0.], [-1., 0.], [1., 0.], [3., 0.]])
        >>> stripes_accuracy(X, torch.tensor([2, 1, 0, 3]), angle=0)
        1.0
    """
    check_labels(y, 4)
    points, labels = X.detach().double().numpy(), y.numpy()
    theta = math.radians(angle)
    order = np.argsort(points @ [math.cos(theta), math.sin(theta)])
    # correct[i, k]: points of class k among the first i along the line
    correct = np.vstack([np.zeros(4), np.eye(4)[labels[order]].cumsum(0)])
    best = 0
    for classes in itertools.permutations(range(4)):
        score = correct[:, classes[0]]  # best with the first stripe
        for k in classes[1:]:  # the next stripe starts where it pays
            score = correct[:, k] + np.maximum.accumulate(
                score - correct[:, k])
        best = max(best, score[-1])
    return float(best / len(labels))

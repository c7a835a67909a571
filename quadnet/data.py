"""The quadrant data: four noisy clouds of 2-D points, one per quadrant."""
import torch

from quadnet._checks import check_labels, check_positive

#: The center of each class, by label (quadrant I is 0, II 1, III 2, IV 3).
QUADRANT_CENTERS = ((1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0))


def make_quadrants(n_per_class=200, std=0.5, seed=0):
    """Draw the chapter's data set, exactly as the original notebook does.

    Class ``k`` is a Gaussian cloud with standard deviation ``std`` around
    ``QUADRANT_CENTERS[k]``. The draws are the original's, line for line.
    Quadrants I, II, III, and IV, in this order, each draw ``x``, ``y``, and a
    label that is multiplied by 0 but still consumes random numbers. The
    points are then concatenated as I, IV, II, III and shuffled with
    ``randperm``. The draws come from a private generator, so the global
    random state is left alone.

    Args:
        n_per_class: Number of points in each class (the original's ``N``).
        std: Standard deviation of the noise (the original's ``var``).
        seed: Seed of the private generator (an int).

    Returns:
        The pair ``(X, y)`` of float32 coordinates ``X``, shape
        ``(4 * n_per_class, 2)``, and int64 labels ``y``, shape
        ``(4 * n_per_class,)``.

    Example:
        >>> X, y = make_quadrants()
        >>> X.shape, y.shape
        (torch.Size([800, 2]), torch.Size([800]))
        >>> X[:2].round(decimals=2)
        tensor([[-1.6400,  2.1500],
                [-0.4500,  0.9400]])
        >>> y[:2], y.bincount()
        (tensor([1, 1]), tensor([200, 200, 200, 200]))
    """
    check_positive(n_per_class, "n_per_class")
    check_positive(std, "std")
    N, var = n_per_class, std
    g = torch.Generator().manual_seed(seed)
    # quadrant I: class 0
    x1 = torch.randn(N, 1, generator=g) * var + 1
    y1 = torch.randn(N, 1, generator=g) * var + 1
    l1 = torch.randn(N, 1, generator=g) * 0 + 0
    # quadrant II: class 1
    x3 = torch.randn(N, 1, generator=g) * var - 1
    y3 = torch.randn(N, 1, generator=g) * var + 1
    l3 = torch.randn(N, 1, generator=g) * 0 + 1
    # quadrant III: class 2
    x4 = torch.randn(N, 1, generator=g) * var - 1
    y4 = torch.randn(N, 1, generator=g) * var - 1
    l4 = torch.randn(N, 1, generator=g) * 0 + 2
    # quadrant IV: class 3
    x2 = torch.randn(N, 1, generator=g) * var + 1
    y2 = torch.randn(N, 1, generator=g) * var - 1
    l2 = torch.randn(N, 1, generator=g) * 0 + 3
    X1 = torch.cat((x1, x2, x3, x4), dim=0)
    X2 = torch.cat((y1, y2, y3, y4), dim=0)
    X = torch.cat((X1, X2), dim=1)
    y = torch.cat((l1, l2, l3, l4), dim=0)
    # shuffle the points
    idx = torch.randperm(X.shape[0], generator=g)
    X = X[idx, :]
    y = y[idx, :].flatten()
    return X, y.long()


def one_hot(y, K):
    """One-hot encode class labels with the original's explicit loop.

    Args:
        y: Labels in ``[0, K)``, of any shape. Whole-number floats are
            accepted, as the original's labels are floats.
        K: Number of classes.

    Returns:
        A float32 tensor of shape ``(y.numel(), K)`` with a single 1 per row.

    Example:
        >>> one_hot(torch.tensor([0, 3, 1]), 4)
        tensor([[1., 0., 0., 0.],
                [0., 0., 0., 1.],
                [0., 1., 0., 0.]])
    """
    check_labels(y, K)
    # one hot 编码 (one-hot encoding)
    E = y.flatten().shape[0]
    Y = torch.zeros([E, K])
    for i in range(E):
        Y[i, int(y.flatten()[i])] = 1
    return Y

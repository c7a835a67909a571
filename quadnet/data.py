"""The quadrant data set: four noisy clouds of 2-D points, one a quadrant."""
import torch

from quadnet._checks import check_labels, check_positive_float, \
    check_positive_int

#: The centre of each class, by label (quadrant I is 0, II 1, III 2, IV 3).
QUADRANT_CENTERS = ((1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0), (1.0, -1.0))


def make_quadrants(n_per_class=200, std=0.5, seed=0):
    """Draw the chapter's data set, exactly as the original notebook does.

    Class ``k`` is a Gaussian cloud with standard deviation ``std`` around
    ``QUADRANT_CENTERS[k]``. The draws follow the original's order (quadrant
    I, II, III, then IV, each as ``x``, ``y`` and a label draw that is
    multiplied by 0 but still consumes the generator), and the points are
    shuffled with ``randperm``. The global random state is left alone.

    Args:
        n_per_class: Points in each class (the original's ``N``).
        std: Standard deviation of the noise (the original's ``var``).
        seed: Seed of the private generator.

    Returns:
        The pair ``(X, y)``, ``X`` of shape ``(4 * n_per_class, 2)`` and
        float32 coordinates, ``y`` of shape ``(4 * n_per_class,)`` and int64
        labels.

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
    check_positive_int(n_per_class, "n_per_class")
    check_positive_float(std, "std")
    gen = torch.Generator().manual_seed(seed)
    N = n_per_class

    def draw(center, label):  # x, y, then the label draw, as the original
        x = torch.randn(N, 1, generator=gen) * std + center[0]
        y = torch.randn(N, 1, generator=gen) * std + center[1]
        lab = torch.randn(N, 1, generator=gen) * 0 + label
        return x, y, lab

    # the original draws quadrant I, II, III, IV (labels 0, 1, 2, 3) ...
    clouds = [draw(c, k) for k, c in enumerate(QUADRANT_CENTERS)]
    # ... but concatenates them as I, IV, II, III
    order = (0, 3, 1, 2)
    X = torch.cat([torch.cat([clouds[k][0] for k in order]),
                   torch.cat([clouds[k][1] for k in order])], dim=1)
    y = torch.cat([clouds[k][2] for k in order])
    idx = torch.randperm(X.shape[0], generator=gen)
    return X[idx, :], y[idx, :].flatten().long()


def one_hot(y, K):
    """One-hot encode class labels with the original's explicit loop.

    Args:
        y: Labels in ``[0, K)``, of any shape; whole-number floats are
            accepted, as the original's labels are floats.
        K: Number of classes.

    Returns:
        A float32 tensor of shape ``(y.numel(), K)`` with a single 1 a row.

    Example:
        >>> one_hot(torch.tensor([0, 3, 1]), 4)
        tensor([[1., 0., 0., 0.],
                [0., 0., 0., 1.],
                [0., 1., 0., 0.]])
    """
    check_labels(y, K)
    E = y.flatten().shape[0]
    Y = torch.zeros([E, K])
    for i in range(E):
        Y[i, int(y.flatten()[i])] = 1
    return Y

"""The ``torch.nn.Module`` networks and layers, in the chapter's order."""
import torch


def _with_ones(X):
    """Append a column of ones: ``[X 1]``, so that a bias folds into ``W``."""
    return torch.hstack([X, torch.ones(X.shape[0], 1)])


class FoldedBiasNet(torch.nn.Module):
    """The 2-3-3-4 network with each bias folded into its weight matrix.

    ``[X 1] @ [W; b]`` equals ``X @ W + b``, so each ``W`` has one extra row.
    Seeded like :func:`~quadnet.scratch.init_params`, ``W1`` and ``W2`` hold
    exactly ``[W1; b1]`` and ``[W2; b2]``. ``W3`` does not: it draws its 16
    numbers at once, and torch draws 16 or more normal random numbers by
    a different (vectorized) path than 12 and then 4.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> net = FoldedBiasNet()
        >>> [tuple(p.shape) for p in net.parameters()]
        [(3, 3), (4, 3), (4, 4)]
        >>> net(torch.zeros(5, 2)).shape
        torch.Size([5, 4])
    """

    def __init__(self):
        super().__init__()
        # 定义可学习参数 (the learnable parameters)
        # 注意W多了1行,多的1行等价于b (W has 1 more row: it acts as b)
        self.W1 = torch.nn.Parameter(torch.randn(2+1, 3) * 0.01,
                                     requires_grad=True)
        self.W2 = torch.nn.Parameter(torch.randn(3+1, 3) * 0.01,
                                     requires_grad=True)
        self.W3 = torch.nn.Parameter(torch.randn(3+1, 4) * 0.01,
                                     requires_grad=True)

    def act(self, X):
        return torch.sigmoid(X)

    def forward(self, X):
        # 扩展出一列1 (append a column of ones)
        A0 = _with_ones(X)
        Z1 = torch.matmul(A0, self.W1)
        A1 = _with_ones(self.act(Z1))
        Z2 = torch.matmul(A1, self.W2)
        A2 = _with_ones(self.act(Z2))
        Z3 = torch.matmul(A2, self.W3)
        A3 = self.act(Z3)
        return A3


class weightedsum(torch.nn.Module):
    """A layer that computes the weighted sum ``[X 1] @ W``, nothing else.

    Args:
        N_in: Number of inputs per point.
        N_out: Number of outputs per point.

    Shape:
        ``(n, N_in) -> (n, N_out)``

    Example:
        >>> _ = torch.manual_seed(0)
        >>> layer = weightedsum(2, 3)
        >>> layer.W.shape, layer(torch.ones(4, 2)).shape
        (torch.Size([3, 3]), torch.Size([4, 3]))
    """

    def __init__(self, N_in, N_out):
        super().__init__()
        self.W = torch.nn.Parameter(torch.randn(N_in+1, N_out) * 0.01,
                                    requires_grad=True)

    def forward(self, X):
        X_extend = _with_ones(X)
        Z = torch.matmul(X_extend, self.W)
        return Z


class WeightedSumNet(torch.nn.Module):
    """The 2-3-3-4 network built from three :class:`weightedsum` layers.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> WeightedSumNet()(torch.zeros(5, 2)).shape
        torch.Size([5, 4])
    """

    def __init__(self):
        super().__init__()
        self.MAC1 = weightedsum(2, 3)
        self.MAC2 = weightedsum(3, 3)
        self.MAC3 = weightedsum(3, 4)

    def act(self, X):
        return torch.sigmoid(X)

    def forward(self, X):
        Z1 = self.MAC1(X)
        A1 = self.act(Z1)
        Z2 = self.MAC2(A1)
        A2 = self.act(Z2)
        Z3 = self.MAC3(A2)
        A3 = self.act(Z3)
        return A3


class MyLayer(weightedsum):
    """A weighted sum followed by a sigmoid, in one layer.

    Args:
        N_in: Number of inputs per point.
        N_out: Number of outputs per point.

    Shape:
        ``(n, N_in) -> (n, N_out)``, each output in ``(0, 1)``.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> MyLayer(2, 3)(torch.zeros(1, 2)).round(decimals=3)
        tensor([[0.5010, 0.5020, 0.4980]], grad_fn=<RoundBackward1>)
    """

    def forward(self, X):
        Z = super().forward(X)
        return torch.sigmoid(Z)


class MyLayerNet(torch.nn.Module):
    """The 2-3-3-4 network from :class:`MyLayer`, with a softmax output.

    This is the original's design: a softmax on top of the last layer's
    sigmoid outputs. Each output row sums to 1, but since the softmax's
    inputs lie in ``[0, 1]``, no output can exceed e / (e + 3) ≈ 0.475, so
    the rows cannot approach one-hot targets. The standard form
    applies the softmax (or ``torch.nn.CrossEntropyLoss``) to the last
    weighted sum, the logits, instead.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> MyLayerNet()(torch.zeros(3, 2)).sum(dim=1)
        tensor([1.0000, 1.0000, 1.0000], grad_fn=<SumBackward1>)
    """

    def __init__(self):
        super().__init__()
        self.layer1 = MyLayer(2, 3)
        self.layer2 = MyLayer(3, 3)
        self.layer3 = MyLayer(3, 4)

    def forward(self, X):
        A1 = self.layer1(X)
        A2 = self.layer2(A1)
        A3 = self.layer3(A2)
        return torch.nn.functional.softmax(A3, dim=1)


class MyNet(torch.nn.Module):
    """A network of :class:`MyLayer` layers of any sizes, in a Sequential.

    Args:
        topology: Layer sizes, input first, for example ``[2, 10, 4]``.

    Example:
        >>> _ = torch.manual_seed(0)
        >>> MyNet([2, 10, 4])
        MyNet(
          (model): Sequential(
            (0-th layer): MyLayer()
            (1-th layer): MyLayer()
          )
        )
    """

    def __init__(self, topology):
        super().__init__()
        self.model = torch.nn.Sequential()
        for i in range(len(topology)-1):
            self.model.add_module(f'{i}-th layer',
                                  MyLayer(topology[i], topology[i+1]))

    def forward(self, X):
        return self.model(X)


def linear_sigmoid_net(topology):
    """Build the same kind of network from ``nn.Linear`` and ``nn.Sigmoid``.

    Args:
        topology: Layer sizes, input first, for example ``[2, 10, 4]``.

    Returns:
        A ``torch.nn.Sequential`` of alternating Linear and Sigmoid modules.

    Example:
        >>> linear_sigmoid_net([2, 10, 4])
        Sequential(
          (0-th MAC): Linear(in_features=2, out_features=10, bias=True)
          (0-th ACT): Sigmoid()
          (1-th MAC): Linear(in_features=10, out_features=4, bias=True)
          (1-th ACT): Sigmoid()
        )
    """
    net = torch.nn.Sequential()
    for i in range(len(topology)-1):
        net.add_module(f'{i}-th MAC',
                       torch.nn.Linear(topology[i], topology[i+1]))
        net.add_module(f'{i}-th ACT', torch.nn.Sigmoid())
    return net

"""quadnet: the code of the chapter "Training neural networks with PyTorch".

Each module shows one idea: :mod:`quadnet.data` the data,
:mod:`quadnet.scratch` the autograd-only network,
:mod:`quadnet.modules` the ``nn.Module`` networks and layers,
:mod:`quadnet.train` training and accuracy, :mod:`quadnet.plot` the plots,
and :mod:`quadnet.ceiling` the best accuracy any classifier can reach.
"""
from quadnet.ceiling import bayes_accuracy, near_axes, quadrant_rule, \
    stripes_accuracy
from quadnet.data import QUADRANT_CENTERS, make_quadrants, one_hot
from quadnet.modules import FoldedBiasNet, MyLayer, MyLayerNet, MyNet, \
    WeightedSumNet, linear_sigmoid_net, weightedsum
from quadnet.plot import plot_data, plot_decision_regions, plot_errors, \
    plot_loss, plot_network, plot_plateau
from quadnet.scratch import forward, init_params, logit_loss, loss, \
    manual_step
from quadnet.train import accuracy, plateau_epochs, plateau_loss, train

__all__ = [
    "QUADRANT_CENTERS", "make_quadrants", "one_hot",
    "init_params", "forward", "loss", "logit_loss", "manual_step",
    "FoldedBiasNet", "weightedsum", "WeightedSumNet", "MyLayer",
    "MyLayerNet", "MyNet", "linear_sigmoid_net",
    "train", "accuracy", "plateau_loss", "plateau_epochs",
    "plot_data", "plot_loss", "plot_errors", "plot_decision_regions",
    "plot_network", "plot_plateau",
    "quadrant_rule", "bayes_accuracy", "near_axes", "stripes_accuracy",
]

"""Claims of the chapter's prose that no glued number carries.

Each test is named for the sentence it backs; the numbers the prose quotes
are glued from the chapter's own cells.
"""
import math
import re
from pathlib import Path

import pytest
import torch

from quadnet import FoldedBiasNet, MyLayerNet, MyNet, WeightedSumNet, \
    forward, init_params, logit_loss, loss, plateau_epochs, plateau_loss, \
    train


class DropoutNet(torch.nn.Module):
    """A small network with dropout, to watch ``eval()`` switch it off."""

    def __init__(self):
        super().__init__()
        self.drop = torch.nn.Dropout(p=0.5)

    def forward(self, X):
        return self.drop(X)


class DropoutNetWithItsOwnTrain(DropoutNet):
    """The same network, with a ``train`` method of its own."""

    def train(self, X):  # a name that nn.Module already uses
        return X


def test_a_method_named_train_makes_eval_a_no_op_for_dropout():
    X = torch.ones(1, 1000)
    torch.manual_seed(0)
    plain = DropoutNet()
    plain.eval()
    assert torch.equal(plain(X), X)  # dropout is off after eval()
    shadowed = DropoutNetWithItsOwnTrain()
    shadowed.eval()  # calls self.train(False): our method, no error
    assert shadowed.drop.training
    assert (shadowed(X) == 0).any()  # dropout still drops


def test_parameters_misses_plain_tensors_and_modules_in_python_lists():
    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.registered = torch.nn.Parameter(torch.zeros(2))
            self.plain = torch.zeros(3, requires_grad=True)
            self.layers = [torch.nn.Linear(2, 2)]  # a Python list

    found = list(Net().parameters())
    assert [p.shape for p in found] == [torch.Size([2])]


def test_bce_with_logits_is_the_drop_in_loss_only_summed_over_n_or_mean_times_k(
        data, Y):
    X, _ = data
    torch.manual_seed(0)
    W1, b1, W2, b2, W3, b3 = init_params(scale=1.0)
    Z3 = torch.sigmoid(torch.sigmoid(X @ W1 + b1) @ W2 + b2) @ W3 + b3
    ours = loss(forward(X, W1, W2, W3, b1, b2, b3), Y)
    summed = torch.nn.BCEWithLogitsLoss(reduction="sum")(Z3, Y) / len(X)
    mean_times_k = torch.nn.BCEWithLogitsLoss()(Z3, Y) * Y.shape[1]
    torch.testing.assert_close(summed, ours)
    torch.testing.assert_close(mean_times_k, ours)
    # the default mean alone is K times too small
    assert torch.nn.BCEWithLogitsLoss()(Z3, Y) < ours / 3


@pytest.fixture(scope="module")
def first_style_runs(data, Y, scratch_trained):
    """Losses of the autograd-only run and of FoldedBiasNet's run."""
    torch.manual_seed(0)
    folded = train(FoldedBiasNet(), data[0], Y, lr=0.5, num_epochs=10000)
    return {"autograd-only": scratch_trained[0], "FoldedBiasNet": folded}


@pytest.mark.parametrize("run", ["autograd-only", "FoldedBiasNet"])
def test_first_style_loss_curves_pause_near_1_5_after_the_plateau(
        first_style_runs, run):
    # the alt texts: a long plateau at about 2.25, then a short second one
    # near 1.5 (one of the two splits learned), then the steep drop
    losses = first_style_runs[run]
    near_plateau = [abs(L - plateau_loss(4)) < 0.01 for L in losses]
    near_1_5 = [1.45 < L < 1.6 for L in losses]
    assert sum(near_plateau) > 2000
    assert 100 < sum(near_1_5) < sum(near_plateau)
    first = near_1_5.index(True)
    assert all(near_1_5[first:first + 100])  # one stretch, not a crossing
    assert near_plateau.index(True) < first


def test_hidden_layers_stay_an_almost_affine_image_of_X_at_small_init(data,
                                                                        Y):
    # exercise 5: after 2000 epochs from scale 0.01, A2 spreads very little
    # across the points, yet is still almost an affine function of X
    X, _ = data
    torch.manual_seed(0)
    W1, b1, W2, b2, W3, b3 = params = init_params(scale=0.01)
    train(lambda X: forward(X, W1, W2, W3, b1, b2, b3), X, Y, num_epochs=2000,
          optimizer=torch.optim.SGD(params, lr=0.5))
    with torch.no_grad():
        A2 = torch.sigmoid(torch.sigmoid(X @ W1 + b1) @ W2 + b2)
    assert A2.std(dim=0).max() < 2e-4
    design = torch.hstack([X, torch.ones(len(X), 1)]).double()
    fit = design @ torch.linalg.lstsq(design, A2.double()).solution
    residual = (A2.double() - fit).pow(2).sum(dim=0)
    total = (A2.double() - A2.double().mean(dim=0)).pow(2).sum(dim=0)
    assert (1 - residual / total).min() > 0.99  # R^2 of the affine fit


HTML = Path(__file__).resolve().parent.parent / "_build" / "html"


@pytest.mark.parametrize("edition", ["zh", "en"])
def test_api_entries_link_to_their_full_source_with_its_checks(edition):
    # the chapter's front matter: "each of its entries links to the full
    # source" (sphinx.ext.viewcode), argument checks included
    api = HTML / edition / "api.html"
    if not api.exists():
        pytest.skip(f"{api} is missing: run make html first")
    html = api.read_text(encoding="utf-8")
    link = re.search(r'href="(_modules/quadnet/scratch\.html)#forward"', html)
    assert link, "no source link on the entry of quadnet.scratch.forward"
    source = (api.parent / link.group(1)).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", source)  # Pygments splits code into spans
    assert re.search(r"\bdef forward\(", text)
    assert re.search(r"\bcheck_\w+\(", text)


def test_adam_trained_much_longer_turns_the_handwritten_loss_nan(data, Y):
    # exercise 4: "keep to 1500 epochs": Adam saturates an output later on
    X, _ = data
    torch.manual_seed(0)
    net = MyNet([2, 10, 4])
    losses = train(net, X, Y, num_epochs=10000,
                   optimizer=torch.optim.Adam(net.parameters(), lr=0.05))
    assert all(math.isfinite(L) for L in losses[:1500])
    first_nan = next(i for i, L in enumerate(losses) if math.isnan(L))
    torch.manual_seed(0)
    net = MyNet([2, 10, 4])
    train(net, X, Y, num_epochs=first_nan,
          optimizer=torch.optim.Adam(net.parameters(), lr=0.05))
    with torch.no_grad():
        assert (net(X) == 1).any()  # "drives some outputs to exactly 1"


def test_mylayernet_loss_never_falls_below_its_softmax_floor(data, Y):
    # the dotted line under MyLayerNet's loss curve
    X, _ = data
    lowest = -math.log(math.e / (math.e + 3)) - 3 * math.log(
        1 - 1 / (math.e + 3))
    torch.manual_seed(0)
    net = MyLayerNet()
    with torch.no_grad():
        for layer in net.children():
            layer.W.mul_(1000)  # push every sigmoid towards 0 or 1
        assert loss(net(X), Y).item() >= lowest - 1e-5


def test_logit_loss_equals_the_chapter_loss_on_the_sigmoid_outputs(data, Y):
    X, _ = data
    torch.manual_seed(0)
    W1, b1, W2, b2, W3, b3 = init_params(scale=1.0)
    Z3 = torch.sigmoid(torch.sigmoid(X @ W1 + b1) @ W2 + b2) @ W3 + b3
    torch.testing.assert_close(logit_loss(Z3, Y), loss(torch.sigmoid(Z3), Y))


def test_mylayernet_stays_on_the_plateau_for_all_10000_epochs(data, Y):
    # the chapter trains MyLayerNet once: its loss never leaves the plateau
    X, _ = data
    torch.manual_seed(0)
    losses = train(MyLayerNet(), X, Y, num_epochs=10000)
    assert plateau_epochs(losses)[1] is None


def test_mylayernet_gets_a_far_smaller_last_layer_gradient_than_weightedsumnet(
        data, Y):
    # what holds MyLayerNet on the plateau is its gradients, not the cap
    X, _ = data
    torch.manual_seed(0)
    softmax_net = MyLayerNet()
    loss(softmax_net(X), Y).backward()
    torch.manual_seed(0)
    sum_net = WeightedSumNet()
    loss(sum_net(X), Y).backward()
    assert softmax_net.layer3.W.grad.norm() * 100 < sum_net.MAC3.W.grad.norm()

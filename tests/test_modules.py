import math

import pytest
import torch

from quadnet import FoldedBiasNet, MyLayer, MyLayerNet, MyNet, \
    WeightedSumNet, forward, init_params, linear_sigmoid_net, loss, train, \
    weightedsum

X5 = torch.randn(5, 2, generator=torch.Generator().manual_seed(1))


def test_folded_bias_equals_weighted_sum_plus_bias():
    gen = torch.Generator().manual_seed(0)
    W, b = torch.randn(2, 3, generator=gen), torch.randn(1, 3, generator=gen)
    folded = torch.hstack([X5, torch.ones(5, 1)]) @ torch.vstack([W, b])
    torch.testing.assert_close(folded, X5 @ W + b)

    torch.manual_seed(0)
    net = FoldedBiasNet()
    A = X5
    for W in (net.W1, net.W2, net.W3):  # last row of each W is its bias
        A = torch.sigmoid(A @ W[:-1] + W[-1])
    torch.testing.assert_close(net(X5), A)


def test_weightedsum_net_equals_folded_bias_net_with_same_seed():
    torch.manual_seed(0)
    folded = FoldedBiasNet()
    torch.manual_seed(0)
    assert torch.equal(WeightedSumNet()(X5), folded(X5))


def test_weightedsum_equals_torch_linear_with_same_weights():
    layer, linear = weightedsum(2, 3), torch.nn.Linear(2, 3)
    with torch.no_grad():
        linear.weight.copy_(layer.W[:-1].T)
        linear.bias.copy_(layer.W[-1])
    torch.testing.assert_close(layer(X5), linear(X5))


def test_mylayer_equals_sigmoid_of_weightedsum_with_same_params():
    layer, mac = MyLayer(2, 3), weightedsum(2, 3)
    mac.load_state_dict(layer.state_dict())
    torch.testing.assert_close(layer(X5), torch.sigmoid(mac(X5)))


def test_mylayernet_rows_sum_to_one():
    torch.testing.assert_close(MyLayerNet()(X5).sum(dim=1), torch.ones(5))


def test_mynet_prints_like_the_original():
    assert repr(MyNet([2, 10, 4])) == (
        "MyNet(\n  (model): Sequential(\n"
        "    (0-th layer): MyLayer()\n    (1-th layer): MyLayer()\n"
        "  )\n)")


def test_linear_sigmoid_net_prints_like_the_original():
    assert repr(linear_sigmoid_net([2, 10, 4])) == (
        "Sequential(\n"
        "  (0-th MAC): Linear(in_features=2, out_features=10, bias=True)\n"
        "  (0-th ACT): Sigmoid()\n"
        "  (1-th MAC): Linear(in_features=10, out_features=4, bias=True)\n"
        "  (1-th ACT): Sigmoid()\n)")


@pytest.mark.parametrize("build", [MyNet, linear_sigmoid_net])
def test_nets_accept_any_deep_topology(build):
    net = build([2, 3, 4, 4, 5, 3, 4])
    assert net(X5).shape == (5, 4)
    n_linear = sum(isinstance(m, (weightedsum, torch.nn.Linear))
                   for m in net.modules())
    assert n_linear == 6


def test_trained_mynet_reproduces_the_original_printed_rows(data,
                                                            mynet_trained):
    X, _ = data
    A = mynet_trained.model.forward(X).detach()
    original = torch.tensor(  # first and last row as the original printed
        [[4.7462e-04, 9.9875e-01, 5.6821e-04, 1.9276e-08],
         [3.9896e-04, 9.9906e-01, 6.2628e-04, 1.7238e-08]])
    # 1 unit in the 5th digit (2e-5 relative) is not attainable: float32
    # rounding over 10000 steps depends on the machine (BLAS, SIMD). This
    # machine prints 4.7466e-04 (4 units off; the largest relative gap is
    # 1.06e-4, at 1.7240e-08); in float64 the same run prints 4.7460e-04,
    # so both float32 runs drift from the exact value. rtol=1.5e-4 keeps
    # a little margin; atol=0, as the default 1e-5 would swallow 1.9e-08.
    torch.testing.assert_close(A[[0, -1]], original, rtol=1.5e-4, atol=0)


@pytest.mark.parametrize("build, topology, match", [
    (MyNet, [2, 2.5, 4], "must be tuple of ints,but got float"),
    (linear_sigmoid_net, [2, 2.5, 4], "must be tuple of ints, but found "
     "element of type float"),
    (MyNet, 3, "object of type 'int' has no len"),
])
def test_nets_leave_a_topology_of_non_ints_to_torchs_own_error(build,
                                                               topology,
                                                               match):
    with pytest.raises(TypeError, match=match):
        build(topology)


@pytest.mark.parametrize("build", [MyNet, linear_sigmoid_net])
def test_a_net_without_layers_cannot_be_trained(build):
    # [2] builds no layer: the net passes X through, and has nothing to train
    with pytest.raises(ValueError, match="optimizer got an empty parameter"):
        train(build([2]), X5, torch.eye(2)[[0, 1, 0, 1, 0]])


def test_weightedsum_leaves_a_negative_size_to_torchs_own_error():
    with pytest.raises(RuntimeError, match="negative dimension -1"):
        weightedsum(2, -1)


@pytest.mark.parametrize("net", [FoldedBiasNet(), MyNet([2, 10, 4])])
def test_nets_leave_X_of_wrong_width_to_torchs_own_error(net):
    # the first weighted sum multiplies [X 1], one column wider than X
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be "
                       r"multiplied \(5x4 and 3x"):
        net(torch.zeros(5, 3))


def test_folded_bias_net_w1_w2_equal_stacked_init_params_but_w3_does_not():
    # the editor's note on "生成的随机值并不对应相同"
    torch.manual_seed(0)
    W1, b1, W2, b2, W3, b3 = init_params()
    torch.manual_seed(0)
    net = FoldedBiasNet()
    assert torch.equal(net.W1, torch.cat([W1, b1]))
    assert torch.equal(net.W2, torch.cat([W2, b2]))
    assert not torch.equal(net.W3, torch.cat([W3, b3]))


@pytest.mark.parametrize("n, same", [(15, True), (16, False)])
def test_randn_draws_16_or_more_numbers_by_another_path(n, same):
    torch.manual_seed(0)
    at_once = torch.randn(n)
    torch.manual_seed(0)
    in_two = torch.cat([torch.randn(n - 4), torch.randn(4)])
    assert torch.equal(at_once, in_two) == same


def test_folded_bias_gradients_round_differently_from_identical_values(data, Y):
    X, _ = data
    torch.manual_seed(0)
    params = init_params()
    net = FoldedBiasNet()
    Ws = (net.W1, net.W2, net.W3)
    with torch.no_grad():
        for k, W in enumerate(Ws):
            W.copy_(torch.cat([params[2 * k], params[2 * k + 1]]))
    out_folded = net(X)
    out = forward(X, *params[0::2], *params[1::2])
    torch.testing.assert_close(out_folded, out)  # the same function
    loss(out_folded, Y).backward()
    loss(out, Y).backward()
    grads = [torch.cat([params[2 * k].grad, params[2 * k + 1].grad])
             for k in range(3)]
    for W, g in zip(Ws, grads):
        torch.testing.assert_close(W.grad, g)  # equal up to rounding ...
    assert not all(torch.equal(W.grad, g) for W, g in zip(Ws, grads))
    # ... and not only the biases': the weight rows (all but the last row) of
    # layers 1 and 2 differ too, the backward products having other shapes
    for W, g in zip(Ws[:2], grads[:2]):
        assert not torch.equal(W.grad[:-1], g[:-1])


def test_mylayernet_outputs_never_exceed_e_over_e_plus_3():
    # softmax of sigmoid outputs: inputs in [0, 1] cap each output
    cap = math.e / (math.e + 3)
    net = MyLayerNet()
    with torch.no_grad():  # push the last layer as far as it goes
        net.layer3.W.copy_(torch.tensor([[1e4, -1e4, -1e4, -1e4]] * 4))
    out = net(100 * torch.randn(1000, 2,
                                generator=torch.Generator().manual_seed(0)))
    assert out.max().item() <= cap + 1e-6
    torch.testing.assert_close(out.max().item(), cap, rtol=1e-4, atol=0)


def test_nn_linear_initial_weights_are_about_40_times_weightedsums():
    torch.manual_seed(0)
    linear = torch.nn.Linear(2, 100_000)
    ours = weightedsum(2, 100_000)
    ratio = linear.weight.std() / ours.W.std()
    assert 38 < ratio < 44  # 1/sqrt(2)/sqrt(3) / 0.01 = 40.8

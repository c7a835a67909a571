import pytest
import torch

from quadnet import MyNet, accuracy, bayes_accuracy, forward, \
    linear_sigmoid_net, loss, plateau_epochs, plateau_loss, train


def small_net():
    return torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Sigmoid())


def test_train_returns_one_float_loss_per_epoch(data, Y):
    losses = train(small_net(), data[0], Y, num_epochs=20)
    assert len(losses) == 20
    assert all(type(L) is float for L in losses)


def test_train_matches_handwritten_optimizer_loop_bitwise(data, Y):
    X, _ = data
    torch.manual_seed(0)
    net = MyNet([2, 10, 4])
    losses = train(net, X, Y, lr=0.5, num_epochs=50)

    torch.manual_seed(0)
    ref = MyNet([2, 10, 4])
    optimizer = torch.optim.SGD(ref.parameters(), lr=0.5)
    ref_losses = []
    for _ in range(50):
        L = loss(ref(X), Y)
        optimizer.zero_grad()
        L.backward()
        ref_losses.append(L.item())
        optimizer.step()
    assert losses == ref_losses
    assert all(torch.equal(p, q)
               for p, q in zip(net.parameters(), ref.parameters()))


def test_train_uses_a_custom_optimizer(data, Y):
    net = small_net()
    optimizer = torch.optim.Adam(net.parameters(), lr=0.05)
    losses = train(net, data[0], Y, num_epochs=30, optimizer=optimizer)
    assert all(optimizer.state[p]["step"] == 30 for p in net.parameters())
    assert losses[-1] < losses[0]


@pytest.mark.parametrize("y, expected", [
    ([0, 1, 2], 1.0), ([1, 2, 0], 0.0), ([0, 1, 0], 2 / 3)])
def test_accuracy_counts_rows_whose_argmax_is_the_label(y, expected):
    assert accuracy(torch.eye(3), torch.tensor(y)) == pytest.approx(expected)


def test_accuracy_equals_the_original_expression(data, scratch_trained):
    X, y = data
    W1, b1, W2, b2, W3, b3 = scratch_trained[1]
    with torch.no_grad():
        yhat = forward(X, W1, W2, W3, b1, b2, b3)
    original = (torch.argmax(yhat, dim=1) == y).sum() / y.numel()
    # the original is a float32 tensor, accuracy a Python float
    assert torch.equal(torch.tensor(accuracy(yhat, y)), original)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"lr": -1}, ValueError, "Invalid learning rate: -1"),
    ({"num_epochs": 2.5}, TypeError,
     "'float' object cannot be interpreted as an integer"),
])
def test_train_leaves_bad_arguments_to_torchs_own_error(data, Y, kwargs,
                                                        error, match):
    with pytest.raises(error, match=match):
        train(small_net(), data[0], Y, **kwargs)


def test_train_rejects_labels_where_one_hot_targets_belong(data):
    # the loss's own check: (n,) labels would broadcast against (n, 4)
    with pytest.raises(ValueError, match=r"target \(800,\)"):
        train(small_net(), data[0], data[1], num_epochs=1)


@pytest.mark.parametrize("y_hat, y, match", [
    (torch.rand(4), torch.tensor([0, 1, 2, 3]), r"got \(4,\) and \(4,\)"),
    (torch.rand(4, 2), torch.tensor([0, 1, 0]), r"and \(3,\)"),
    (torch.eye(4), torch.tensor([[0], [1], [2], [3]]), r"and \(4, 1\)"),
    (torch.rand(4, 2), torch.tensor([0, 1, 2, 0]),
     r"y must hold whole numbers in \[0, K\) = \[0, 2\), got 2"),
])
def test_accuracy_rejects_bad_input_naming_it(y_hat, y, match):
    # without it labels of shape (n, 1) would broadcast to (n, n), and a
    # label K would silently count as wrong
    with pytest.raises(ValueError, match=match):
        accuracy(y_hat, y)


def test_accuracy_of_no_points_is_a_division_by_zero():
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        accuracy(torch.rand(0, 2), torch.tensor([], dtype=torch.long))


def test_plateau_loss_is_the_loss_of_outputting_one_over_k_everywhere():
    Y = torch.eye(4).repeat(5, 1)
    expected = loss(torch.full_like(Y, 0.25), Y).item()
    assert plateau_loss(4) == pytest.approx(expected, rel=1e-6)
    assert plateau_loss(4) == pytest.approx(2.2493, abs=1e-4)


def test_plateau_epochs_finds_entry_and_exit():
    h = plateau_loss(4)
    assert plateau_epochs([3.0, h + 0.005, h, h - 0.005, h - 0.5]) == (1, 4)
    assert plateau_epochs([3.0, 2.9]) == (None, None)
    assert plateau_epochs([3.0, h, h]) == (1, None)


def test_plateau_rejects_bad_arguments():
    with pytest.raises(ValueError, match="K must be at least 2, got 1"):
        plateau_loss(1)
    with pytest.raises(ValueError, match="tol must be positive"):
        plateau_epochs([1.0], tol=0)


def test_first_training_is_still_on_the_plateau_after_2000_epochs(
        scratch_trained):
    # exercise 5: the 2000-epoch run never leaves; the 10000-epoch one does
    enter, leave = plateau_epochs(scratch_trained[0])
    assert enter < 100 and 2000 < leave < 10000
    assert plateau_epochs(scratch_trained[0][:2000])[1] is None


def test_mynet_2_10_4_leaves_the_plateau_within_tens_of_epochs(data, Y):
    torch.manual_seed(0)
    losses = train(MyNet([2, 10, 4]), data[0], Y, num_epochs=100)
    assert plateau_epochs(losses)[1] < 100


def test_relu_and_sigmoid_nets_start_from_identical_weights():
    torch.manual_seed(0)
    relu = torch.nn.Sequential(torch.nn.Linear(2, 10), torch.nn.ReLU(),
                               torch.nn.Linear(10, 4), torch.nn.Sigmoid())
    torch.manual_seed(0)
    sigmoid = linear_sigmoid_net([2, 10, 4])
    assert all(torch.equal(p, q) for p, q in zip(relu.parameters(),
                                                 sigmoid.parameters()))


def test_adam_beats_the_ceiling_on_training_points_but_not_on_new_data(
        data, Y, new_data):
    # exercise 4: training accuracy above the ceiling is fitted noise
    X, y = data
    torch.manual_seed(0)
    net = MyNet([2, 10, 4])
    optimizer = torch.optim.Adam(net.parameters(), lr=0.05)
    train(net, X, Y, num_epochs=1500, optimizer=optimizer)
    assert accuracy(net(X), y) > bayes_accuracy(0.5)
    assert accuracy(net(new_data[0]), new_data[1]) < bayes_accuracy(0.5)


def test_lr5_loss_peaks_right_after_the_first_step(data, Y):
    # exercise 1: "一步之后 ... 跳到了 ...（这也是整个训练中最高的 loss）"
    torch.manual_seed(0)
    losses = train(MyNet([2, 10, 4]), data[0], Y, lr=5.0, num_epochs=1500)
    assert losses[1] > losses[0]
    assert losses.index(max(losses)) == 1


def test_sgd_net_of_exercise_4_is_within_one_standard_error_of_the_ceiling(
        data, Y, new_data):
    X, _ = data
    torch.manual_seed(0)
    net = MyNet([2, 10, 4])
    train(net, X, Y, lr=0.5, num_epochs=1500)
    ceiling = bayes_accuracy(0.5)
    se = (ceiling * (1 - ceiling) / len(new_data[1])) ** 0.5
    assert abs(accuracy(net(new_data[0]), new_data[1]) - ceiling) < se

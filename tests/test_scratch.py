import pytest
import torch
import torch.nn.functional as F

from quadnet import accuracy, forward, init_params, loss, manual_step, \
    one_hot

SHAPES = [(2, 3), (1, 3), (3, 3), (1, 3), (3, 4), (1, 4)]


def test_init_params_shapes_are_w1_b1_w2_b2_w3_b3():
    params = init_params()
    assert [tuple(p.shape) for p in params] == SHAPES
    assert all(isinstance(p, torch.nn.Parameter) and p.requires_grad
               for p in params)


def test_init_params_draws_in_the_original_order():
    torch.manual_seed(0)
    params = init_params()
    torch.manual_seed(0)
    expected = [torch.randn(*shape) * 0.01 for shape in SHAPES]
    assert all(torch.equal(p, e) for p, e in zip(params, expected))


def test_handwritten_loss_equals_torch_binary_cross_entropy():
    gen = torch.Generator().manual_seed(0)
    n, K = 50, 4
    pred = torch.rand(n, K, generator=gen) * 0.98 + 0.01  # inside (0, 1)
    target = one_hot(torch.randint(K, (n,), generator=gen), K)
    L = loss(pred, target)
    torch.testing.assert_close(
        L, F.binary_cross_entropy(pred, target, reduction="sum") / n)
    torch.testing.assert_close(L, F.binary_cross_entropy(pred, target) * K)
    # the chapter's cell uses the module form
    bce = torch.nn.BCELoss(reduction="sum")
    torch.testing.assert_close(L, bce(pred, target) / n)
    torch.testing.assert_close(L, torch.nn.BCELoss()(pred, target) * K)


def test_manual_step_updates_by_minus_lr_grad_and_zeroes_grads():
    w = torch.nn.Parameter(torch.tensor([[1.0, -2.0], [0.5, 3.0]]))
    w0 = w.detach().clone()
    (w ** 2).sum().backward()
    grad = w.grad.clone()  # 2 * w0
    manual_step([w], lr=0.1)
    torch.testing.assert_close(w.detach(), w0 - 0.1 * grad)
    assert torch.equal(w.grad, torch.zeros(2, 2))


def test_autograd_only_training_reaches_0955_with_seed_0(data,
                                                         scratch_trained):
    X, y = data
    W1, b1, W2, b2, W3, b3 = scratch_trained[1]
    with torch.no_grad():
        y_hat = forward(X, W1, W2, W3, b1, b2, b3)
    assert accuracy(y_hat, y) == 0.955  # 764 of 800 points


@pytest.mark.parametrize("X, error, match", [
    (torch.zeros(800, 3), RuntimeError,
     r"mat1 and mat2 shapes cannot be multiplied \(800x3 and 2x3\)"),
    (torch.zeros(800), RuntimeError,
     r"mat1 and mat2 shapes cannot be multiplied \(1x800 and 2x3\)"),
    (torch.zeros(5, 2, dtype=torch.float64), RuntimeError,
     "expected m1 and m2 to have the same dtype, but got: double != float"),
])
def test_forward_leaves_a_wrong_X_to_torchs_error(X, error, match):  # noqa
    W1, b1, W2, b2, W3, b3 = init_params()
    with pytest.raises(error, match=match):
        forward(X, W1, W2, W3, b1, b2, b3)


@pytest.mark.parametrize("target", [torch.zeros(4, 3), torch.zeros(4),
                                    torch.tensor([0, 1, 2, 3])])
def test_loss_rejects_a_target_of_another_shape_naming_both(target):
    # torch would broadcast (4,) against (4, 4) and return a wrong loss
    match = rf"pred \(4, 4\) and target \({target.shape[0]},"
    with pytest.raises(ValueError, match=match):
        loss(torch.full((4, 4), 0.5), target)


@pytest.mark.parametrize("kwargs, error, match", [
    ({"scale": 0}, ValueError, "scale must be positive and finite, got 0"),
    ({"scale": "1"}, TypeError, "scale must be a number, got str '1'"),
    ({"scale": -0.01}, ValueError, "scale must be positive and finite, got -0.01"),
])
def test_init_params_rejects_bad_input_naming_argument_and_value(
        kwargs, error, match):
    with pytest.raises(error, match=match):
        init_params(**kwargs)


@pytest.mark.parametrize("lr", [0, -0.5])
def test_manual_step_rejects_non_positive_lr(lr):
    w = torch.nn.Parameter(torch.ones(2))
    w.sum().backward()
    with pytest.raises(ValueError, match=f"lr must be positive and finite, got {lr}"):
        manual_step([w], lr)


def test_manual_step_rejects_param_without_grad_and_updates_nothing():
    w = torch.nn.Parameter(torch.ones(2))
    v = torch.nn.Parameter(torch.ones(2, 3))
    w.sum().backward()  # v gets no gradient
    with pytest.raises(ValueError,
                       match=r"params .*shape \(2, 3\) without a gradient"):
        manual_step([w, v], 0.5)
    assert torch.equal(w.detach(), torch.ones(2))


def test_no_grad_inplace_update_matches_data_update_bitwise(data, Y):
    # "两种写法得到的参数一模一样" / "Both give exactly the same parameters"
    X, _ = data
    runs = []
    for idiom in ("data", "no_grad"):
        torch.manual_seed(0)
        W1, b1, W2, b2, W3, b3 = params = init_params()
        for _ in range(100):
            loss(forward(X, W1, W2, W3, b1, b2, b3), Y).backward()
            for p in params:
                if idiom == "data":
                    p.data = p.data - 0.5 * p.grad
                else:
                    with torch.no_grad():
                        p -= 0.5 * p.grad
                p.grad.zero_()
        runs.append(params)
    assert all(torch.equal(p, q) for p, q in zip(*runs))
    assert not torch.equal(runs[0][0], init_params()[0])  # it did train


def test_data_update_hides_a_stale_graph_that_no_grad_update_reports():
    # ".data bypasses autograd's version counter"
    w = torch.nn.Parameter(torch.tensor([1.0, 2.0]))
    L = (w * w).sum()
    w.data = w.data - 1
    L.backward()  # no error, but the gradient used the new values
    assert torch.equal(w.grad, torch.tensor([0.0, 2.0]))  # not 2 * [1, 2]

    w = torch.nn.Parameter(torch.tensor([1.0, 2.0]))
    L = (w * w).sum()
    with torch.no_grad():
        w -= 1
    with pytest.raises(RuntimeError, match="modified by an inplace"):
        L.backward()


def test_float32_sigmoid_rounds_to_1_from_16_6_but_to_0_only_below_minus_88_7():
    # "这种舍入并不对称" / "Saturation is not symmetric"
    def sigmoid(z):
        return torch.sigmoid(torch.tensor(z)).item()
    assert sigmoid(16.6) < 1.0 and sigmoid(16.7) == 1.0
    assert sigmoid(-88.7) > 0.0 and sigmoid(-88.8) == 0.0
    assert sigmoid(20.0) == 1.0 and sigmoid(-20.0) > 0.0


def test_bce_with_logits_on_z3_equals_the_chapter_loss(data, Y):
    # "对本章的网络来说，能直接替换 loss 的，是把 Z3 交给 BCEWithLogitsLoss"
    X, _ = data
    torch.manual_seed(0)
    W1, b1, W2, b2, W3, b3 = init_params(scale=1.0)
    A2 = torch.sigmoid(torch.sigmoid(X @ W1 + b1) @ W2 + b2)
    Z3 = A2 @ W3 + b3
    with_logits = torch.nn.BCEWithLogitsLoss(reduction="sum")(Z3, Y) / len(X)
    torch.testing.assert_close(with_logits,
                               loss(forward(X, W1, W2, W3, b1, b2, b3), Y))


def test_cross_entropy_loss_also_accepts_class_probabilities(data, Y):
    logits = torch.randn(len(Y), 4, generator=torch.Generator().manual_seed(0))
    by_label = torch.nn.CrossEntropyLoss()(logits, data[1])
    by_probability = torch.nn.CrossEntropyLoss()(logits, Y)
    torch.testing.assert_close(by_label, by_probability)


def test_forward_with_init_params_order_says_which_order_it_takes():
    # forward(X, *init_params()) passes b1 where W2 belongs
    with pytest.raises(ValueError, match=r"\(2, 3\), \(1, 3\), \(3, 3\) "
                       r"do not chain; the order is forward\(X, W1, W2, W3, "
                       r"b1, b2, b3\), not the W1, b1, W2, b2, W3, b3"):
        forward(torch.zeros(5, 2), *init_params())


def test_forward_with_vector_biases_equals_forward_with_row_biases():
    W1, b1, W2, b2, W3, b3 = init_params()
    X = torch.randn(5, 2, generator=torch.Generator().manual_seed(0))
    torch.testing.assert_close(forward(X, W1, W2, W3, b1[0], b2[0], b3[0]),
                               forward(X, W1, W2, W3, b1, b2, b3),
                               rtol=0, atol=0)


@pytest.mark.parametrize("b3, error, match", [
    (torch.zeros(1, 3), RuntimeError,
     r"size of tensor a \(4\) must match the size of tensor b \(3\)"),
    ([0.0], TypeError, "unsupported operand type.*'Tensor' and 'list'"),
])
def test_forward_leaves_a_wrong_bias_to_torchs_own_error(b3, error, match):
    W1, b1, W2, b2, W3, _ = init_params()
    with pytest.raises(error, match=match):
        forward(torch.zeros(5, 2), W1, W2, W3, b1, b2, b3)


# with AVX2 or AVX-512 kernels SGD's add_ is a fused multiply-add, which
# rounds once; the default kernel rounds twice, like p - lr * g
FUSED = torch.backends.cpu.get_cpu_capability() != "DEFAULT"


@pytest.mark.parametrize("lr, bitwise", [(0.5, True), (0.3, not FUSED)])
def test_sgd_equals_the_handwritten_update_bitwise_only_at_a_power_of_two_lr(
        data, Y, lr, bitwise):
    # "结果和之前是一样的": at the chapter's lr = 0.5, SGD repeats manual_step
    # bit for bit. SGD rounds p + (-lr) * g once (fused), p - lr * g rounds
    # the product first; multiplying by 0.5 is exact, by 0.3 it is not.
    # Equal steps from equal values: 30 steps prove it for 10000.
    X, _ = data
    runs = []
    for update in ("manual", "sgd"):
        torch.manual_seed(0)
        params = init_params()
        optimizer = torch.optim.SGD(params, lr=lr)
        for _ in range(30):
            L = loss(forward(X, *params[0::2], *params[1::2]), Y)
            optimizer.zero_grad()
            L.backward()
            if update == "sgd":
                optimizer.step()
            else:
                manual_step(params, lr)
        runs.append(params)
    same = all(torch.equal(p, q) for p, q in zip(*runs))
    assert same == bitwise
    for p, q in zip(*runs):  # the difference is rounding, nothing more
        torch.testing.assert_close(p, q)


def test_data_assignment_leaves_earlier_views_of_the_old_memory_stale():
    # ".data = ..." gives the parameter new memory: the parameter and every
    # name bound to it see the new values, a view of the old memory does not
    w = torch.nn.Parameter(torch.ones(3))
    alias, row, params = w.data, w.data[0:2], [w]
    w.data = w.data - 1
    assert torch.equal(params[0].detach(), torch.zeros(3))
    assert torch.equal(alias, torch.ones(3))
    assert torch.equal(row, torch.ones(2))


def test_inplace_update_keeps_the_memory_so_earlier_views_see_it():
    w = torch.nn.Parameter(torch.ones(3))
    alias, row, ptr = w.data, w.data[0:2], w.data_ptr()
    with torch.no_grad():
        w -= 1
    assert w.data_ptr() == ptr
    assert torch.equal(alias, torch.zeros(3))
    assert torch.equal(row, torch.zeros(2))


def test_handwritten_loss_is_inf_on_a_saturated_wrong_output_torchs_is_not():
    p = torch.tensor([[1.0, 0.0]], requires_grad=True)
    target = torch.tensor([[0.0, 1.0]])
    L = loss(p, target)
    L.backward()
    assert L.item() == float("inf")
    assert p.grad.tolist() == [[float("inf"), float("-inf")]]
    # torch clamps each log at -100
    torch.testing.assert_close(F.binary_cross_entropy(p, target) * 2,
                               torch.tensor(200.0))


def test_handwritten_loss_is_nan_on_a_saturated_right_output_torchs_is_not():
    # the ReLU exercise: a single output of exactly 1 is enough for nan
    p = torch.tensor([[1.0, 0.0]], requires_grad=True)
    target = torch.tensor([[1.0, 0.0]])
    L = loss(p, target)
    L.backward()
    assert L.isnan() and p.grad.isnan().all()
    assert F.binary_cross_entropy(p, target).item() == 0.0


def test_loss_on_logits_stays_finite_where_sigmoid_saturates():
    z = torch.tensor([[20.0, -20.0]], requires_grad=True)
    target = torch.tensor([[0.0, 1.0]])
    L = torch.nn.BCEWithLogitsLoss(reduction="sum")(z, target)
    L.backward()
    torch.testing.assert_close(L, torch.tensor(40.0))
    torch.testing.assert_close(z.grad, torch.tensor([[1.0, -1.0]]))
    assert loss(torch.sigmoid(z), target).isinf()  # the same, by hand

# Exports small PyTorch MLPs to ONNX, with their outputs on fixed inputs, for OnnxPyTorchTest.
# Usage: export_mlps.py OUTDIR. Writes NAME.onnx, NAME.inputs.npy (n x features, float32) and
# NAME.outputs.npy (n x K, PyTorch's float32 outputs) per model; bad_*.onnx files have no arrays.
import math
import sys

import numpy as np
import torch
from torch import nn

out = sys.argv[1]
torch.manual_seed(0)


class MatMulAdd(nn.Module):
    """x @ W + b, which exports as MatMul then Add rather than Gemm."""

    def __init__(self, i, o):
        super().__init__()
        self.w = nn.Parameter(torch.randn(i, o) / math.sqrt(i))
        self.b = nn.Parameter(torch.randn(o) * 0.1)

    def forward(self, x):
        return x @ self.w + self.b


class ErfAct(nn.Module):
    """defrost's erf activation, erf(z / sqrt(2)): exports as Div then Erf."""

    def forward(self, x):
        return torch.erf(x / math.sqrt(2))


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.b = nn.Linear(4, 4), nn.Linear(4, 2)

    def forward(self, x):
        return self.b(torch.relu(self.a(x)) + x)


def export(name, model, shape, dynamic=None, save_arrays=True):
    model.eval()
    x = torch.randn(5, *shape)
    dyn = dynamic or {"input": {0: "batch"}}
    torch.onnx.export(model, x, f"{out}/{name}.onnx", input_names=["input"], output_names=["logits"],
                      dynamic_axes=dyn, opset_version=13)
    if save_arrays:
        with torch.no_grad():
            y = model(x)
        np.save(f"{out}/{name}.inputs.npy", x.reshape(5, -1).numpy().astype(np.float32))
        np.save(f"{out}/{name}.outputs.npy", y.numpy().astype(np.float32))


export("relu_gemm", nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Dropout(0.5),
                                  nn.Linear(8, 3)), (6,))
export("tanh_flatten_no_bias", nn.Sequential(nn.Flatten(), nn.Linear(6, 5, bias=False), nn.Tanh(),
                                             nn.Linear(5, 4, bias=False), nn.Tanh(),
                                             nn.Linear(4, 1, bias=False)), (2, 3))
export("sigmoid_matmul_add", nn.Sequential(MatMulAdd(7, 6), nn.Sigmoid(), MatMulAdd(6, 5), nn.Sigmoid(),
                                           nn.Linear(5, 2)), (7,))
export("erf_mixed", nn.Sequential(MatMulAdd(4, 6), ErfAct(), nn.Linear(6, 6), ErfAct(), nn.Linear(6, 3)), (4,))
export("relu_some_bias", nn.Sequential(nn.Linear(5, 6), nn.ReLU(), nn.Linear(6, 6, bias=False), nn.ReLU(),
                                       nn.Linear(6, 2)), (5,))
export("bad_residual", Residual(), (4,), save_arrays=False)
export("bad_softmax", nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=1)), (4,), save_arrays=False)
export("bad_dynamic_width", nn.Sequential(nn.Flatten(), nn.Linear(6, 2)), (2, 3),
       dynamic={"input": {0: "batch", 2: "width"}}, save_arrays=False)

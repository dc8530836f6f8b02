# Exports small PyTorch CNNs to ONNX, with their outputs on fixed inputs, for OnnxCnnPyTorchTest.
# Usage: export_cnns.py OUTDIR. Writes NAME.onnx, NAME.inputs.npy (n x C*H*W, float32, NCHW order as PyTorch
# holds the images) and NAME.outputs.npy (n x K, PyTorch's float32 outputs) per model; bad_*.onnx have no arrays.
# Models with BatchNormalization are exported with training=PRESERVE (in eval mode), which keeps the
# BatchNormalization node instead of folding it into the Conv before it.
import sys

import numpy as np
import torch
from torch import nn

out = sys.argv[1]
torch.manual_seed(0)


def randomise_batch_norms(model):
    """Running statistics and affine parameters away from their defaults, so that they matter."""
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 3, 3, padding=1)
        self.fc = nn.Linear(3 * 5 * 5, 2)

    def forward(self, x):
        return self.fc(torch.flatten(torch.relu(self.conv(x)) + x, 1))


def export(name, model, shape, dynamic=None, save_arrays=True, preserve=False, randomise=True):
    if randomise:
        randomise_batch_norms(model)
    model.eval()
    x = torch.randn(6, *shape)
    dyn = dynamic or {"input": {0: "batch"}}
    mode = torch.onnx.TrainingMode.PRESERVE if preserve else torch.onnx.TrainingMode.EVAL
    torch.onnx.export(model, x, f"{out}/{name}.onnx", input_names=["input"], output_names=["logits"],
                      dynamic_axes=dyn, opset_version=13, training=mode)
    if save_arrays:
        with torch.no_grad():
            y = model(x)
        np.save(f"{out}/{name}.inputs.npy", x.reshape(6, -1).numpy().astype(np.float32))
        np.save(f"{out}/{name}.outputs.npy", y.numpy().astype(np.float32))


# 7x7 -> conv pad 1 -> 7x7 -> maxpool 2 -> 3x3 (floor); the conv's bias is folded into the running mean
export("conv_bn_relu_maxpool", nn.Sequential(
    nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
    nn.Linear(36, 3)), (3, 7, 7), preserve=True)
# 9x11 -> conv stride 2 pad 1 -> 5x6 -> avgpool 2 -> 2x3 -> conv 3x3 pad 1 -> 2x3 -> global average -> 6
export("conv_relu_avgpool_conv_relu_gap_linear", nn.Sequential(
    nn.Conv2d(3, 5, 3, stride=2, padding=1), nn.ReLU(), nn.AvgPool2d(2), nn.Conv2d(5, 6, 3, padding=1), nn.ReLU(),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(6, 4)), (3, 9, 11))
# bias-free 5x5 conv, overlapping max pooling, a dense block with BatchNorm1d, tanh, one output
export("tanh_conv_dense_bn", nn.Sequential(
    nn.Conv2d(3, 4, 5, stride=1, padding=2, bias=False), nn.Tanh(), nn.MaxPool2d(3, stride=2), nn.Dropout(0.3),
    nn.Flatten(), nn.Linear(4 * 4 * 4, 8), nn.BatchNorm1d(8), nn.Tanh(), nn.Linear(8, 1)), (3, 9, 10),
    preserve=True)
# one input channel, sigmoid, a valid (unpadded) conv, then two dense blocks
export("sigmoid_valid_conv_two_dense", nn.Sequential(
    nn.Conv2d(1, 3, 3), nn.Sigmoid(), nn.Flatten(), nn.Linear(3 * 3 * 4, 7), nn.Sigmoid(), nn.Linear(7, 5),
    nn.Sigmoid(), nn.Linear(5, 2)), (1, 5, 6))
# a fresh BatchNorm1d, exported in eval mode: PyTorch shares its equal initializers through Identity nodes
export("dense_bn_fresh_statistics", nn.Sequential(
    nn.Linear(6, 5), nn.BatchNorm1d(5), nn.ReLU(), nn.Linear(5, 3)), (6,), randomise=False)

export("bad_group", nn.Sequential(nn.Conv2d(4, 4, 3, groups=2), nn.ReLU(), nn.Flatten(), nn.Linear(36, 2)),
       (4, 5, 5), save_arrays=False)
export("bad_dilation", nn.Sequential(nn.Conv2d(3, 2, 3, dilation=2), nn.ReLU(), nn.Flatten(), nn.Linear(2, 2)),
       (3, 5, 5), save_arrays=False)
export("bad_ceil_mode", nn.Sequential(nn.Conv2d(3, 2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True),
                                      nn.Flatten(), nn.Linear(32, 2)), (3, 7, 7), save_arrays=False)
export("bad_residual_cnn", Residual(), (3, 5, 5), save_arrays=False)
export("bad_dynamic_image", nn.Sequential(nn.Conv2d(3, 2, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                          nn.Linear(2, 2)), (3, 5, 5),
       dynamic={"input": {0: "batch", 2: "height", 3: "width"}}, save_arrays=False)

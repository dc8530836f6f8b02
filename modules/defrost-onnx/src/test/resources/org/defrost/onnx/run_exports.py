# Evaluates defrost's ONNX exports with PyTorch's own operators, independently of defrost's import: each node of
# the graph (in order) is mapped onto torch.nn.functional. Usage: run_exports.py MODEL INPUTS OUTPUTS [...] with
# INPUTS an (n, ...) float32 .npy reshaped to the model's declared input shape (NCHW images) and OUTPUTS the
# .npy written (n x K). Prints "ran MODEL" per model. Used by OnnxBlockExportTest.
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper


def attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def run(model_path, x):
    model = onnx.load(model_path)
    g = model.graph
    v = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in g.initializer}
    dims = [d.dim_value for d in g.input[0].type.tensor_type.shape.dim[1:]]
    v[g.input[0].name] = torch.from_numpy(x).reshape(x.shape[0], *dims)
    for n in g.node:
        a = attrs(n)
        i = [v[name] for name in n.input]
        op = n.op_type
        if op == "Conv":
            pad = a.get("pads", [0, 0, 0, 0])
            assert pad[0] == pad[1] == pad[2] == pad[3]
            y = F.conv2d(i[0], i[1], i[2] if len(i) > 2 else None, stride=a.get("strides", [1, 1]), padding=pad[0])
        elif op == "BatchNormalization":
            y = F.batch_norm(i[0], i[3], i[4], i[1], i[2], training=False, eps=a.get("epsilon", 1e-5))
        elif op == "Gemm":
            w = i[1].T if a.get("transB", 0) else i[1]
            y = i[0] @ w + (i[2] if len(i) > 2 else 0)
        elif op in ("MaxPool", "AveragePool"):
            pool = F.max_pool2d if op == "MaxPool" else F.avg_pool2d
            y = pool(i[0], a["kernel_shape"], a.get("strides", [1, 1]))
        elif op == "GlobalAveragePool":
            y = F.adaptive_avg_pool2d(i[0], 1)
        elif op == "Flatten":
            y = torch.flatten(i[0], a.get("axis", 1))
        elif op == "Div":
            y = i[0] / i[1]
        else:
            y = {"Relu": torch.relu, "Tanh": torch.tanh, "Sigmoid": torch.sigmoid, "Erf": torch.erf}[op](i[0])
        v[n.output[0]] = y
    return v[g.output[0].name].numpy().astype(np.float32)


args = sys.argv[1:]
for k in range(0, len(args), 3):
    np.save(args[k + 2], run(args[k], np.load(args[k + 1]).astype(np.float32)))
    print("ran", args[k])

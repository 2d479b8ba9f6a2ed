"""Writes torch_batchnorm.safetensors, the state_dict of a PyTorch module after three training steps, and prints
the evaluation-mode outputs TorchFileTests expects. Run once (python3 with torch); the tests never need Python.

torch 1.13 (Debian's python3-torch) has no safetensors package, so the file is written here by the reference
writer's rules (safetensors' prepare + serialize): data sorted by descending dtype (I64 before F32), then name;
compact JSON header, __metadata__ {"format": "pt"} first, tensors in data order, padded with spaces to 8 bytes.
"""
import json
import struct

import torch
import torch.nn as nn

torch.manual_seed(16)


class Module(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        self.bn2d = nn.BatchNorm2d(2)
        self.fc1 = nn.Linear(18, 4)
        self.bn1d = nn.BatchNorm1d(4)
        self.drop = nn.Dropout(0.3)
        self.fc2 = nn.Linear(4, 2)

    def forward(self, x):
        x = torch.relu(self.bn2d(self.conv(x)))
        x = torch.relu(self.bn1d(self.fc1(x.flatten(1))))
        return self.fc2(self.drop(x))


module = Module()
optimizer = torch.optim.SGD(module.parameters(), lr=0.1)
module.train()
for _ in range(3):
    x, y = torch.randn(6, 1, 5, 5) * 2 + 0.5, torch.randn(6, 2)
    loss = ((module(x) - y) ** 2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

module.eval()
inputs = torch.round(torch.randn(2, 1, 5, 5) * 4) / 4  # quarters: exact as C# literals
with torch.no_grad():
    outputs = module(inputs)

DTYPES = {torch.float32: ("F32", "<f"), torch.int64: ("I64", "<q")}
RANK = {"F32": 0, "I64": 1}  # the reference's Dtype enum order: I64 after F32
state = module.state_dict()
names = sorted(state, key=lambda name: (-RANK[DTYPES[state[name].dtype][0]], name.encode("utf-8")))
header, data = {"__metadata__": {"format": "pt"}}, b""
for name in names:
    tensor = state[name].contiguous()
    dtype, code = DTYPES[tensor.dtype]
    values = tensor.flatten().tolist()
    blob = struct.pack("<" + code[1] * len(values), *values)
    header[name] = {"dtype": dtype, "shape": list(tensor.shape), "data_offsets": [len(data), len(data) + len(blob)]}
    data += blob
text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
text += b" " * (-len(text) % 8)
with open("torch_batchnorm.safetensors", "wb") as file:
    file.write(struct.pack("<Q", len(text)) + text + data)

for name in state:
    print(name, state[name].dtype, list(state[name].shape))
print("inputs:", ", ".join(f"{v:g}f" for v in inputs.flatten().tolist()))
print("outputs:", ", ".join(f"{v!r}f" for v in outputs.flatten().tolist()))
print("running_mean bn1d:", state["bn1d.running_mean"].tolist())

"""Runs NetGen's generated PyTorch twins on the cases the C# tests wrote, in one process (torch starts once).

Usage: python3 torch_parity.py CASES_DIRECTORY. The directory holds cases.json, a list of cases, each with its
generated source, the weights NetGen saved (safetensors), the inputs and targets; for each case and mode ("train": the
batch statistics and dropout, then "eval") this writes <name>.<mode>.safetensors, shaped as the state_dict (each parameter's gradient under the
parameter's name, each buffer's value after the pass), and results.json with outputs, losses and state_dict keys.
Debian's python3-torch has no safetensors package, so this reads and writes the format itself.
"""
import json
import os
import struct
import sys
import traceback

import torch

DTYPES = {"F32": torch.float32, "I64": torch.int64}
NAMES = {dtype: name for name, dtype in DTYPES.items()}


def load_file(path):
    with open(path, "rb") as f:
        data = f.read()
    (header_length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_length])
    body = data[8 + header_length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        values = torch.frombuffer(bytearray(body[start:end]), dtype=DTYPES[entry["dtype"]]) if end > start else torch.empty(0, dtype=DTYPES[entry["dtype"]])
        tensors[name] = values.reshape(entry["shape"])
    return tensors


def save_file(tensors, path):
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        chunk = tensor.detach().contiguous().cpu().numpy().tobytes()
        header[name] = {"dtype": NAMES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(chunk)]}
        chunks.append(chunk)
        offset += len(chunk)
    encoded = json.dumps(header).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded + b"".join(chunks))


def run(case, directory):
    namespace = {}
    exec(compile(case["source"], case["name"] + ".py", "exec"), namespace)
    model = namespace[case["class"]]()
    model.load_state_dict(load_file(os.path.join(directory, case["weights"])), strict=True)
    x = torch.tensor(case["inputs"], dtype=torch.float32).reshape(case["batch"], -1)
    target = torch.tensor(case["targets"], dtype=torch.float32).reshape(case["batch"], -1)
    result = {"keys": list(model.state_dict().keys())}
    parameters = dict(model.named_parameters())
    for mode in case["modes"]:
        model.train(mode == "train")
        model.zero_grad()
        loss = model(x, target)
        loss.backward()
        state = {name: parameters[name].grad if name in parameters else value for name, value in model.state_dict().items()}
        save_file(state, os.path.join(directory, f"{case['name']}.{mode}.safetensors"))
        result[mode] = {"loss": loss.item()}
        if mode == "eval":  # a second pass in training would move the running statistics again
            with torch.no_grad():
                result[mode]["output"] = model(x).reshape(-1).tolist()
    return result


def main(directory):
    torch.manual_seed(0)
    with open(os.path.join(directory, "cases.json")) as f:
        cases = json.load(f)
    results = {}
    for case in cases:
        try:
            results[case["name"]] = run(case, directory)
        except Exception:
            results[case["name"]] = {"error": traceback.format_exc()}
    with open(os.path.join(directory, "results.json"), "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env bash
# Measures what [Network(Weights)] adds to a build: a 784-1024-192 network (1,000,640 parameters) built with and
# without a compiled-in weights file (random F32 values), each rebuilt after a touch of its source, and the size of the
# generated source. The compiler runs in the build's own process tree (UseSharedCompilation=false) so that its CPU time
# is counted: on a busy machine CPU seconds say more than wall seconds. Each rebuild runs three times; the least is shown.
# Usage: tests/CompiledWeightsBuildTime/measure.sh [work directory]. Needs python3 (writes the file) and GNU time.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
python3 - "$work/million.safetensors" <<'PY'
import json, random, struct, sys
random.seed(1)
tensors = [("Hidden.weight", [1024, 784]), ("Hidden.bias", [1024]), ("Out.weight", [192, 1024]), ("Out.bias", [192])]
header, data, offset = {}, bytearray(), 0
for name, shape in tensors:
    count = 1
    for d in shape: count *= d
    data += struct.pack("<%df" % count, *(random.gauss(0, 0.05) for _ in range(count)))
    header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + 4 * count]}
    offset += 4 * count
text = json.dumps(header).encode()
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + data)
PY
for variant in Seeded Compiled; do
  mkdir -p "$work/$variant"
  weights=""; [ "$variant" = Compiled ] && weights=', Weights = "million.safetensors"'
  cat > "$work/$variant/$variant.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles></PropertyGroup>
  <Import Project="$repo/src/NetGen.Reference.props" />
  <ItemGroup><AdditionalFiles Include="../million.safetensors" /></ItemGroup>
</Project>
XML
  cat > "$work/$variant/Program.cs" <<CS
using NetGen;
var net = new MillionNet();
System.Console.WriteLine(\$"{MillionNet.ParameterCount} parameters, first {net.Parameters[0]}");
[Network(Seed = 1$weights)]
public partial class MillionNet
{
    [Input(784)] public partial InputLayer In { get; }
    [Dense(1024, Activation.Relu)] public partial DenseLayer Hidden { get; }
    [Dense(192)] public partial DenseLayer Out { get; }
}
CS
  dotnet build "$work/$variant" -c Release -v q -nologo > /dev/null
  best=""
  for run in 1 2 3; do
    touch "$work/$variant/Program.cs"
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" dotnet build "$work/$variant" -c Release -v q -nologo --no-dependencies -m:1 -nodeReuse:false -p:UseSharedCompilation=false > /dev/null
    read -r wall user system < "$work/time.txt"
    cpu=$(echo "$user + $system" | bc)
    if [ -z "$best" ] || [ "$(echo "$cpu < ${best#* }" | bc)" = 1 ]; then best="$wall $cpu"; fi
  done
  echo "$variant: rebuild ${best% *} s wall, ${best#* } s CPU, generated source $(du -cb $(find "$work/$variant/obj" -name '*.g.cs') | tail -1 | cut -f1) bytes; $(dotnet "$work/$variant/bin/Release/net10.0/$variant.dll")"
done

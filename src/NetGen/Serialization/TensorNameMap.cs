using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen;

/// <summary>
/// How <see cref="SafeTensors.Load(INetwork, string, bool, bool, TensorNameMap?)"/> turns the tensor names of a file
/// into the network's names, in this order: <see cref="StripPrefix"/>, then <see cref="AddPrefix"/>, then
/// <see cref="Map"/>. For example <c>new TensorNameMap { StripPrefix = "module." }</c> loads what
/// <c>torch.nn.DataParallel</c> saved, and <see cref="ForTorchRecurrent"/> the <c>weight_ih_l{k}</c> names of
/// <c>torch.nn.LSTM</c>, <c>RNN</c> and <c>GRU</c>.
/// </summary>
public sealed class TensorNameMap
{
    /// <summary>Removed from the start of every name that starts with it (names without it are left as they are), e.g. <c>module.</c>.</summary>
    public string? StripPrefix { get; init; }

    /// <summary>Put in front of every name after <see cref="StripPrefix"/>, e.g. <c>encoder.</c>.</summary>
    public string? AddPrefix { get; init; }

    /// <summary>
    /// Applied last: the network's name for a file name, or null to skip that tensor (it is then neither loaded nor
    /// reported as unexpected).
    /// </summary>
    public Func<string, string?>? Map { get; init; }

    /// <summary>The network's name for the file's tensor <paramref name="name"/>, or null when it is skipped.</summary>
    public string? Apply(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!string.IsNullOrEmpty(StripPrefix) && name.StartsWith(StripPrefix, StringComparison.Ordinal)) name = name[StripPrefix.Length..];
        if (!string.IsNullOrEmpty(AddPrefix)) name = AddPrefix + name;
        return Map is null ? name : Map(name);
    }

    /// <summary>
    /// Maps the state dict of a multi-layer <c>torch.nn.LSTM</c>, <c>RNN</c> or <c>GRU</c> onto stacked NetGen layers:
    /// <c>{torchPrefix}.weight_ih_l{k}</c>, <c>weight_hh_l{k}</c>, <c>bias_ih_l{k}</c> and <c>bias_hh_l{k}</c> become
    /// <c>{layers[k]}.weight_ih</c> and so on. Other names pass unchanged (a head such as <c>fc.weight</c> still
    /// loads when the NetGen layer has the same name); layers beyond <paramref name="layers"/> and the
    /// <c>_reverse</c> tensors of a bidirectional module are left unmapped and so reported as unexpected.
    /// </summary>
    /// <param name="torchPrefix">The module's attribute name (<c>lstm</c> for <c>self.lstm = nn.LSTM(...)</c>); empty when the file is the module's own state dict.</param>
    /// <param name="layers">The NetGen layer names (<see cref="LayerInfo.Name"/>) of layers 0, 1, …, bottom first.</param>
    /// <exception cref="ArgumentException"><paramref name="layers"/> is empty or holds an empty name.</exception>
    public static TensorNameMap ForTorchRecurrent(string torchPrefix, params IReadOnlyList<string> layers)
    {
        ArgumentNullException.ThrowIfNull(torchPrefix);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("Name at least one layer.", nameof(layers));
        string[] names = [.. layers];
        foreach (string layer in names)
            if (string.IsNullOrEmpty(layer)) throw new ArgumentException("Layer names must not be empty.", nameof(layers));
        string prefix = torchPrefix.Length == 0 ? "" : torchPrefix + ".";
        return new TensorNameMap { Map = name => MapRecurrent(name, prefix, names) };
    }

    private static readonly string[] RecurrentSuffixes = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"];

    private static string MapRecurrent(string name, string prefix, string[] layers)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return name;
        string rest = name[prefix.Length..];
        foreach (string suffix in RecurrentSuffixes)
        {
            if (!rest.StartsWith(suffix + "_l", StringComparison.Ordinal)) continue;
            string index = rest[(suffix.Length + 2)..];
            // Only plain decimal indices (no sign, no leading zero), so that "weight_ih_l0_reverse" stays unmapped.
            if (index.Length == 0 || (index.Length > 1 && index[0] == '0')) return name;
            foreach (char c in index)
                if (c is < '0' or > '9') return name;
            return int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k < layers.Length
                ? $"{layers[k]}.{suffix}"
                : name;
        }
        return name;
    }
}

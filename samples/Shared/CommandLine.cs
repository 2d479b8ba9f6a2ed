using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

/// <summary>
/// The command-line handling the samples share: options given as <c>--name value</c> or <c>--name=value</c>, each at
/// most once, and <c>-h</c> / <c>--help</c>. A sample checks the values itself, usually with
/// <see cref="TryGetWholeNumber"/>; on an error it prints <c>error: {message}</c> and its usage and exits with 2.
/// </summary>
public static class CommandLine
{
    /// <summary>
    /// Splits <paramref name="args"/> into the values of <paramref name="knownOptions"/> (names with their leading
    /// <c>--</c>), left to right. Fails with a message in <paramref name="error"/> at the first argument that is not a
    /// known option, a known option with no value or with another option as its value (<c>--epochs --output</c>;
    /// only the <c>--name value</c> form is checked for this), or an option given a second time.
    /// </summary>
    /// <remarks>
    /// <c>-h</c> or <c>--help</c> stops the reading and sets <paramref name="help"/>; arguments after it are not
    /// looked at. <paramref name="values"/> then holds the options before it, so a caller that checks the values
    /// before honouring <paramref name="help"/> still reports a bad one given earlier (<c>--epochs 0 --help</c>).
    /// </remarks>
    public static bool TryParse(string[] args, IReadOnlyCollection<string> knownOptions,
        out IReadOnlyDictionary<string, string> values, out bool help, out string? error)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        values = found;
        help = false;
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                help = true;
                return true;
            }

            string name = arg, value;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else if (knownOptions.Contains(name))
            {
                if (i + 1 >= args.Length)
                {
                    error = $"{name} needs a value.";
                    return false;
                }
                value = args[++i];
                if (value.StartsWith("--", StringComparison.Ordinal))
                {
                    error = $"{name} needs a value, got the option '{value}'.";
                    return false;
                }
            }
            else
            {
                error = $"unknown argument '{arg}'.";
                return false;
            }

            if (!knownOptions.Contains(name))
            {
                error = $"unknown argument '{arg}'."; // the whole argument: "--bogus=1", "--help=1"
                return false;
            }
            if (!found.TryAdd(name, value))
            {
                error = $"{name} is given more than once.";
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The value of option <paramref name="name"/> as a whole number in [<paramref name="min"/>, <paramref name="max"/>],
    /// digits only (no sign, spaces or separators), or <paramref name="fallback"/> when the option is absent.
    /// </summary>
    public static bool TryGetWholeNumber(IReadOnlyDictionary<string, string> values, string name, int min, int max,
        int fallback, out int result, out string? error)
    {
        error = null;
        if (!values.TryGetValue(name, out string? text))
        {
            result = fallback;
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max)
            return true;
        result = fallback;
        error = max == int.MaxValue
            ? $"{name} needs a whole number >= {min}, got '{text}'."
            : $"{name} needs a whole number in {min}..{max}, got '{text}'.";
        return false;
    }
}

using System;
using System.Linq;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The generator cannot reference the net10.0 runtime, so NetGen.Model mirrors its enums; the generated
/// code casts between them by name, and a drift would silently change what a declaration means.
/// </summary>
public class ModelEnumMirrorTests
{
    [Theory]
    [InlineData(typeof(NetGen.Model.ActivationKind), typeof(NetGen.Activation))]
    [InlineData(typeof(NetGen.Model.LossKind), typeof(NetGen.Loss))]
    [InlineData(typeof(NetGen.Model.InitKind), typeof(NetGen.Init))]
    [InlineData(typeof(NetGen.Model.LayerKind), typeof(NetGen.LayerKind))]
    public void ModelEnumHasTheRuntimeEnumsNamesAndValues(Type model, Type runtime)
    {
        Assert.Equal(Enum.GetUnderlyingType(runtime), Enum.GetUnderlyingType(model));
        Assert.Equal(Members(runtime), Members(model));
    }

    private static (string Name, long Value)[] Members(Type enumType)
        => Enum.GetNames(enumType)
            .Select(name => (name, Convert.ToInt64(Enum.Parse(enumType, name), System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(member => member.Item2).ThenBy(member => member.name, StringComparer.Ordinal)
            .ToArray();
}

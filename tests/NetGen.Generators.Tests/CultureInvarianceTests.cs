using System.Globalization;
using NetGen.Testing;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The generated source must not depend on the build machine's culture (runtime#113077: a culture once
/// put U+2212 minus signs into generated code). fi-FI writes negative numbers with U+2212 and uses a
/// comma as decimal separator; tr-TR lower-cases 'I' to a dotless 'ı'.
/// </summary>
public class CultureInvarianceTests
{
    // A negative seed and a name with an 'I' make culture-sensitive formatting visible.
    private const string Source = """
        using NetGen;

        [Network(Loss = Loss.CrossEntropy, Seed = -123456)]
        public partial class CultureNet
        {
            [Input(3)]                                                 public partial InputLayer INPUT { get; }
            [Dense(4, Activation.LeakyRelu, Init = Init.He)]           public partial DenseLayer HIDDEN { get; }
            [Dense(300, Activation.Gelu)]                              public partial DenseLayer Wide { get; }
            [Dense(2, Activation.Softmax)]                             public partial DenseLayer Out { get; }
        }
        """;

    [Theory]
    [InlineData("fi-FI")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    public void GeneratedSourceIsTheSameUnderAnyCulture(string cultureName)
    {
        CultureInfo culture = CultureInfo.GetCultureInfo(cultureName);
        string invariant = GenerateUnder(CultureInfo.InvariantCulture);
        string localised = GenerateUnder(culture);

        Assert.Equal(invariant, localised);
        Assert.Contains("this(-123456, null)", invariant);
        Assert.NotEmpty(invariant);
    }

    [Fact]
    public void FinnishCultureReallyFormatsDifferently()
    {
        // Guards the test above: without ICU every culture would format like the invariant one.
        Assert.Equal("\u2212123456", (-123456).ToString(CultureInfo.GetCultureInfo("fi-FI")));
    }

    private static string GenerateUnder(CultureInfo culture)
    {
        CultureInfo previous = CultureInfo.CurrentCulture, previousUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return GeneratorHarness.GeneratedSource(Source);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}

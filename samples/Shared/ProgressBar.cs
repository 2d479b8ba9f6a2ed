using System;
using System.Globalization;
using System.IO;
using NetGen;

/// <summary>
/// Shows <see cref="Trainer"/> progress on the console. On a terminal, one line redrawn in place after each epoch
/// (a bar, the epoch, the losses, the accuracy, the time). When the output is redirected to a file or a pipe, no
/// carriage returns: a plain line every <c>interval</c> epochs and one for the last, so logs stay readable.
/// </summary>
public sealed class ProgressBar : IProgress<EpochReport>
{
    private const int BarWidth = 24;
    private readonly TextWriter _writer;
    private readonly int _totalEpochs, _interval;
    private readonly bool _inPlace;
    private int _lastLength;
    private string? _unprinted; // redirected: the latest line, until printed

    /// <summary>A bar for a run of up to <paramref name="totalEpochs"/> epochs, written to the console.</summary>
    /// <param name="totalEpochs">The trainer's epoch limit, the bar's 100 %.</param>
    /// <param name="interval">When redirected, print every this many epochs; 0 (the default) gives about ten lines per run.</param>
    public ProgressBar(int totalEpochs, int interval = 0)
        : this(totalEpochs, Console.Out, inPlace: !Console.IsOutputRedirected, interval)
    {
    }

    /// <summary>A bar written to <paramref name="writer"/>, redrawn in place or not.</summary>
    public ProgressBar(int totalEpochs, TextWriter writer, bool inPlace, int interval = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(interval);
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _totalEpochs = totalEpochs;
        _inPlace = inPlace;
        _interval = interval > 0 ? interval : Math.Max(1, totalEpochs / 10);
    }

    /// <inheritdoc/>
    public void Report(EpochReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string line = Describe(value);
        if (_inPlace)
        {
            // Pad over the end of a longer previous line instead of relying on terminal escape codes.
            _writer.Write('\r' + line.PadRight(_lastLength));
            _lastLength = line.Length;
        }
        else if (value.Epoch % _interval == 0 || value.Epoch == _totalEpochs)
        {
            _writer.WriteLine(line);
            _unprinted = null;
        }
        else _unprinted = line;
        _writer.Flush();
    }

    /// <summary>
    /// Ends the run (training may stop before the last epoch): moves past the in-place line, or, when redirected,
    /// prints the last epoch's line if the interval skipped it.
    /// </summary>
    public void Finish()
    {
        if (_inPlace && _lastLength > 0) _writer.WriteLine();
        if (_unprinted is not null) _writer.WriteLine(_unprinted);
        _lastLength = 0;
        _unprinted = null;
        _writer.Flush();
    }

    private string Describe(EpochReport report)
    {
        int filled = (int)((long)BarWidth * Math.Min(report.Epoch, _totalEpochs) / _totalEpochs);
        string validation = double.IsNaN(report.ValidationLoss)
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $"  val loss {report.ValidationLoss:F4}  val acc {report.ValidationAccuracy:P1}");
        string rate = float.IsNaN(report.LearningRate) ? "" : string.Create(CultureInfo.InvariantCulture, $"  lr {report.LearningRate:G4}");
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] epoch {report.Epoch}/{_totalEpochs}  loss {report.TrainLoss:F4}{validation}{rate}  {report.Elapsed.TotalSeconds:F1} s");
    }
}

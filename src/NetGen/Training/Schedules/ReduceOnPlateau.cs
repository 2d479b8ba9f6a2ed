using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen;

/// <summary>
/// Lowers the rate when the validation loss stops improving, as <c>torch.optim.lr_scheduler.ReduceLROnPlateau</c>
/// (mode "min", threshold mode "rel", eps 1e-8). After each epoch: the loss improves when it is below
/// best · (1 − <see cref="Threshold"/>); otherwise the epoch counts as bad. In a cooldown the count stays 0. When more
/// than <see cref="Patience"/> epochs in a row are bad, the rate becomes max(rate · <see cref="Factor"/>, <see cref="MinRate"/>)
/// (unless that changes it by 1e-8 or less) and a cooldown of <see cref="Cooldown"/> epochs starts.
/// </summary>
/// <remarks>
/// Needs a validation set. Its state (the rate, the best loss, the bad epochs, the cooldown left) is saved in the
/// trainer's checkpoints (<c>lr_scheduler.*</c> metadata) and restored with <see cref="Trainer.ResumeFrom"/>.
/// </remarks>
public sealed class ReduceOnPlateau : LearningRateSchedule
{
    private const double MinimalChange = 1e-8; // PyTorch's eps
    private const string TypeKey = "lr_scheduler", RateKey = "lr_scheduler.lr", BestKey = "lr_scheduler.best";
    private const string BadEpochsKey = "lr_scheduler.num_bad_epochs", CooldownKey = "lr_scheduler.cooldown_counter";

    private double _rate, _best = double.PositiveInfinity;
    private int _badEpochs, _cooldownLeft;

    /// <summary>Creates the schedule, with PyTorch's defaults.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The factor is not in (0, 1), the patience or cooldown is negative, or the threshold or minimum rate is negative or not finite.
    /// </exception>
    public ReduceOnPlateau(double factor = 0.1, int patience = 10, double threshold = 1e-4, double minRate = 0, int cooldown = 0)
    {
        Factor = factor is > 0 and < 1 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), factor, "Must be in (0, 1).");
        Patience = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Must be at least 0 epochs.");
        Threshold = Check(threshold, 0, nameof(threshold));
        MinRate = Check(minRate, 0, nameof(minRate));
        Cooldown = cooldown >= 0 ? cooldown : throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "Must be at least 0 epochs.");
    }

    /// <summary>The factor of each reduction.</summary>
    public double Factor { get; }

    /// <summary>Bad epochs in a row tolerated before a reduction.</summary>
    public int Patience { get; }

    /// <summary>The relative improvement that counts.</summary>
    public double Threshold { get; }

    /// <summary>The rate never goes below this.</summary>
    public double MinRate { get; }

    /// <summary>Epochs after a reduction during which bad epochs are not counted.</summary>
    public int Cooldown { get; }

    internal override double Rate(int epoch, double baseRate) => _rate;

    internal override void Start(double baseRate)
    {
        _rate = baseRate;
        _best = double.PositiveInfinity;
        _badEpochs = _cooldownLeft = 0;
    }

    internal override void EndEpoch(int epoch, double validationLoss)
    {
        if (validationLoss < _best * (1 - Threshold))
        {
            _best = validationLoss;
            _badEpochs = 0;
        }
        else _badEpochs++;
        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _badEpochs = 0;
        }
        if (_badEpochs > Patience)
        {
            double reduced = Math.Max(_rate * Factor, MinRate);
            if (_rate - reduced > MinimalChange) _rate = reduced;
            _cooldownLeft = Cooldown;
            _badEpochs = 0;
        }
    }

    internal override bool WatchesValidationLoss => true;

    internal override bool HasState => true;

    internal override void WriteState(IDictionary<string, string> metadata)
    {
        metadata[TypeKey] = nameof(ReduceOnPlateau);
        metadata[RateKey] = _rate.ToString("R", CultureInfo.InvariantCulture);
        metadata[BestKey] = _best.ToString("R", CultureInfo.InvariantCulture);
        metadata[BadEpochsKey] = _badEpochs.ToString(CultureInfo.InvariantCulture);
        metadata[CooldownKey] = _cooldownLeft.ToString(CultureInfo.InvariantCulture);
    }

    internal override void ReadState(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(TypeKey, out string? type) || type != nameof(ReduceOnPlateau))
            throw new InvalidOperationException($"The checkpoint holds no reduce-on-plateau state ('{TypeKey}': '{nameof(ReduceOnPlateau)}' is missing): it was not saved by a trainer with this schedule.");
        double rate = ReadNumber(metadata, RateKey), best = ReadNumber(metadata, BestKey);
        int badEpochs = ReadCount(metadata, BadEpochsKey), cooldownLeft = ReadCount(metadata, CooldownKey);
        if (!(rate >= 0) || double.IsInfinity(rate) || double.IsNaN(best))
            throw new InvalidOperationException($"The checkpoint's reduce-on-plateau state is out of range: rate {rate}, best loss {best}.");
        (_rate, _best, _badEpochs, _cooldownLeft) = (rate, best, badEpochs, cooldownLeft);
    }

    private static double ReadNumber(IReadOnlyDictionary<string, string> metadata, string key)
        => metadata.TryGetValue(key, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidOperationException($"The checkpoint's metadata '{key}' is missing or not a number.");

    private static int ReadCount(IReadOnlyDictionary<string, string> metadata, string key)
        => metadata.TryGetValue(key, out string? text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidOperationException($"The checkpoint's metadata '{key}' is missing or not a whole number from 0.");
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Checkpoints: training resumed from one continues bit for bit as if it had not stopped, with Trainer and with a
/// hand-written TrainStep loop, for every optimizer; saving is atomic; a corrupt or mismatched checkpoint changes nothing.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netgen-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Optimizers => ["adam", "sgd", "sgd-momentum", "rprop", "adam-clipped", "adamw", "sgd-momentum-decay"];

    private static Optimizer Create(string name) => name switch
    {
        "adam" => new Adam(0.01f),
        "sgd" => new Sgd(0.1f),
        "sgd-momentum" => new Sgd(0.1f, momentum: 0.9f),
        "rprop" => new Rprop(),
        "adam-clipped" => new Adam(0.05f) { MaxGradientNorm = 0.1f },
        "adamw" => new AdamW(0.01f, weightDecay: 0.1f),
        "sgd-momentum-decay" => new Sgd(0.1f, momentum: 0.9f, weightDecay: 0.01f),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown optimizer."),
    };

    // 40 points of the plane, labelled by whether x·y > 0: XOR of the signs.
    private static Dataset XorData()
    {
        float[] inputs = TestData.Uniform(80, 5);
        float[] targets = new float[40];
        for (int i = 0; i < 40; i++) targets[i] = inputs[2 * i] * inputs[2 * i + 1] > 0 ? 1f : 0f;
        return new Dataset(inputs, 2, targets, 1);
    }

    private sealed class Reports(Action<EpochReport> onReport) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => onReport(value);
    }

    private static int[] Bits(OptimizerState state) =>
        [(int)state.StepCount, .. state.Tensors.OrderBy(t => t.Key, StringComparer.Ordinal).SelectMany(t => TestData.Bits(t.Value)),
         .. state.Scalars.OrderBy(s => s.Key, StringComparer.Ordinal).SelectMany(s => BitConverter.GetBytes(s.Value).Select(b => (int)b))];

    // Rprop steps on the whole set (no BatchSize); the others on shuffled batches of 8.
    private static Trainer CreateTrainer(INetwork net, Optimizer optimizer, int initialEpoch, IProgress<EpochReport>? progress) => optimizer is Rprop
        ? new Trainer(net, optimizer) { Epochs = 6, Seed = 3, InitialEpoch = initialEpoch, Progress = progress }
        : new Trainer(net, optimizer) { Epochs = 6, Seed = 3, InitialEpoch = initialEpoch, Progress = progress, BatchSize = 8 };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void TrainingResumedWithTrainerContinuesBitForBit(string optimizerName)
    {
        Dataset data = XorData();
        string path = Path.Combine(_directory, "run.ckpt");

        // The uninterrupted run, saving a checkpoint after epoch 3 from its progress report, as a user would.
        var net = new XorTrainingNet(1);
        Optimizer optimizer = Create(optimizerName);
        TrainingResult whole = CreateTrainer(net, optimizer, 0,
            new Reports(report => { if (report.Epoch == 3) Checkpoint.Save(net, optimizer, path, report.Epoch); })).Train(data, data);

        // A new process: another network and a new optimizer, restored from the checkpoint.
        var resumedNet = new XorTrainingNet(99);
        Optimizer resumedOptimizer = Create(optimizerName);
        CheckpointInfo info = Checkpoint.Load(resumedNet, resumedOptimizer, path);
        Assert.Equal(3, info.Epoch);
        Assert.Equal(whole.History[2].Steps, info.StepCount);
        TrainingResult rest = CreateTrainer(resumedNet, resumedOptimizer, info.Epoch, null).Train(data, data);

        Assert.Equal([4, 5, 6], rest.History.Select(r => r.Epoch));
        Assert.Equal(whole.History.Skip(3).Select(r => r.Steps), rest.History.Select(r => r.Steps));
        Assert.Equal(whole.History.Skip(3).Select(r => r.TrainLoss), rest.History.Select(r => r.TrainLoss));
        Assert.Equal(whole.History.Skip(3).Select(r => r.ValidationLoss), rest.History.Select(r => r.ValidationLoss));
        Assert.Equal(TestData.Bits(net.Parameters), TestData.Bits(resumedNet.Parameters));
        Assert.Equal(Bits(optimizer.ExportState()), Bits(resumedOptimizer.ExportState()));
        Assert.NotEqual(TestData.Bits(new XorTrainingNet(1).Parameters), TestData.Bits(net.Parameters)); // it did train
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void AManualTrainStepLoopResumedContinuesBitForBit(string optimizerName)
    {
        Dataset data = XorData();
        var net = new XorTrainingNet(1);
        Optimizer optimizer = Create(optimizerName);
        var checkpoint = new MemoryStream();
        for (int step = 0; step < 60; step++)
        {
            if (step == 25) Checkpoint.Save(net, optimizer, checkpoint);
            net.TrainStep(data.Input(step % 40), data.Target(step % 40), optimizer);
        }

        var resumedNet = new XorTrainingNet(2);
        Optimizer resumedOptimizer = Create(optimizerName);
        checkpoint.Position = 0;
        CheckpointInfo info = Checkpoint.Load(resumedNet, resumedOptimizer, checkpoint);
        Assert.Equal(0, info.Epoch);
        Assert.Equal(25, info.StepCount);
        Assert.Equal(25, resumedOptimizer.StepCount);
        for (int step = 25; step < 60; step++) resumedNet.TrainStep(data.Input(step % 40), data.Target(step % 40), resumedOptimizer);

        Assert.Equal(TestData.Bits(net.Parameters), TestData.Bits(resumedNet.Parameters));
        Assert.Equal(Bits(optimizer.ExportState()), Bits(resumedOptimizer.ExportState()));
    }

    [Fact]
    public void TheFileIsASafetensorsFileWithTheOptimizerUnderItsPrefix()
    {
        var net = new XorTrainingNet(1);
        var adam = new Adam(0.01f);
        net.TrainStep([1f, -1f], [1f], adam);
        net.TrainStep([1f, 1f], [0f], adam);
        string path = Path.Combine(_directory, "adam.ckpt");
        Checkpoint.Save(net, adam, path, epoch: 7, metadata: new Dictionary<string, string> { ["run"] = "a" });

        IReadOnlyDictionary<string, string> metadata = SafeTensors.ReadMetadata(path);
        Assert.Equal("1", metadata["netgen.checkpoint"]);
        Assert.Equal("7", metadata["epoch"]);
        Assert.Equal("Adam", metadata["optimizer"]);
        Assert.Equal("2", metadata["optimizer.step_count"]);
        Assert.Equal(XorTrainingNet.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata["optimizer.parameter_count"]);
        Assert.Equal((double)0.9f * 0.9f, double.Parse(metadata["optimizer.beta1_power"], System.Globalization.CultureInfo.InvariantCulture), 15);
        Assert.Equal("a", metadata["run"]);

        // The plain loader reads the network out of it, reporting the optimizer tensors as unexpected.
        var plain = new XorTrainingNet(5);
        IncompatibleKeys keys = SafeTensors.Load(plain, path, allowExtra: true);
        Assert.Equal(["optimizer.exp_avg", "optimizer.exp_avg_sq"], keys.UnexpectedKeys);
        Assert.Equal(TestData.Bits(net.Parameters), TestData.Bits(plain.Parameters));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_directory).Select(Path.GetFileName)); // no temporary file left

        CheckpointInfo info = Checkpoint.Load(new XorTrainingNet(3), new Adam(0.01f), path);
        Assert.Equal("a", info.Metadata["run"]);
    }

    [Fact]
    public void AnOptimizerThatHasNotSteppedSavesAndLoads()
    {
        var net = new XorTrainingNet(1);
        var used = new Adam();
        net.TrainStep([1f, -1f], [1f], used);
        var stream = new MemoryStream();
        Checkpoint.Save(net, new Adam(), stream);
        stream.Position = 0;
        Assert.False(SafeTensors.ReadMetadata(stream).ContainsKey("optimizer.parameter_count"));
        stream.Position = 0;

        Checkpoint.Load(new XorTrainingNet(2), used, stream);

        Assert.Equal(0, used.StepCount);
        Assert.Null(used.ExportState().ParameterCount);
        var fresh = new Adam();
        var a = new XorTrainingNet(1);
        var b = new XorTrainingNet(1);
        a.TrainStep([1f, -1f], [1f], used);
        b.TrainStep([1f, -1f], [1f], fresh);
        Assert.Equal(TestData.Bits(b.Parameters), TestData.Bits(a.Parameters)); // as good as new
    }

    public static TheoryData<string, string> Corruptions => new()
    {
        { "another optimizer type", "The optimizer state does not fit: The state is of optimizer type Adam; this one is Sgd." },
        { "another network", "Tensor 'Hidden.weight' has shape [4, 2]; the network expects [4, 4]." },
        { "not a checkpoint", "This is not a NetGen checkpoint" },
        { "truncated", "" },
        { "a beta power out of range", "Scalar 'beta1_power' is 2; a power of a beta lies in [0, 1]." },
        { "an epoch that is not a number", "Metadata 'epoch' is 'x', not an integer" },
        { "a parameter count that differs", "The optimizer state is for 99 parameters; the network has 17." },
        { "a missing moment", "The optimizer state does not fit: The state lacks tensor 'exp_avg', which Adam keeps." },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void ACorruptOrMismatchedCheckpointChangesNothing(string fault, string message)
    {
        var source = new XorTrainingNet(1);
        var adam = new Adam(0.01f);
        for (int i = 0; i < 3; i++) source.TrainStep([1f, -1f], [1f], adam);
        var stream = new MemoryStream();
        Checkpoint.Save(source, adam, stream, epoch: 2);
        byte[] file = stream.ToArray();

        INetwork target = new XorTrainingNet(2);
        Optimizer optimizer = new Adam(0.01f);
        switch (fault)
        {
            case "another optimizer type": optimizer = new Sgd(0.1f, momentum: 0.5f); break;
            case "another network": target = new WideInputNet(); break;
            case "not a checkpoint":
                var plain = new MemoryStream();
                SafeTensors.Save(source, plain);
                file = plain.ToArray();
                break;
            case "truncated": file = file[..^3]; break;
            case "a beta power out of range": file = EditMetadata(file, "optimizer.beta1_power", "2"); break;
            case "an epoch that is not a number": file = EditMetadata(file, "epoch", "x"); break;
            case "a parameter count that differs": file = EditMetadata(file, "optimizer.parameter_count", "99"); break;
            case "a missing moment":
                file = RenameTensor(file, "optimizer.exp_avg\"", "optimizer.exp_av_\"");
                break;
        }
        // The optimizer being restored has state of its own, which must survive.
        for (int i = 0; i < 2; i++) target.TrainStep(Enumerable.Repeat(0.5f, target.InputSize).ToArray(), [0f], optimizer);
        int[] parametersBefore = TestData.Bits(target.Parameters);
        int[] stateBefore = Bits(optimizer.ExportState());

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(target, optimizer, new MemoryStream(file)));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(parametersBefore, TestData.Bits(target.Parameters));
        Assert.Equal(stateBefore, Bits(optimizer.ExportState()));
    }

    [Fact]
    public void SavingChecksItsArguments()
    {
        var net = new XorTrainingNet(1);
        var sgd = new Sgd(0.1f, momentum: 0.5f);
        new TinyNet().TrainStep([1f, 2f], [0f], sgd); // now sized for TinyNet's 9 parameters
        Assert.Throws<ArgumentException>(() => Checkpoint.Save(net, sgd, new MemoryStream()));
        Assert.Throws<ArgumentException>(() => Checkpoint.Save(net, new Adam(), new MemoryStream(), metadata: new Dictionary<string, string> { ["epoch"] = "1" }));
        Assert.Throws<ArgumentException>(() => Checkpoint.Save(net, new Adam(), new MemoryStream(), metadata: new Dictionary<string, string> { ["optimizer.x"] = "1" }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Checkpoint.Save(net, new Adam(), new MemoryStream(), epoch: -1));
        Assert.Throws<ArgumentNullException>(() => Checkpoint.Save(net, null!, new MemoryStream()));
        Assert.Throws<ArgumentException>(() => Checkpoint.Save(net, new Adam(), " "));
        Assert.Throws<ArgumentException>(() => Checkpoint.Load(net, new Adam(), new ForwardOnlyWriteStream()));
    }

    [Fact]
    public void AFailedSaveLeavesTheOldCheckpoint()
    {
        string path = Path.Combine(_directory, "keep.ckpt");
        var net = new XorTrainingNet(1);
        Checkpoint.Save(net, new Adam(), path, epoch: 1);
        byte[] before = File.ReadAllBytes(path);
        var sgd = new Sgd(0.1f, momentum: 0.5f);
        new TinyNet().TrainStep([1f, 2f], [0f], sgd);

        Assert.Throws<ArgumentException>(() => Checkpoint.Save(net, sgd, path, epoch: 2));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void TheTrainerSavesACheckpointEachEpochToResumeFrom()
    {
        Dataset data = XorData();
        string path = Path.Combine(_directory, "auto.ckpt");
        var whole = new XorTrainingNet(1);
        new Trainer(whole, new Adam(0.01f)) { Epochs = 5, BatchSize = 8, Seed = 4 }.Train(data);

        var first = new XorTrainingNet(1);
        var saved = new List<int>();
        new Trainer(first, new Adam(0.01f))
        {
            Epochs = 2, BatchSize = 8, Seed = 4, CheckpointPath = path,
            Progress = new Reports(report => saved.Add(int.Parse(SafeTensors.ReadMetadata(path)["epoch"], System.Globalization.CultureInfo.InvariantCulture))),
        }.Train(data);
        Assert.Equal([1, 2], saved); // saved before each report

        var resumed = new XorTrainingNet(7);
        var adam = new Adam(0.01f);
        CheckpointInfo info = Checkpoint.Load(resumed, adam, path);
        new Trainer(resumed, adam) { Epochs = 5, BatchSize = 8, Seed = 4, InitialEpoch = info.Epoch, CheckpointPath = path }.Train(data);

        Assert.Equal(TestData.Bits(whole.Parameters), TestData.Bits(resumed.Parameters));
        Assert.Equal(5, Checkpoint.Load(new XorTrainingNet(), new Adam(0.01f), path).Epoch);
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(_directory).Select(Path.GetFileName));
        Assert.Throws<ArgumentException>(() => new Trainer(whole, new StepRecorder(new Adam())) { CheckpointPath = path });
        Assert.Throws<ArgumentException>(() => new Trainer(whole, new Adam()) { CheckpointPath = " " });
    }

    [Fact]
    public void InitialEpochIsChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new XorTrainingNet(), new Adam()) { InitialEpoch = -1 });
        var trainer = new Trainer(new XorTrainingNet(), new Adam()) { Epochs = 3, InitialEpoch = 3 };
        Assert.Throws<InvalidOperationException>(() => trainer.Train(XorData()));
    }

    private static byte[] EditMetadata(byte[] file, string key, string value)
    {
        (string header, byte[] data) = Split(file);
        int start = header.IndexOf($"\"{key}\":\"", StringComparison.Ordinal) + key.Length + 4;
        int end = header.IndexOf('"', start);
        return SafeTensorsBytesOf(header[..start] + value + header[end..], data);
    }

    private static byte[] RenameTensor(byte[] file, string from, string to)
    {
        (string header, byte[] data) = Split(file);
        return SafeTensorsBytesOf(header.Replace(from, to, StringComparison.Ordinal), data);
    }

    private static (string Header, byte[] Data) Split(byte[] file)
    {
        int length = (int)BitConverter.ToUInt64(file, 0);
        return (Encoding.UTF8.GetString(file, 8, length), file[(8 + length)..]);
    }

    private static byte[] SafeTensorsBytesOf(string header, byte[] data) => Serialization.SafeTensorsBytes.File(header, data);

    private sealed class ForwardOnlyWriteStream : MemoryStream
    {
        public override bool CanRead => false;
    }
}

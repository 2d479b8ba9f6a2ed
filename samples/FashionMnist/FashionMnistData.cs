using System.Collections.Generic;
using System.IO;
using NetGen;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017): 60,000 training and 10,000 test images of 28 × 28 grey pixels in
/// ten classes of clothing, as the four IDX files of the original release, gzip-compressed or not. Debian's
/// <c>dataset-fashion-mnist</c> package installs them in <see cref="Options.DefaultDataDirectory"/>.
/// </summary>
public static class FashionMnistData
{
    public const string InstallCommand = "sudo apt-get install dataset-fashion-mnist";
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static readonly string[] FileNames =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The four files in <paramref name="directory"/> (each as <c>name.gz</c> or <c>name</c>), or null and the names of those missing.</summary>
    public static string[]? Find(string directory, out List<string> missing)
    {
        missing = [];
        var paths = new string[FileNames.Length];
        for (int i = 0; i < FileNames.Length; i++)
        {
            string compressed = Path.Combine(directory, FileNames[i] + ".gz"), plain = Path.Combine(directory, FileNames[i]);
            paths[i] = File.Exists(compressed) ? compressed : plain;
            if (!File.Exists(paths[i])) missing.Add(FileNames[i] + "[.gz]");
        }
        return missing.Count == 0 ? paths : null;
    }

    /// <summary>
    /// The first <paramref name="trainImages"/> training and <paramref name="testImages"/> test images of the files
    /// <see cref="Find"/> returned, pixels scaled to [0, 1]: 784 values per image, row-major, which a
    /// <c>[Input(1, 28, 28)]</c> network reads as one channel of 28 × 28.
    /// </summary>
    public static (Dataset Train, Dataset Test) Load(string[] paths, int trainImages, int testImages)
    {
        Dataset train = Dataset.FromIdx(paths[0], paths[1]), test = Dataset.FromIdx(paths[2], paths[3]);
        return (First(train, trainImages), First(test, testImages));
    }

    private static Dataset First(Dataset data, int count)
    {
        if (count >= data.Count) return data;
        var indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = i;
        return data.Subset(indices);
    }
}

namespace NetGen.Model;

// Mirrors of NetGen.Activation, NetGen.Loss, NetGen.Init and NetGen.LayerKind: same names, same values
// (checked by a test), because the generator cannot reference the net10.0 runtime assembly.

internal enum ActivationKind { Linear = 0, Sigmoid = 1, Tanh = 2, Relu = 3, LeakyRelu = 4, Elu = 5, Gelu = 6, Softplus = 7, Softmax = 8 }

internal enum LossKind { MeanSquaredError = 0, BinaryCrossEntropy = 1, CrossEntropy = 2 }

internal enum InitKind { Auto = 0, Glorot = 1, He = 2, LeCun = 3, Orthogonal = 4, Zeros = 5 }

internal enum LayerKind { Input = 0, Dense = 1, Recurrent = 2, Lstm = 3 }

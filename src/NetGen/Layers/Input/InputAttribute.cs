using System;

namespace NetGen;

/// <summary>Declares the network's input vector (for recurrent networks: one time step). Exactly one, first.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares an input of <paramref name="size"/> values.</summary>
    public InputAttribute(int size) => Size = size;

    /// <summary>Number of input values.</summary>
    public int Size { get; }
}

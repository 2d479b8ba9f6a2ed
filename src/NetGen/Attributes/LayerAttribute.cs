using System;

namespace NetGen;

/// <summary>Common arguments of the attributes that declare a layer with parameters.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
    /// <summary>Weight initialisation (default <see cref="NetGen.Init.Auto"/>: He for the ReLU family and SiLU, LeCun for SELU, Glorot-uniform otherwise).</summary>
    public Init Init { get; set; } = Init.Auto;

    /// <summary>Tensor-name prefix used by serialization; default the property name.</summary>
    public string? Name { get; set; }
}

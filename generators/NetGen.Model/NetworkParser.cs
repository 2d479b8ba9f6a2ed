using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.Model;

/// <summary>
/// Reads a [Network] class into a <see cref="NetworkSpec"/>: the layers with their layout, and every
/// problem with the definition as an NG1xxx diagnostic placed on the offending argument.
/// </summary>
internal static partial class NetworkParser
{
    public const string NetworkAttributeName = "NetGen.NetworkAttribute";

    public static NetworkSpec Parse(INamedTypeSymbol type, AttributeData networkAttribute, CancellationToken cancellationToken)
    {
        var diagnostics = new List<SpecDiagnostic>();
        var declared = new List<DeclaredLayer>();

        if (!IsPartial(type, cancellationToken))
            diagnostics.Add(Diagnostic(DiagnosticIds.ClassNotPartial, NameLocation(type), type.Name));
        if (type.IsRecord || type.IsAbstract || type.IsStatic)
            diagnostics.Add(Diagnostic(DiagnosticIds.UnsupportedClassKind, NameLocation(type), type.Name,
                type.IsRecord ? "a record" : type.IsStatic ? "static" : "abstract"));
        var containing = new List<string>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer, cancellationToken))
                diagnostics.Add(Diagnostic(DiagnosticIds.ContainingTypeNotPartial, NameLocation(type), type.Name, outer.Name));
            containing.Insert(0, $"partial {TypeKeyword(outer)} {NameWithTypeParameters(outer)}");
        }

        var loss = Loss.MeanSquaredError;
        int seed = 0, sequenceLength = 0;
        string? weights = null;
        foreach (KeyValuePair<string, TypedConstant> argument in networkAttribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Loss" when argument.Value.Value is int value:
                    loss = ReadEnum(value, Loss.MeanSquaredError, "Loss", ArgumentLocation(networkAttribute, -1, "Loss", cancellationToken), diagnostics);
                    break;
                case "Seed" when argument.Value.Value is int value: seed = value; break;
                case "SequenceLength" when argument.Value.Value is int value: sequenceLength = value; break;
                case "Weights" when argument.Value.Value is string value: weights = value; break;
            }
        }

        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is IPropertySymbol property && ReadLayer(property, diagnostics, cancellationToken) is { } layer)
                declared.Add(layer);
        }

        EquatableArray<LayerSpec> layers = Layout(type, declared, loss, diagnostics, cancellationToken);
        CheckSequenceLength(networkAttribute, sequenceLength, layers, diagnostics, cancellationToken);
        return new NetworkSpec(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            new EquatableArray<string>(containing.ToArray()),
            TypeKeyword(type),
            NameWithTypeParameters(type),
            HintName(type),
            loss,
            seed,
            sequenceLength,
            layers,
            new EquatableArray<SpecDiagnostic>(diagnostics.ToArray()))
        {
            DeclaredMembers = DeclaredGeneratedMembers(type, cancellationToken),
            IsStatic = type.IsStatic,
            Weights = weights,
            ImplementsNetworkExplicitly = type.GetMembers().Any(member => member switch
            {
                IMethodSymbol method => method.ExplicitInterfaceImplementations.Any(IsNetworkMember),
                IPropertySymbol property => property.ExplicitInterfaceImplementations.Any(IsNetworkMember),
                _ => false,
            }),
        };
    }

    private static bool IsNetworkMember(ISymbol member) => member.ContainingType?.ToDisplayString() == "NetGen.INetwork";

    /// <summary>
    /// The generated names the class (or a base class) already declares, and its constructors that stubs would
    /// repeat: "this()", "this(int)", and "this(fixed)" where no constructor can be added: there is a primary constructor
    /// (which every other one must call) or the base class has no parameterless constructor (which a stub would call).
    /// </summary>
    private static EquatableArray<string> DeclaredGeneratedMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            foreach (string name in current.MemberNames)
                if (GeneratedMembers.Names.Contains(name)) names.Add(name);
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared) continue;
            if (constructor.Parameters.Length == 0) names.Add("this()");
            else if (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32) names.Add("this(int)");
        }
        if (type.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null })
            || type.BaseType is { } baseType && !baseType.InstanceConstructors.Any(constructor =>
                constructor.DeclaredAccessibility != Accessibility.Private && constructor.Parameters.All(parameter => parameter.IsOptional || parameter.IsParams)))
            names.Add("this(fixed)");
        return new EquatableArray<string>(names.ToArray());
    }

    /// <summary>A layer as written, before validation against its neighbours.</summary>
    private sealed class DeclaredLayer
    {
        public IPropertySymbol Property = null!;
        public AttributeData Attribute = null!;
        public LayerKindDescriptor Kind = null!;
        public int Size;
        /// <summary>The input's dimensions as written: size; channels, length; or channels, height, width.</summary>
        public int[] InputDimensions = [];
        /// <summary>A window kind's window as written (1 tap when its arguments were invalid, already reported), else null.</summary>
        public Window? Window;
        /// <summary>An error in the input's dimensions or the window's arguments (already reported): the shapes from here on are guesses, not to be judged.</summary>
        public bool ShapeInvalid;
        public Activation Activation;
        public Init Init;
        public string? Name;
        public string? Residual;
        public Init RecurrentInit;
        public bool ReturnSequences;
        public float MemoryBias;
        public double DropoutProbability;
    }

    private static DeclaredLayer? ReadLayer(IPropertySymbol property, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in property.GetAttributes())
        {
            LayerKindDescriptor? kind = LayerKinds.ByAttribute(attribute.AttributeClass?.ToDisplayString());
            if (kind is null) continue;

            var layer = new DeclaredLayer { Property = property, Attribute = attribute, Kind = kind };
            AttributeArguments arguments = new(attribute);
            layer.Size = kind.IsPooling || kind.KeepsShape ? 0 : arguments.Positional(0) is int size ? size : 0;
            if (kind.Kind == LayerKind.Dropout)
                layer.DropoutProbability = ReadDropoutProbability(property.Name, attribute, arguments, diagnostics, cancellationToken);
            if (kind.Kind == LayerKind.Input)
            {
                int reported = diagnostics.Count;
                layer.InputDimensions = ReadInputDimensions(property.Name, attribute, arguments, diagnostics, cancellationToken);
                layer.ShapeInvalid = diagnostics.Count != reported;
            }
            if (kind.WindowRank > 0)
            {
                int reported = diagnostics.Count;
                layer.Window = ReadWindow(kind, property.Name, attribute, arguments, diagnostics, cancellationToken);
                layer.ShapeInvalid = diagnostics.Count != reported;
            }
            layer.Activation = kind.DefaultActivation;
            if (kind.HasActivationArgument && arguments.Positional(kind.ActivationArgument) is int activation)
                layer.Activation = ReadEnum(activation, Activation.Linear, "Activation", ArgumentLocation(attribute, kind.ActivationArgument, "activation", cancellationToken), diagnostics);
            if (arguments.Named("Init") is int init)
                layer.Init = ReadEnum(init, Init.Auto, "Init", ArgumentLocation(attribute, -1, "Init", cancellationToken), diagnostics);
            if (arguments.Named("RecurrentInit") is int recurrentInit)
                layer.RecurrentInit = ReadEnum(recurrentInit, Init.Auto, "Init", ArgumentLocation(attribute, -1, "RecurrentInit", cancellationToken), diagnostics);
            layer.Name = arguments.Named("Name") as string;
            layer.Residual = arguments.Named("Residual") as string;
            layer.ReturnSequences = arguments.Named("ReturnSequences") is true;
            layer.MemoryBias = kind.MemoryBiasProperty is { } memoryBias && arguments.Named(memoryBias) is float bias ? bias : 0f;

            string expectedType = kind.ViewType;
            if (property.Type.ToDisplayString() != "NetGen." + expectedType)
                diagnostics.Add(Diagnostic(DiagnosticIds.WrongPropertyType, TypeLocation(property, cancellationToken), property.Name, expectedType, AttributeShortName(attribute), property.Type.ToDisplayString()));
            if (!IsPartialGetOnly(property))
                diagnostics.Add(Diagnostic(DiagnosticIds.PropertyNotPartial, NameLocation(property), property.Name, expectedType));
            return layer;
        }
        return null;
    }

    /// <summary>An enum argument's value, or <paramref name="fallback"/> and NG1016 when the value is not defined.</summary>
    private static TEnum ReadEnum<TEnum>(int value, TEnum fallback, string typeName, SourceLocation? where, List<SpecDiagnostic> diagnostics)
        where TEnum : struct, Enum
    {
        if (Enum.IsDefined(typeof(TEnum), value)) return (TEnum)(object)value;
        diagnostics.Add(Diagnostic(DiagnosticIds.UndefinedEnumValue, where, Invariant(value), typeName));
        return fallback;
    }

    private static EquatableArray<LayerSpec> Layout(INamedTypeSymbol type, List<DeclaredLayer> declared, Loss loss, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (declared.Count == 0 || declared[0].Kind.Kind != LayerKind.Input)
        {
            if (!declared.Any(layer => layer.Kind.Kind == LayerKind.Input))
                diagnostics.Add(Diagnostic(DiagnosticIds.MissingInput, NameLocation(type), type.Name));
        }
        if (!declared.Any(layer => layer.Kind.HasParameters))
            diagnostics.Add(Diagnostic(DiagnosticIds.NoLayers, NameLocation(type), type.Name));

        var layers = new List<LayerSpec>();
        bool hasRecurrent = declared.Any(layer => layer.Kind.IsRecurrent);
        var tensorNames = new Dictionary<string, string>(StringComparer.Ordinal);
        long offset = 0;
        int bufferOffset = 0, counterOffset = 0;
        bool shapesKnown = true;
        for (int index = 0; index < declared.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            DeclaredLayer layer = declared[index];
            LayerKindDescriptor kind = layer.Kind;
            bool isInput = kind.Kind == LayerKind.Input;
            if (isInput && index != 0)
                diagnostics.Add(Diagnostic(DiagnosticIds.InputNotFirst, AttributeLocation(layer.Attribute, cancellationToken), layer.Property.Name));

            // Pooling keeps its input's channels and the input has its own dimensions: only the others declare units.
            int size = layer.Size;
            bool declaresUnits = kind.HasParameters && !kind.KeepsShape || isInput && layer.InputDimensions.Length <= 1;
            string sizeName = isInput ? "size" : kind.WindowRank > 0 ? "filters" : "units";
            if (declaresUnits && size <= 0)
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.NonPositiveSize, ArgumentLocation(layer.Attribute, 0, sizeName, cancellationToken), layer.Property.Name, Invariant(size)));
                size = 1;
            }
            else if (declaresUnits && size > Limits.MaxLayerSize)
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.TooLarge, ArgumentLocation(layer.Attribute, 0, sizeName, cancellationToken), layer.Property.Name, Invariant(size) + " units", Invariant(Limits.MaxLayerSize) + " units"));
                size = 1;
            }

            bool isLast = index == declared.Count - 1;
            bool isRecurrent = kind.IsRecurrent;
            // Sequence mode: in a network with recurrent layers, everything up to the last recurrent layer that
            // returns sequences runs once per time step; a recurrent layer without ReturnSequences hands only its
            // last step on, and no recurrent layer may come after that.
            bool previousOutputsSequence = index > 0 && layers[index - 1].OutputsSequence;
            if (isRecurrent && index > 0 && !previousOutputsSequence)
                diagnostics.Add(Diagnostic(DiagnosticIds.RecurrentAfterReduction, AttributeLocation(layer.Attribute, cancellationToken), layer.Property.Name));
            bool runsPerStep = isInput ? hasRecurrent : isRecurrent || previousOutputsSequence;
            bool outputsSequence = isRecurrent ? layer.ReturnSequences : runsPerStep;

            // The input reads nothing; a first layer that is not the input (NG1002/NG1003 reported) reads nothing either.
            Shape inputShape = isInput || index == 0 ? Shape.Features(0, runsPerStep) : layers[index - 1].OutputShape with { HasSteps = runsPerStep };
            int[] outputDimensions = OutputDimensions(layer, size, inputShape, readsInput: index == 1, ref shapesKnown, diagnostics, cancellationToken);
            Shape outputShape = new(new EquatableArray<int>(outputDimensions), outputsSequence);

            var dimensions = new LayerDimensions(inputShape.Dimensions.ToArray(), outputDimensions, layer.Window);
            long parameterCount = kind.ParameterCount(dimensions);
            if (offset + parameterCount > Limits.MaxParameterCount)
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.TooLarge, ArgumentLocation(layer.Attribute, 0, sizeName, cancellationToken), layer.Property.Name, Invariant(offset + parameterCount) + " parameters", Invariant(Limits.MaxParameterCount) + " parameters"));
                parameterCount = 0;
            }
            CheckWorkspace(layer, inputShape, outputShape, diagnostics, cancellationToken);

            if (GeneratedMembers.Names.Contains(layer.Property.Name))
                diagnostics.Add(Diagnostic(DiagnosticIds.ReservedLayerName, NameLocation(layer.Property), layer.Property.Name));

            string tensorName = layer.Name ?? layer.Property.Name;
            if (!isInput)
            {
                if (tensorNames.TryGetValue(tensorName, out string? other))
                    diagnostics.Add(Diagnostic(DiagnosticIds.DuplicateTensorName, layer.Name is null ? NameLocation(layer.Property) : ArgumentLocation(layer.Attribute, -1, "Name", cancellationToken), tensorName, layer.Property.Name, other));
                else
                    tensorNames.Add(tensorName, layer.Property.Name);
            }

            if (layer.Activation == Activation.Softmax && (!isLast || isRecurrent || outputDimensions.Length > 1))
                diagnostics.Add(Diagnostic(DiagnosticIds.SoftmaxNotLast, ArgumentLocation(layer.Attribute, kind.ActivationArgument, "activation", cancellationToken), layer.Property.Name));

            int residualIndex = ResolveResidual(declared, layers, index, outputShape, diagnostics, cancellationToken);
            if (residualIndex >= 0 && layers[residualIndex].OutputsSequence != outputsSequence)
            {
                diagnostics.Add(Diagnostic(DiagnosticIds.ResidualAcrossSequence, ArgumentLocation(layer.Attribute, -1, "Residual", cancellationToken), layer.Property.Name, layer.Residual!));
                residualIndex = -1;
            }
            layers.Add(new LayerSpec(
                index, layer.Property.Name, Modifiers(layer.Property.DeclaredAccessibility),
                layer.Property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), IsPartialGetOnly(layer.Property), tensorName, kind.Kind,
                layer.Activation, layer.Init, layer.Init == Init.Auto ? ActivationCatalog.Of(layer.Activation).AutoInit : layer.Init,
                inputShape, outputShape, (int)offset, (int)parameterCount, layer.Residual, residualIndex)
            {
                RecurrentInit = layer.RecurrentInit == Init.Auto ? Init.Orthogonal : layer.RecurrentInit,
                ReturnSequences = layer.ReturnSequences,
                MemoryBias = layer.MemoryBias,
                Window = layer.Window,
                DropoutProbability = layer.DropoutProbability,
                BufferOffset = bufferOffset,
                CounterOffset = counterOffset,
            });
            offset += parameterCount;
            bufferOffset += layers[layers.Count - 1].BufferCount;
            counterOffset += kind.Counters.Length;
        }

        if (declared.Count > 1)
            CheckLossAgainstOutput(declared[declared.Count - 1], loss, layers[layers.Count - 1].HasResidual, diagnostics, cancellationToken);
        return new EquatableArray<LayerSpec>(layers.ToArray());
    }

    /// <summary>
    /// SequenceLength sizes the per-step workspace (steps × the widest per-step buffer): it may be 0 (not set) but
    /// not negative, and no buffer may hold more than <see cref="Limits.MaxParameterCount"/> values (1 GiB, as the parameters; it
    /// keeps steps × width within int).
    /// </summary>
    private static void CheckSequenceLength(AttributeData networkAttribute, int sequenceLength, EquatableArray<LayerSpec> layers, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (sequenceLength < 0)
        {
            diagnostics.Add(Diagnostic(DiagnosticIds.NonPositiveSize, ArgumentLocation(networkAttribute, -1, "SequenceLength", cancellationToken), "SequenceLength", Invariant(sequenceLength)));
            return;
        }
        long widest = 0;
        foreach (LayerSpec layer in layers)
            if (layer.RunsPerStep) widest = Math.Max(widest, Math.Max(layer.Rows, layer.OutputSize));
        long values = sequenceLength * widest;
        if (values > Limits.MaxParameterCount)
            diagnostics.Add(Diagnostic(DiagnosticIds.TooLarge, ArgumentLocation(networkAttribute, -1, "SequenceLength", cancellationToken), "SequenceLength",
                Invariant(values) + " values in one step buffer", Invariant(Limits.MaxParameterCount) + " values in one step buffer"));
    }

    private static int ResolveResidual(List<DeclaredLayer> declared, List<LayerSpec> layers, int index, Shape shape, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        DeclaredLayer layer = declared[index];
        if (layer.Residual is null) return -1;
        SourceLocation? where = ArgumentLocation(layer.Attribute, -1, "Residual", cancellationToken);
        int target = declared.FindIndex(other => other.Property.Name == layer.Residual);
        if (target < 0)
        {
            diagnostics.Add(Diagnostic(DiagnosticIds.ResidualUnknown, where, layer.Property.Name, layer.Residual));
            return -1;
        }
        if (target >= index)
        {
            diagnostics.Add(Diagnostic(DiagnosticIds.ResidualNotEarlier, where, layer.Property.Name, layer.Residual));
            return -1;
        }
        // The identity path adds values one to one, so the per-sample shapes must be equal (steps are checked by the caller).
        Shape other = layers[target].OutputShape;
        if (!other.Dimensions.Equals(shape.Dimensions))
        {
            diagnostics.Add(Diagnostic(DiagnosticIds.ResidualSizeMismatch, where, layer.Property.Name, (shape with { HasSteps = false }).ToString(), layer.Residual, (other with { HasSteps = false }).ToString()));
            return -1;
        }
        return target;
    }

    private static void CheckLossAgainstOutput(DeclaredLayer output, Loss loss, bool outputHasResidual, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
    {
        Activation? required = LossCatalog.Of(loss).RequiredOutput;
        SourceLocation? where = ArgumentLocation(output.Attribute, output.Kind.ActivationArgument, "activation", cancellationToken);
        if (required is not null && output.Kind.IsRecurrent)
            diagnostics.Add(Diagnostic(DiagnosticIds.LossOutputMismatch, where, loss.ToString(), "a Dense " + required + " output", output.Property.Name, output.Kind.Kind + " (add a Dense layer after it)"));
        else if (required is { } activation && output.Activation != activation)
            diagnostics.Add(Diagnostic(DiagnosticIds.LossOutputMismatch, where, loss.ToString(), activation.ToString(), output.Property.Name, output.Activation.ToString()));
        else if (required is null && output.Activation == Activation.Softmax)
            diagnostics.Add(Diagnostic(DiagnosticIds.LossOutputMismatch, where, loss.ToString(), "a non-Softmax", output.Property.Name, "Softmax (use Loss.CrossEntropy)"));
        else if (required is not null && outputHasResidual)
            diagnostics.Add(Diagnostic(DiagnosticIds.ResidualOnProbabilityOutput, ArgumentLocation(output.Attribute, -1, "Residual", cancellationToken), output.Property.Name, loss.ToString()));
    }

    /// <summary>Reads attribute arguments by position or by name without caring how they were written.</summary>
    private readonly struct AttributeArguments(AttributeData attribute)
    {
        public object? Positional(int index)
            => index < attribute.ConstructorArguments.Length && attribute.ConstructorArguments[index].Kind != TypedConstantKind.Error
                ? attribute.ConstructorArguments[index].Value
                : null;

        public object? Named(string name)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                if (argument.Key == name && argument.Value.Kind != TypedConstantKind.Error) return argument.Value.Value;
            return null;
        }
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        => type.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>What the generator can implement: a partial, get-only, non-virtual instance property.</summary>
    private static bool IsPartialGetOnly(IPropertySymbol property)
        => property.IsPartialDefinition && !property.IsStatic && property.SetMethod is null && property.GetMethod is not null
           && !property.IsVirtual && !property.IsOverride && !property.IsAbstract && !property.IsSealed && !property.IsExtern;

    private static string TypeKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    /// <summary>The name as a declaration writes it: keywords escaped (a class may be named @class), type parameters listed.</summary>
    private static string NameWithTypeParameters(INamedTypeSymbol type)
    {
        string name = CSharpIdentifier.Escape(type.Name);
        return type.TypeParameters.Length == 0 ? name : $"{name}<{string.Join(", ", type.TypeParameters.Select(parameter => CSharpIdentifier.Escape(parameter.Name)))}>";
    }

    /// <summary>
    /// A file name unique per type: namespace, containing types joined by '-', and the generic arity as
    /// {n}. Identifiers contain neither '-' nor '{', so no two types share a name (Net&lt;T&gt; is Net{1}, not Net_T_).
    /// </summary>
    private static string HintName(INamedTypeSymbol type)
    {
        var name = new System.Text.StringBuilder();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            string part = current.Arity == 0 ? current.Name : current.Name + "{" + current.Arity.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
            name.Insert(0, name.Length == 0 ? part : part + "-");
        }
        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns) name.Insert(0, ns.ToDisplayString() + ".");
        return name + ".g.cs";
    }

    private static string Modifiers(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static string AttributeShortName(AttributeData attribute)
    {
        string name = attribute.AttributeClass?.Name ?? "";
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static SpecDiagnostic Diagnostic(string id, SourceLocation? location, params string[] arguments)
        => new(id, new EquatableArray<string>(arguments), location);

    private static SourceLocation? NameLocation(ISymbol symbol) => ToSourceLocation(symbol.Locations.FirstOrDefault());

    private static SourceLocation? TypeLocation(IPropertySymbol property, CancellationToken cancellationToken)
        => property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is PropertyDeclarationSyntax syntax
            ? ToSourceLocation(syntax.Type.GetLocation())
            : NameLocation(property);

    private static SourceLocation? AttributeLocation(AttributeData attribute, CancellationToken cancellationToken)
        => ToSourceLocation(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());

    private static SourceLocation? ArgumentLocation(AttributeData attribute, int position, string name, CancellationToken cancellationToken)
        => ToSourceLocation(AttributeSyntaxLookup.ArgumentOrAttribute(attribute, position, name, cancellationToken));

    private static SourceLocation? ToSourceLocation(Location? location)
    {
        if (location is null || !location.IsInSource) return null;
        FileLinePositionSpan lines = location.GetLineSpan();
        return new SourceLocation(lines.Path ?? "", location.SourceSpan.Start, location.SourceSpan.Length,
            lines.StartLinePosition.Line, lines.StartLinePosition.Character, lines.EndLinePosition.Line, lines.EndLinePosition.Character);
    }
}
